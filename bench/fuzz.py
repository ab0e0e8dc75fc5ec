"""Fuzz the parser and the rules: generated and mutated HTML through parse and the full rule run.

    python bench/fuzz.py                      # 10,000 documents, seed 1, 2 processes
    python bench/fuzz.py --count 500 --seed 7 --jobs 1 --slow 0.5

Half the documents are tag soup made from a small grammar, half are mutations of the pages of
the example sites (examples/sites/), each put in place of that page in its site. Every
document goes through parse_page, build_site and every rule; every 20th runs twice to check
that the findings are the same. Prints the counts of documents, exceptions (a raise, or a rule
that failed), nondeterministic results and slow cases, the slowest case (wall seconds) and the
costliest (CPU seconds of its process: on a machine others share, wall time also counts the
time the process waited for a core). The first document of each exception kind, and the
slowest, are written to bench/out/fuzz/.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from auditor.checks.loader import load_rules
from auditor.checks.rule import Rule
from auditor.checks.run import run_rules
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.parse import parse_page
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.sources.folder import read_folder
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()  # read once for every document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "sites"
OUT = ROOT / "bench" / "out" / "fuzz"


def _words(text: str) -> list[str]:
    return text.split()


TAGS = _words(
    "div p span h1 h2 h3 h4 a button form input nav footer header section article main ul ol "
    "li blockquote figure figcaption table tr td th script style template noscript del s br "
    "img abbr label select option textarea iframe svg math body html head title meta"
)
ATTRS = {
    "class": ["btn", "button", "elementor-button", "wp-block-button__link", "testimonial",
              "cookie-banner", "price", "nav", "hidden", "x" * 300],
    "href": ["/", "/over-mij/", "/aanbod/", "/tarieven/", "/contact/", "#over", "#tarieven",
             "mailto:a@b.nl", "tel:0612345678", "https://calendly.com/x", "javascript:alert(1)",
             "https://www.mollie.com/pay", "//evil.test/", "http://[::1", "\x00", "%zz",
             "//[x", "http://a:99999999/", "http://[zz]/"],
    "id": ["over", "tarieven", "aanbod", "contact", "main"],
    "style": ["display:none", "visibility: hidden", "color:red"],
    "type": ["email", "text", "submit", "checkbox", "hidden", "button"],
    "role": ["button", "navigation", "contentinfo"],
    "lang": ["nl", "en", "de", "xx", "EN-gb", ""],
    "name": ["email", "EMAIL", "naam"],
    "hidden": [""], "checked": [""], "aria-hidden": ["true"],
    "onclick": ["location.href='/boek'", "window.open('https://x.test')"],
    "alt": ["handtekening", "signature", "foto"],
    "title": ["Neuro-Linguïstisch Programmeren", ""],
    "action": ["/subscribe", "https://list-manage.com/x"],
    "value": ["Boek nu", "Aanmelden", "Sign up"],
}  # fmt: skip
WORDS = _words(
    "Welkom op mijn website Hallo ik ben Marieke loopbaancoach Loop je vast in je werk? "
    "Coachtraject Vrij Zes sessies € 1.250,- per sessie €95 $150 £80 Investering vanaf op "
    "aanvraag Boek je sessie Meld je aan Plan je kennismakingsgesprek Mail me Neem contact op "
    "Lees meer Met vriendelijke groet Warm regards Love, NLP EMDR Voice Dialogue opleiding "
    "2009 – Training Leidinggeven certificaat Over mij Tarieven Aanbod Privacy Ervaringen "
    "Wat klanten zeggen I help you your career coaching for women who Book a call Sign up "
    "Herken je dit? Ben jij een ondernemer die mijn man en kinderen getrouwd met "
    "KvK 12345678 06-12345678 verdien € 5.000 per maand gratis kennismaking"
)
ODD = ["\x00", "\x1b[31m", "\u202e", "\ufeff", "&#xD800;", "&#0;", "&#x110000;", "&amp;",
       "&nbsp;", "&euro;", "<!--", "-->", "<![CDATA[", "]]>", "<?php echo 1 ?>", "<!DOCTYPE",
       "</", "<", ">", "'", '"', "=", "\r\n", "\t", "é", "ë", "€", "𝒳"]  # fmt: skip


def generate(rng: random.Random) -> bytes:
    """A document of tag soup: nested elements, some unclosed, with odd text between."""
    parts: list[str] = []
    depth, open_tags = 0, []
    for _ in range(rng.randint(1, 400)):
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(TAGS)
            attrs = "".join(
                f' {name}="{rng.choice(ATTRS[name])}"'
                for name in rng.sample(sorted(ATTRS), rng.randint(0, 3))
            )
            parts.append(f"<{tag}{attrs}>")
            open_tags.append(tag)
            depth += 1
        elif roll < 0.55 and open_tags:
            tag = open_tags.pop() if rng.random() < 0.8 else rng.choice(TAGS)
            parts.append(f"</{tag}>")
        elif roll < 0.9:
            parts.append(" ".join(rng.choices(WORDS, k=rng.randint(1, 12))))
        else:
            parts.append(rng.choice(ODD))
    if rng.random() < 0.7:
        parts.extend(f"</{tag}>" for tag in reversed(open_tags))
    lang = rng.choice(["nl", "en", "de", ""])
    return f'<html lang="{lang}"><body>{"".join(parts)}</body></html>'.encode()


def _span(rng: random.Random, text: bytes) -> tuple[int, int]:
    start = rng.randrange(len(text) + 1)
    return start, min(len(text), start + rng.randint(0, 2000))


def _insert(rng: random.Random, text: bytes, piece: bytes) -> bytes:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def mutate(rng: random.Random, text: bytes) -> tuple[bytes, str]:
    """One to three random mutations of a page; returns the bytes and their names."""
    names = []
    for _ in range(rng.randint(1, 3)):
        name, change = rng.choice(MUTATIONS)
        text = change(rng, text)
        names.append(name)
    return text, "+".join(names)


def _delete(rng: random.Random, text: bytes) -> bytes:
    start, stop = _span(rng, text)
    return text[:start] + text[stop:]


def _duplicate(rng: random.Random, text: bytes) -> bytes:
    start, stop = _span(rng, text)
    return text[:stop] + text[start:stop] * rng.randint(1, 50) + text[stop:]


def _truncate(rng: random.Random, text: bytes) -> bytes:
    return text[: rng.randrange(len(text) + 1)]


def _no_end_tags(rng: random.Random, text: bytes) -> bytes:
    return text.replace(b"</", b"<!--x-->", rng.randint(1, 10**6))


def _flip_bytes(rng: random.Random, text: bytes) -> bytes:
    return bytes(b ^ (1 << rng.randrange(8)) if rng.random() < 0.001 else b for b in text)


def _soup(rng: random.Random, text: bytes) -> bytes:
    return _insert(rng, text, generate(rng))


def _deep(rng: random.Random, text: bytes) -> bytes:
    tag = rng.choice(["div", "a href=/x", "header", "nav", "footer", "form", "blockquote", "li"])
    depth = rng.choice([100, 1000, 10_000])
    return _insert(rng, text, f"<{tag}>".encode() * depth + b"<p>diep</p>")


def _odd(rng: random.Random, text: bytes) -> bytes:
    return _insert(rng, text, "".join(rng.choices(ODD, k=20)).encode())


def _invalid_bytes(rng: random.Random, text: bytes) -> bytes:
    return _insert(rng, text, bytes(rng.randrange(256) for _ in range(50)))


def _encoding(rng: random.Random, text: bytes) -> bytes:
    decoded = text.decode("utf-8", "replace")
    codec = rng.choice(["cp1252", "utf-16", "latin-1", "utf-8-sig"])
    encoded = decoded.encode(codec, "replace")
    return encoded if rng.random() < 0.5 else b'<meta charset="utf-8">' + encoded


def _unclosed(rng: random.Random, text: bytes) -> bytes:
    opener = rng.choice([b"<script>", b"<style>", b"<!--", b"<![CDATA[", b"<textarea>", b"<title>"])
    return _insert(rng, text, opener)


def _links(rng: random.Random, text: bytes) -> bytes:
    return _insert(rng, text, b"".join(b'<a href="/p%d">Over mij</a>' % n for n in range(10_000)))


def _rename(rng: random.Random, text: bytes) -> bytes:
    old = rng.choice([b"<p", b"<h2", b"<a ", b"<li"])
    return text.replace(old, rng.choice([b"<span", b"<h1", b"<nav", b"<button "]))


def _directives(rng: random.Random, text: bytes) -> bytes:
    words = [b"disable", b"enable", b"disable-next", b"bogus"]
    comments = b"".join(
        b"<!-- auditor-%s price-next-to-offer -->x " % rng.choice(words) for _ in range(5000)
    )
    return _insert(rng, text, comments)


def _big_line(rng: random.Random, text: bytes) -> bytes:
    repeat = rng.choice([1000, 30_000, 150_000])  # up to a 5 MB line
    return _insert(rng, text, b"<p>" + b"Ik help je verder met je loopbaan. " * repeat)


MUTATIONS = [
    (f.__name__.strip("_").replace("_", "-"), f)
    for f in (_delete, _duplicate, _truncate, _no_end_tags, _flip_bytes, _soup, _deep, _odd,
              _invalid_bytes, _encoding, _unclosed, _links, _rename, _directives, _big_line)
]  # fmt: skip


@dataclass
class Outcome:
    """What one document did."""

    label: str
    seconds: float
    cpu: float  # CPU seconds of this process: what the document cost on a busy machine
    error: str | None = None  # "Type: message" of a raise or of a rule that failed
    nondeterministic: bool = False
    document: bytes = field(default=b"", repr=False)


def _sites() -> dict[str, tuple[list[RawPage], dict[str, Page]]]:
    sites = {}
    parsing = ParseContext(KNOWLEDGE)
    for folder in sorted(EXAMPLES.iterdir()):
        if folder.is_dir():
            raws, _ = read_folder(folder)
            sites[folder.name] = (raws, {raw.url: parse_page(raw, parsing) for raw in raws})
    return sites


def _findings(raws: list[RawPage], parsed: dict[str, Page], rules: list[Rule]) -> tuple:
    reader = PageReader(ParseContext(KNOWLEDGE), parsed.values())
    site = build_site("fuzz", raws, [], reader)
    findings = run_rules(site, rules)
    failed = [e.message for e in site.errors]
    return tuple((f.rule, f.page, f.message, f.fingerprint) for f in findings), failed


def run_one(n: int, seed: int) -> Outcome:
    """Make document `n` of the run and put it through parse and the rules."""
    rng = random.Random(f"{seed}-{n}")
    sites, rules = _state()
    if n % 2:
        name = rng.choice(sorted(sites))
        site_raws, site_parsed = sites[name]
        target = site_raws[rng.randrange(len(site_raws))]
        content, how = mutate(rng, target.content)
        label = f"{name}{target.url} {how}"
        raws = [RawPage(r.url, content, path=r.path) if r is target else r for r in site_raws]
        keep = {url: page for url, page in site_parsed.items() if url != target.url}
    else:
        content, label = generate(rng), "generated"
        raws, keep = [RawPage("/", content, path="index.html")], {}
    parsed = copy.deepcopy(keep)
    started, cpu_start = time.perf_counter(), time.process_time()
    try:
        first, failed = _findings(raws, parsed, rules)
        # the document's cost is one audit; the determinism check's second one is the bench's
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_start
        again = _findings(raws, copy.deepcopy(keep), rules)[0] if n % 20 < 2 else first
    except Exception as exc:  # the point of the bench: count them
        error = f"{type(exc).__name__}: {exc}"[:300]
        return Outcome(label, time.perf_counter() - started, time.process_time() - cpu_start, error,
                       document=content)  # fmt: skip
    return Outcome(label, seconds, cpu, failed[0] if failed else None, again != first, content)


_STATE: tuple[dict, list[Rule]] | None = None


def _state() -> tuple[dict, list[Rule]]:
    """The example sites, parsed, and the rules: loaded once per process."""
    global _STATE
    if _STATE is None:
        _STATE = (_sites(), load_rules())
    return _STATE


def _batch(args: tuple[int, int, int, float]) -> list[Outcome]:
    start, stop, seed, slow = args
    outcomes = []
    for n in range(start, stop):
        outcome = run_one(n, seed)
        if not (
            outcome.error or outcome.nondeterministic or max(outcome.seconds, outcome.cpu) >= slow
        ):
            outcome.document = b""  # keep only what may be written out
        outcomes.append(outcome)
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds that count as slow")
    args = parser.parse_args(argv)

    starts = range(0, args.count, 100)
    chunks = [(n, min(n + 100, args.count), args.seed, args.slow) for n in starts]
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for batch in pool.map(_batch, chunks):
            outcomes.extend(batch)
    wall = time.perf_counter() - started

    errors = [o for o in outcomes if o.error]
    flaky = [o for o in outcomes if o.nondeterministic]
    slow = [o for o in outcomes if o.seconds >= args.slow]
    slowest = max(outcomes, key=lambda o: o.seconds)
    costliest = max(outcomes, key=lambda o: o.cpu)
    OUT.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, Outcome] = {}
    for o in errors:
        kinds.setdefault(o.error.split(":")[0] if o.error else "", o)
    for n, (kind, o) in enumerate(kinds.items()):
        (OUT / f"exception-{n}-{kind[:40]}.html").write_bytes(o.document)
    (OUT / "slowest.html").write_bytes(slowest.document)

    print(f"documents:          {len(outcomes)} ({sum(o.label == 'generated' for o in outcomes)} "
          f"generated, {sum(o.label != 'generated' for o in outcomes)} mutated), "
          f"seed {args.seed}, {wall:.0f} s")  # fmt: skip
    print(f"exceptions:         {len(errors)}")
    for kind, o in kinds.items():
        count = sum(e.error.split(":")[0] == kind for e in errors if e.error)
        print(f"  {count} x {o.error}  [{o.label}]")
    print(f"nondeterministic:   {len(flaky)}" + (f"  [{flaky[0].label}]" if flaky else ""))
    print(f"slow (>= {args.slow:g} s):    {len(slow)}")
    print(f"slowest:            {slowest.seconds:.2f} s  [{slowest.label}, "
          f"{len(slowest.document):,} bytes]")  # fmt: skip
    print(f"most CPU:           {costliest.cpu:.2f} s CPU  [{costliest.label}, "
          f"{costliest.seconds:.2f} s wall]")  # fmt: skip
    times = sorted(o.seconds for o in outcomes)
    print(f"median, 99th:       {times[len(times) // 2] * 1000:.0f} ms, "
          f"{times[int(len(times) * 0.99)] * 1000:.0f} ms")  # fmt: skip
    return 1 if errors or flaky else 0


if __name__ == "__main__":
    sys.exit(main())

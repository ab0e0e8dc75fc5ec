"""Generate a site of N pages from the real pages of the corpus, varied, deterministic by seed.

    python bench/make_corpus_site.py OUT --pages 2000 [--seed 1] [--corpus ../shared/corpus]

The corpus's ~200 HTML pages (46 real sites, nl/en/de, hand-written and builder markup) are
copied again and again: copy k of site S is under /kK/S/, its relative links still lead to the
pages of that copy. Each copy is varied: its titles and h1s carry the copy's number, the
numbers in its copy (prices, years) are shifted, a paragraph may be dropped or doubled, and a
footer links to the same page of the next copy and back to the hub. The hub (/index.html)
links to every copy's homepage. The same seed and page count always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

from make_site import say_written

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
_TEXT = re.compile(r">([^<>]{3,})<")
_NUMBER = re.compile(r"\d+")
_HEADING = re.compile(r"(<(?:title|h1)\b[^>]*>)", re.I)
_PARAGRAPH = re.compile(r"<p\b[^>]*>[^<]{20,}</p>", re.I)
_RAW = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def corpus_pages(corpus: Path) -> list[tuple[str, str, str]]:
    """(site, path in the site, text) of every HTML page of the corpus, in path order."""
    pages = []
    for file in sorted(corpus.glob("*/**/*.html")):
        rel = file.relative_to(corpus)
        pages.append((rel.parts[0], "/".join(rel.parts[1:]), file.read_text("utf-8", "replace")))
    return pages


def _vary_text(rng: random.Random, text: str, k: int) -> str:
    """Shift the numbers in the copy (not in scripts or styles) and drop or double a paragraph."""
    shift = rng.randint(1, 40)

    def copy_part(part: str) -> str:
        part = _TEXT.sub(
            lambda m: ">" + _NUMBER.sub(lambda n: str(int(n.group()) + shift), m.group(1)) + "<",
            part,
        )
        paragraphs = _PARAGRAPH.findall(part)
        if paragraphs:
            chosen = rng.choice(paragraphs)
            part = part.replace(chosen, "" if rng.random() < 0.5 else chosen * 2, 1)
        return part

    out, pos = [], 0
    for raw in _RAW.finditer(text):
        out += [copy_part(text[pos : raw.start()]), raw.group()]
        pos = raw.end()
    out.append(copy_part(text[pos:]))
    text = "".join(out)
    return _HEADING.sub(lambda m: f"{m.group(1)}({k}) ", text) if k else text


def _footer(site: str, path: str, k: int, copies: int) -> str:
    nxt = (k + 1) % copies
    return (
        f'<footer class="bench-copy"><a href="/k{nxt}/{site}/{path}">Copy {nxt}</a> '
        f'<a href="/">All copies</a></footer>'
    )


def generate(out: Path, pages: int, seed: int = 1, corpus: Path = CORPUS) -> list[Path]:
    """Write the site to `out` (replacing it) and return the files written."""
    source = corpus_pages(corpus)
    if not source:
        raise SystemExit(f"no HTML pages under {corpus}")
    copies = -(-(pages - 1) // len(source))
    if out.exists():
        shutil.rmtree(out)
    written, homes = [], []
    for i in range(pages - 1):
        k, (site, path, text) = divmod(i, len(source))[0], source[i % len(source)]
        rng = random.Random(f"{seed}:{k}:{site}:{path}")
        text = _vary_text(rng, text, k)
        footer = _footer(site, path, k, copies)
        at = text.lower().rfind("</body>")
        text = text[:at] + footer + text[at:] if at >= 0 else text + footer
        file = out / f"k{k}" / site / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        written.append(file)
        if path == "index.html":
            homes.append(f'<li><a href="/k{k}/{site}/">{site} ({k})</a></li>')
    hub = out / "index.html"
    hub.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Copies</title>'
        f"</head><body><h1>All copies</h1><ul>{''.join(homes)}</ul></body></html>\n",
        encoding="utf-8",
    )
    return [hub, *written]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    say_written(generate(args.out, max(args.pages, 2), args.seed, args.corpus), args.out)


if __name__ == "__main__":
    main()

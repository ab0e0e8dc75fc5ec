"""Work that grows with a site stays linear: pricing blocks read once, source positions found
only for the elements a finding is on, and shortcuts that give what the long way gives."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.audit.engine import AuditOptions, audit
from auditor.audit.pagework import Context, whole_roles, work_on
from auditor.checks.kinds import KINDS, offer_price
from auditor.checks.loader import load_rules
from auditor.core.urls import plain_path
from auditor.lexicons.knowledge import load_knowledge
from auditor.page import sourcepos
from auditor.page.context import ParseContext
from auditor.page.controls import MAX_LABEL
from auditor.page.parse import parse_page
from auditor.page.text import clean, clean_start
from auditor.sources.folder import list_folder, read_entry
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup
PARSING = ParseContext(KNOWLEDGE)

CODES = [f"Kompas{i:02d}" for i in range(12)]
NAMES = [f"Workshop {code}" for code in CODES]
OFFERS = list(zip(CODES, NAMES, strict=True))


def _page(title: str, body: str) -> str:
    return (
        f'<html lang="nl"><head><title>{title}</title></head><body><nav><a href="/">Home</a> '
        f'<a href="/tarieven/">Tarieven</a></nav><main>{body}</main></body></html>'
    )


@pytest.fixture
def offers_site(tmp_path: Path) -> Path:
    """Twelve offer pages without a price; a price list names each (in reverse order)."""
    rows = "".join(f"<li>{code}: € {100 + i},-</li>" for i, code in enumerate(CODES[::-1]))
    files = {
        "index.html": _page("Praktijk", "<h1>Loop je vast in je werk?</h1>" + "".join(
            f'<a href="/aanbod/{c.lower()}/">{n}</a>' for c, n in OFFERS)),
        "tarieven/index.html": _page("Tarieven", f"<h1>Tarieven</h1><ul>{rows}</ul>"),
        **{f"aanbod/{c.lower()}/index.html": _page(n, (
            f"<h1>{n}</h1><p>Een dag samen werken aan wat jij wilt, in een kleine groep.</p>"
            "<a class='button' href='https://calendly.com/x'>Boek nu</a>"))
           for c, n in OFFERS},
    }  # fmt: skip
    for name, html in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    return tmp_path


def test_each_pricing_block_is_read_once_however_many_offers_lack_a_price(
    offers_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    find_prices = offer_price.find_prices

    def counted(text: str, traps: object = ()) -> object:
        read.append(text)
        return find_prices(text, traps)  # type: ignore[arg-type]

    monkeypatch.setattr(offer_price, "find_prices", counted)
    report = audit(str(offers_site), AuditOptions(jobs=1))
    found = {f.evidence["offer"]: f.evidence for f in report.findings
             if f.rule == "price-next-to-offer"}  # fmt: skip
    assert set(found) == set(NAMES)
    for i, name in enumerate(NAMES[::-1]):  # each offer gets the price of its own row
        assert found[name]["price_found_on"] == "/tarieven/"
        assert found[name]["price"] == f"€ {100 + i},-"
    rows = [t for t in read if t.startswith("Kompas")]
    # the check and the shop window each index the pricing blocks once: not once per offer
    assert rows and len(rows) == 2 * len(set(rows))


def _blog_page(tmp_path: Path, form: bool) -> Path:
    footer = '<form><input type="email" name="email"><button>Aanmelden</button></form>'
    html = _page("Slapen", "<h1>Slapen na een drukke dag</h1>" + "<p>Lees verder.</p>" * 40)
    html = html.replace("</main>", "</main>" + (footer if form else ""))
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "index.html").write_text(html, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("form", [False, True])
def test_a_short_page_is_scanned_for_positions_only_when_a_finding_is_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: bool
) -> None:
    scans: list[int] = []
    source_tags = sourcepos.SourceTags

    def counted(text: str) -> sourcepos.SourceTags:
        scans.append(len(text))
        return source_tags(text)

    monkeypatch.setattr(sourcepos, "SourceTags", counted)
    [entry] = list_folder(_blog_page(tmp_path, form))
    rules = load_rules()
    work = work_on(entry, Context(PARSING, [r for r in rules if KINDS[r.check].per_page],
                                  whole_roles(rules)))  # fmt: skip
    assert work.short
    assert len(scans) == (1 if work.findings else 0)
    if form:  # a sign-up form without a privacy link: its line, as a whole parse gives it
        [finding] = work.findings
        page = parse_page(read_entry(entry), PARSING)  # type: ignore[arg-type]
        assert (finding.line, finding.column) == (page.forms[0].line, page.forms[0].column)
        assert finding.line is not None


@given(st.text(alphabet="ab/.?#;:%é_-~\t ß", max_size=12))
def test_a_plain_path_is_its_own_urlsplit_path_and_urljoin_result(tail: str) -> None:
    href = "/" + tail
    if plain_path(href):
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path, parts.query) == ("", "", href, "")
        if "/." not in href:
            for base in ("/", "/a/", "/a/b.html"):
                assert urljoin("http://h.invalid" + base, href) == "http://h.invalid" + href


@given(st.text(alphabet="ab \t\n.\x01\u00a0", min_size=1, max_size=30), st.integers(1, 50))
def test_clean_start_keeps_the_start_clean_gives(piece: str, limit: int) -> None:
    text = piece * (2 * limit + 1001)  # longer than clean_start cleans whole
    short = clean_start(text, limit)
    assert short[:limit] == clean(text)[:limit]
    assert bool(re.search(r"\w", short)) == bool(re.search(r"\w", clean(text)))


def test_a_link_wrapping_megabytes_keeps_a_label_not_the_page() -> None:
    words = "Lees verder over mijn aanbod. " * 40_000
    html = f'<html lang="nl"><body><a href="/aanbod/"><p>{words}</p></a></body></html>'
    [link] = parse_page(RawPage("/", html.encode(), path="index.html"), PARSING).links
    assert link.text == clean(words)[:MAX_LABEL]

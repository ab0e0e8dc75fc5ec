"""Parsing with what it is given: source positions found only when asked, a rendered page's
lines mapped to its source file, the parse context sent to worker processes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import EXAMPLES

from auditor.audit.engine import AuditOptions, audit
from auditor.checks.loader import load_rules
from auditor.checks.run import check_rules
from auditor.lexicons.knowledge import load_knowledge
from auditor.page import sourcepos
from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.parse import parse_page
from auditor.site.model import Site
from auditor.sources.folder import SiteFile, read_entry
from auditor.sources.raw import LineMap, RawPage

PARSING = ParseContext(load_knowledge())
# a sign-up form without a privacy link: a finding on the form
PAGE = (
    '<html lang="nl"><body>\n<h1>Loopbaancoaching in Utrecht</h1>\n'
    "<p>Ik help je weer plezier te krijgen in je werk, in zes sessies van een uur.</p>\n"
    '<form action="/aanmelden"><input type="email" name="email"><button>Aanmelden</button>'
    '</form>\n<p><a href="/contact/">Neem contact op</a></p>\n</body></html>'
)


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the tag scan reads, one entry per scan."""
    scanned: list[str] = []
    scan = sourcepos.SourceTags

    def counted(text: str) -> sourcepos.SourceTags:
        scanned.append(text)
        return scan(text)

    monkeypatch.setattr(sourcepos, "SourceTags", counted)
    return scanned


def test_positions_are_found_when_first_asked_for_and_once(scans: list[str]) -> None:
    page = parse_page(RawPage("/", PAGE.encode(), path="index.html"), PARSING)
    assert page.blocks[1] not in page.blocks[:1] and page.links[0] == page.links[0]
    assert scans == []  # comparing elements does not place them
    assert (page.blocks[0].line, page.blocks[0].column) == (2, 1)
    assert len(scans) == 1
    assert [b.line for b in page.blocks] == [2, 3, 4, 5]
    assert (page.forms[0].line, page.links[-1].line, page.links[-1].column) == (4, 5, 4)
    assert len(scans) == 1


def test_a_page_no_finding_needs_a_line_of_is_never_scanned(scans: list[str]) -> None:
    crawled = parse_page(RawPage("https://coach.example/", PAGE.encode()), PARSING)
    run = check_rules(
        Site("https://coach.example/", [crawled], [], knowledge=PARSING.knowledge), load_rules()
    )
    assert run.findings and all(f.line is None for f in run.findings)  # a URL has no lines
    assert scans == []
    local = parse_page(RawPage("/", PAGE.encode(), path="index.html"), PARSING)
    run = check_rules(Site("site", [local], [], knowledge=PARSING.knowledge), load_rules())
    assert any(f.line == 4 for f in run.findings)
    assert len(scans) == 1


@pytest.mark.parametrize("site", ["en-after", "nl-after"])
def test_an_audit_scans_only_the_pages_its_findings_are_on(site: str, scans: list[str]) -> None:
    # an about page whose credentials sit among its story: its blocks are compared, not placed
    report = audit(str(EXAMPLES / site), AuditOptions(jobs=1))
    assert len(scans) == len({f.path for f in report.findings if f.line is not None})


def test_a_rendered_page_points_at_the_lines_of_its_source_file() -> None:
    source = ("---", "title: Over", "---", "# Over mij", "", "Ik ben  Marieke, coach.", "")
    html = "<html><body>\n<h1>Over mij</h1>\n<p>Ik ben  Marieke, coach.</p>\n</body></html>"
    line_map = LineMap(before=1, lines=(4, 6), source=source)
    page = parse_page(RawPage("/", html.encode(), "over.md", line_map=line_map), PARSING)
    assert [(b.text, b.line, b.column) for b in page.blocks] == [
        ("Over mij", 4, 3),
        ("Ik ben Marieke, coach.", 6, 1),  # white space collapsed: the line's first character
    ]


def test_the_parse_context_travels_to_a_worker_without_its_compiled_matchers() -> None:
    context = ParseContext(load_knowledge())
    page = parse_page(RawPage("/", PAGE.encode(), path="index.html"), context)
    copy = pickle.loads(pickle.dumps(context))
    assert "markup" not in vars(copy)
    again = parse_page(RawPage("/", PAGE.encode(), path="index.html"), copy)
    assert again == page


def test_a_page_sent_to_another_process_finds_its_positions_there(scans: list[str]) -> None:
    page = parse_page(RawPage("/", PAGE.encode(), path="index.html"), PARSING)
    sent = pickle.loads(pickle.dumps(page))
    assert scans == []
    assert [(b.line, b.column) for b in sent.blocks] == [(2, 1), (3, 1), (4, 60), (5, 1)]
    assert (sent.forms[0].line, sent.forms[0].column) == (4, 1)
    assert len(scans) == 1
    assert [(b.line, b.column) for b in page.blocks] == [(b.line, b.column) for b in sent.blocks]


def _from_file(tmp_path: Path, html: str) -> Page:
    """The page of a folder's file, parsed as a folder audit reads it."""
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    raw = read_entry(SiteFile("/", tmp_path / "index.html", "index.html"))
    assert isinstance(raw, RawPage)
    return parse_page(raw, PARSING)


def _waiting(page: Page) -> sourcepos.Positions:
    """The positions a page's first block waits for."""
    pending = page.blocks[0]._pending
    assert isinstance(pending, sourcepos.Positions)
    return pending


def test_a_file_is_read_again_for_its_positions_not_kept(tmp_path: Path) -> None:
    page = pickle.loads(pickle.dumps(_from_file(tmp_path, PAGE)))  # as a worker sends it
    assert (_waiting(page).text, _waiting(page)._packed) == ("", b"")
    kept = parse_page(RawPage("/", PAGE.encode(), path="index.html"), PARSING)
    assert (_waiting(kept).text, bool(_waiting(kept)._packed)) == ("", True)
    assert [(b.line, b.column) for b in page.blocks] == [(2, 1), (3, 1), (4, 60), (5, 1)]
    assert (page.forms[0].line, page.forms[0].column) == (4, 1)
    assert [(b.line, b.column) for b in kept.blocks] == [(b.line, b.column) for b in page.blocks]


def test_a_file_changed_since_it_was_parsed_gives_no_positions(tmp_path: Path) -> None:
    page = _from_file(tmp_path, PAGE)
    (tmp_path / "index.html").write_text("<p>Nieuw</p>\n" + PAGE, encoding="utf-8")
    assert [(b.line, b.column) for b in page.blocks] == [(None, None)] * 4


def test_a_file_too_deep_to_parse_as_is_is_read_again_as_it_was_parsed(tmp_path: Path) -> None:
    html = "<p>Begin</p><!-->" + "<div>" * 3000 + "<p>Diep</p><!-- eind -->"
    page = _from_file(tmp_path, html)
    assert [(b.line, b.column) for b in page.blocks] == [(1, 1), (1, html.index("<p>D") + 1)]

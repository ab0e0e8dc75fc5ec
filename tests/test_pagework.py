"""Folders audited page by page in worker processes give the report of the whole-site model."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from auditor.audit.engine import AuditOptions, TargetError, audit, make_report
from auditor.audit.pagework import MIN_POOL_PAGES, audit_folder
from auditor.audit.report import Report
from auditor.checks.loader import load_rules
from auditor.checks.run import check_rules
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.language import Languages
from auditor.page.model import RoleReason
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.sources.folder import list_folder, read_folder

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup

MENU = (
    '<nav><a href="/">Home</a> <a href="/over-mij/">Over mij</a> '
    '<a href="/praktijk/">Tarieven</a> <a href="/blog/">Blog</a></nav>'
)
FORM = (
    '<form action="/nieuwsbrief"><input type="email" name="email"><button>Aanmelden</button></form>'
)
READER = "Loop je vast in je werk? Herken je dat je 's nachts wakker ligt en niet weet wat je wilt?"


def page(title: str, body: str, form: bool = False) -> str:
    return (
        f'<html lang="nl"><head><title>{title}</title></head><body>{MENU}<main>{body}</main>'
        f"<footer>{FORM if form else ''}</footer></body></html>"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    files = {
        "index.html": page("Praktijk Vrij", f"<h1>{READER}</h1><h2>Coachtraject</h2>"
                           "<p>Zes sessies voor jou.</p><a href='/contact/'>Neem contact op</a>"),
        "over-mij/index.html": page("Over mij", "<h1>Over mij</h1>" + "".join(
            f"<li>{y} – Opleiding coach, diploma NLP</li>" for y in range(2001, 2007))),
        # its own URL, h1 and title name no role: only the menu's label makes it the pricing page
        "praktijk/index.html": page("De praktijk", "<h1>De praktijk</h1>"
                                    "<p>Coachtraject: € 1.250,- voor zes sessies.</p>"),
        # no lang attribute and too short to tell: its language is the site's, known at the end
        "hallo.html": f"<html><body><p>Hi</p>{FORM}</body></html>",
        **{
            f"blog/{n}/index.html": page(f"Blog {n}", f"<h1>Slapen na een drukke dag {n}</h1>"
                                         f"<p>{READER} Lees verder.</p>", form=n % 3 == 0)
            for n in range(MIN_POOL_PAGES + 4)
        },
    }  # fmt: skip
    for name, html in files.items():
        file = tmp_path / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")
    return tmp_path


def whole_site_report(target: str) -> Report:
    """The report of the model that holds every page whole (how a crawl is audited)."""
    raws, errors = read_folder(Path(target))
    site = build_site(target, raws, list(errors), PageReader(ParseContext(KNOWLEDGE)))
    rules = load_rules()
    return make_report(target, site, check_rules(site, rules), rules=rules)


def test_one_job_and_two_give_the_whole_site_report(folder: Path) -> None:
    expected = asdict(whole_site_report(str(folder)))
    roles = {p["url"]: p["role"] for p in expected["pages"]}
    assert roles["/praktijk/"] == "pricing"
    rules = {(f["rule"], f["page"]) for f in expected["findings"]}
    assert ("signup-form-privacy-link", "/blog/3/") in rules
    assert ("signup-form-privacy-link", "/hallo.html") in rules
    assert ("about-page-credentials-list", "/over-mij/") in rules
    for jobs in (1, 2):
        assert asdict(audit(str(folder), AuditOptions(jobs=jobs))) == expected


def test_only_the_pages_site_rules_read_keep_their_copy(folder: Path) -> None:
    site, _ = audit_folder(
        str(folder), list_folder(folder), Languages(), load_rules(), jobs=2, knowledge=KNOWLEDGE
    )
    whole = {p.url for p in site.pages if p.blocks}
    # the pricing page by its menu label was read again; the short page's language is unknown
    assert whole == {"/", "/over-mij/", "/praktijk/", "/hallo.html"}


def test_the_pages_kept_whole_share_the_strings_of_their_menus(folder: Path) -> None:
    site, _ = audit_folder(
        str(folder), list_folder(folder), Languages(), load_rules(), jobs=2, knowledge=KNOWLEDGE
    )
    home, about = (next(p for p in site.pages if p.url == url) for url in ("/", "/over-mij/"))
    assert [link.href for link in home.nav_links] == [link.href for link in about.nav_links]
    for mine, theirs in zip(home.nav_links, about.nav_links, strict=True):
        assert mine.href is theirs.href and mine.text is theirs.text  # one copy, not one a page


def test_a_page_read_again_keeps_the_reason_for_its_role(folder: Path) -> None:
    site, _ = audit_folder(
        str(folder), list_folder(folder), Languages(), load_rules(), jobs=1, knowledge=KNOWLEDGE
    )
    praktijk = next(p for p in site.pages if p.url == "/praktijk/")
    assert praktijk.blocks  # kept short at first, read again as the pricing page
    assert (praktijk.role, praktijk.role_reason) == ("pricing", RoleReason("label", "Tarieven"))


def test_progress_counts_every_page(folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    files = list_folder(folder)
    audit_folder(
        str(folder),
        files,
        Languages(),
        load_rules(),
        1,
        lambda *n: seen.append(n),
        knowledge=KNOWLEDGE,
    )
    total = len(list_folder(folder))
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_a_folder_whose_files_cannot_be_read_is_a_target_error(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"\x00binary")
    with pytest.raises(TargetError, match=r"no HTML file to audit \(/: skipped: binary file\)"):
        audit(str(tmp_path), AuditOptions(jobs=2))

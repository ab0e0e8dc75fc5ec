"""Start here: the three fixes that matter most (errors first, then the pages that sell), one
line each with its page, and a score per page beside the site score; in the text, Markdown
and HTML reports."""

from __future__ import annotations

from conftest import EXAMPLES
from helpers import run

from auditor.audit.priorities import page_scores, top_fixes
from auditor.audit.report import PageSummary, Report
from auditor.audit.score import site_score
from auditor.checks.findings import Finding

ROLES = {"/": "home", "/over/": "about", "/aanbod/": "offer", "/contact/": "contact"}


def finding(rule: str, severity: str, page: str, line: int = 1) -> Finding:
    return Finding(rule, severity, page, None, line, 1, f"{rule} on {page}", "", "fix")


def report(*findings: Finding) -> Report:
    pages = [PageSummary(url, None, role, "nl", 200) for url, role in ROLES.items()]
    return Report("https://example.nl/", pages, list(findings), [])


def test_errors_first_then_the_pages_that_sell_one_fix_per_rule() -> None:
    found = report(
        finding("about-rule", "warning", "/over/"),
        finding("home-tip", "info", "/"),
        finding("form-rule", "error", "/contact/"),
        finding("offer-rule", "warning", "/aanbod/"),
        finding("home-rule", "warning", "/", line=9),
        finding("form-rule", "error", "/", line=3),  # the same rule again, on the homepage
    )
    chosen = [(f.rule, f.page) for f in top_fixes(found)]
    assert chosen == [("form-rule", "/"), ("home-rule", "/"), ("offer-rule", "/aanbod/")]
    assert [f.rule for f in top_fixes(found, skip=frozenset({"form-rule"}))] == [
        "home-rule", "offer-rule", "about-rule"
    ]  # fmt: skip


def test_a_page_score_counts_that_pages_findings_alone() -> None:
    found = report(finding("a", "error", "/"), finding("b", "warning", "/aanbod/"))
    scores = page_scores(found)
    assert scores == {"/": 80, "/over/": 100, "/aanbod/": 90, "/contact/": 100}
    assert site_score(found) == 70 < min(scores.values())


def test_the_text_report_opens_with_three_fixes_and_the_page_scores() -> None:
    lines = run("check", EXAMPLES / "nl-before").stdout.splitlines()
    assert lines[0] == "start here"
    assert [line.split()[:3] for line in lines[1:4]] == [
        ["1.", "error", "aanbod/index.html"],
        ["2.", "error", "aanbod/index.html"],
        ["3.", "warning", "index.html"],  # then the homepage: a page that sells
    ]
    assert all(len(line) <= 110 for line in lines[1:4])  # one line each
    assert lines[4].startswith("  score 0/100; per page: index.html 32, aanbod/index.html 50")
    clean = run("check", EXAMPLES / "nl-after").stdout
    assert "start here" not in clean  # nothing to fix, nothing to start with


def test_markdown_and_html_open_with_them() -> None:
    markdown = run("check", EXAMPLES / "en-before", "--format", "markdown").stdout
    head = markdown.partition("###")[0]
    assert "**Start here**" in head and head.count("\n1. ") == 1 and "\n3. " in head
    assert "Score per page: `index.html` " in head
    html = run("check", EXAMPLES / "en-before", "--format", "html").stdout
    start = html.partition('class="sheet start"')[2].partition("</section>")[0]
    assert start.count('class="start-item') == 3
    for anchor in ("site-1-price-next-to-offer", "site-1-offer-has-buy-button"):
        assert f'href="#{anchor}"' in start and f'id="{anchor}"' in html  # leads to its card
    assert (
        start.count('class="pill band-')
        == len(html.partition('class="sheet pages"')[2].partition("</tbody>")[0].split("<tr id="))
        - 1
    )  # a score for every page read

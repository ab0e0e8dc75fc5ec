"""The site score: 100 for a clean site, points off per broken rule by severity."""

from __future__ import annotations

from auditor.audit.report import PageSummary, Report
from auditor.audit.score import site_score
from auditor.checks.findings import Finding

HOME = PageSummary(url="/", path="index.html", role="home", lang="en", status=None)


def report(*findings: tuple[str, str], pages: int = 1) -> Report:
    """A report of `pages` pages with one finding per (rule, severity)."""
    made = [
        Finding(rule, severity, "/", "index.html", 1, 1, "message", "excerpt", "fix")
        for rule, severity in findings
    ]
    return Report(target="site", pages=[HOME] * pages, findings=made, errors=[])


def test_a_clean_site_scores_100() -> None:
    assert site_score(report()) == 100


def test_each_broken_rule_costs_its_severity_weight() -> None:
    assert site_score(report(("a", "info"))) == 97
    assert site_score(report(("a", "warning"))) == 90
    assert site_score(report(("a", "error"))) == 80
    assert site_score(report(("a", "error"), ("b", "warning"), ("c", "info"))) == 67


def test_a_further_finding_of_the_same_rule_costs_a_quarter() -> None:
    assert site_score(report(("a", "error"), ("a", "error"))) == 75
    assert site_score(report(("a", "error"), ("b", "error"))) == 60


def test_a_rule_costs_at_most_twice_its_weight() -> None:
    assert site_score(report(*[("a", "error")] * 5)) == 60
    assert site_score(report(*[("a", "error")] * 50)) == 60
    assert site_score(report(*[("a", "warning")] * 50)) == 80


def test_the_score_is_rounded_half_up() -> None:
    # 12.5 (two warnings of one rule) + 3 (an info) = 15.5 points off: 84.5
    assert site_score(report(("a", "warning"), ("a", "warning"), ("b", "info"))) == 85


def test_the_score_does_not_go_below_0() -> None:
    findings = [(rule, "error") for rule in "abcdef" for _ in range(3)]
    assert site_score(report(*findings)) == 0


def test_no_score_when_no_page_was_audited() -> None:
    assert site_score(report(pages=0)) is None

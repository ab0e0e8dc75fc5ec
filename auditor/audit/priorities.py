"""Start here: the fixes that matter most, and a score per page beside the site score.

Errors come first; then the pages that sell (the homepage, offer pages, the prices), then the
rest; a rule counts once (its first finding stands for the others), so that three different
fixes are named.
"""

from __future__ import annotations

from auditor.audit.report import Report
from auditor.audit.score import site_score
from auditor.checks.findings import SEVERITIES, Finding

TOP = 3
SELLING = ("home", "offer", "pricing")  # the pages that sell, in this order


def _rank(finding: Finding, roles: dict[str, str]) -> tuple[int, int, str, int]:
    role = roles.get(finding.page, "other")
    selling = SELLING.index(role) if role in SELLING else len(SELLING)
    return SEVERITIES.index(finding.severity), selling, finding.page, finding.line or 0


def top_fixes(
    report: Report, count: int = TOP, skip: frozenset[str] = frozenset()
) -> list[Finding]:
    """The `count` findings to fix first, one per rule (`skip`: rules not for a client)."""
    roles = {p.url: p.role for p in report.pages}
    ranked = sorted((f for f in report.active if f.rule not in skip), key=lambda f: _rank(f, roles))
    chosen: dict[str, Finding] = {}
    for finding in ranked:
        chosen.setdefault(finding.rule, finding)
    return list(chosen.values())[:count]


def page_scores(report: Report) -> dict[str, int]:
    """Each audited page's score: the site score counted on that page's findings alone."""
    by_page: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_page.setdefault(finding.page, []).append(finding)
    scores = {}
    for page in report.pages:
        alone = Report(report.target, [page], by_page.get(page.url, []), [])
        scores[page.url] = site_score(alone) or 0
    return scores

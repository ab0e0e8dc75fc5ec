"""What a report shows besides findings and rule statuses, computed once the rules ran: the
run's rules, the fixes to start with, a score per page, the shop window and who sends it."""

from __future__ import annotations

from auditor.model import Report, Site
from auditor.priorities import page_scores, top_fixes
from auditor.report_data import RuleDoc, Sender
from auditor.shop_window import shop_window
from auditor.suppress import META_RULES


def describe(report: Report, site: Site, docs: list[RuleDoc], sender: Sender | None) -> None:
    """Fill in the report's rule docs, start-here fixes, page scores, shop window and sender."""
    report.rule_docs = docs
    report.start_here = top_fixes(report, skip=META_RULES)
    report.page_scores = page_scores(report)
    report.shop_window = shop_window(site)
    report.sender = sender

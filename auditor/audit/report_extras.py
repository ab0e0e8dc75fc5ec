"""What a report shows besides findings and rule statuses, computed once the rules ran: the
run's rules, the fixes to start with, a score per page, the shop window and who sends it."""

from __future__ import annotations

from auditor.audit.priorities import page_scores, top_fixes
from auditor.audit.report import Report
from auditor.audit.report_data import RuleDoc, Sender
from auditor.audit.shop_window import shop_window
from auditor.checks.suppress import META_RULES
from auditor.site.model import Site


def describe(report: Report, site: Site, docs: list[RuleDoc], sender: Sender | None) -> None:
    """Fill in the report's rule docs, start-here fixes, page scores, shop window and sender."""
    report.rule_docs = docs
    report.start_here = top_fixes(report, skip=META_RULES)
    report.page_scores = page_scores(report)
    report.shop_window = shop_window(site)
    report.sender = sender

"""One audit's report: its pages, findings, each rule's status and what the reports show besides."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.audit.report_data import RuleDoc, Sender, ShopItem
from auditor.checks.findings import Finding
from auditor.sources.raw import FetchError


@dataclass
class PageSummary:
    """What the report says of each audited page."""

    url: str
    path: str | None
    role: str
    lang: str
    status: int | None
    title: str = ""  # the page's <title>


RULE_STATUSES = ("passed", "failed", "not_checked", "off")


@dataclass
class RuleStatus:
    """What the report says of one rule on the site: passed, failed, not checked (and why) or
    off (the configuration turns it off)."""

    id: str
    status: str  # one of RULE_STATUSES
    reason: str | None = None  # not_checked: the reason code
    message: str | None = None  # not_checked: the reason, for people
    page: str | None = None  # not_checked: the page the reason is about, if one
    findings: int = 0  # the findings that count (not suppressed)


@dataclass
class Report:
    """The outcome of one audit, handed to a reporter to format."""

    target: str
    pages: list[PageSummary]
    findings: list[Finding]
    errors: list[FetchError]
    rules: list[RuleStatus] = field(default_factory=list)  # empty: not known (an older report)
    lang: str | None = None  # the language asked for the report (--lang); None: its pages'
    # computed before the reporters, which only show them
    shop_window: list[ShopItem] = field(default_factory=list)
    # the run's rules (empty: not known, a report read back from JSON); not in the JSON
    rule_docs: list[RuleDoc] = field(default_factory=list)
    start_here: list[Finding] = field(default_factory=list)  # the fixes that matter most
    page_scores: dict[str, int] = field(default_factory=dict)  # page URL -> its score
    sender: Sender | None = None

    @property
    def active(self) -> list[Finding]:
        """The findings that count: not silenced by an inline directive or the baseline."""
        return [f for f in self.findings if f.suppression is None]

    @property
    def suppressed(self) -> list[Finding]:
        """The findings an inline directive or the baseline silences."""
        return [f for f in self.findings if f.suppression is not None]

    def count(self, severity: str) -> int:
        """The active findings of a severity."""
        return sum(1 for f in self.active if f.severity == severity)

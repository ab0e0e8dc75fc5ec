"""What the HTML reports show, as plain data: language, labels, site name, verdicts, quotes.

Nothing here is HTML: the templates escape every value, so page text stays text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from auditor.audit.report import PageSummary, Report, RuleStatus
from auditor.audit.report_data import Described, Sender
from auditor.audit.score import site_score
from auditor.checks.findings import SEVERITIES, Finding
from auditor.checks.suppress import META_RULES
from auditor.reporters.highlight import Segment, quote_lines
from auditor.reporters.html_sections import (
    ShopRow,
    StartItem,
    off_rules,
    shop_rows,
    start_items,
)

if TYPE_CHECKING:
    from auditor.audit.diff import SiteDiff

LABELS_DIR = Path(__file__).resolve().parent / "labels"
ROLE_ORDER = ("home", "about", "offer", "pricing", "contact", "testimonials", "blog", "privacy")
_TITLE_PARTS = re.compile(r"\s+[|–—·•:-]\s+")


@cache
def labels(lang: str) -> dict[str, Any]:
    """The report's words in `lang` (labels/<lang>.yml), English for any key it lacks."""
    english = yaml.safe_load((LABELS_DIR / "en.yml").read_text(encoding="utf-8"))
    path = LABELS_DIR / f"{lang}.yml"
    if lang == "en" or not path.is_file():
        return english
    return {**english, **(yaml.safe_load(path.read_text(encoding="utf-8")) or {})}


def report_language(reports: list[Report]) -> str:
    """The language asked for the reports (--lang), else the one most audited pages are in
    (English when none is known)."""
    asked = next((r.lang for r in reports if r.lang), None)
    if asked:
        return asked
    known = Counter(p.lang for r in reports for p in r.pages if p.lang)
    return known.most_common(1)[0][0] if known else "en"


def safe_href(url: str) -> str | None:
    """The URL itself when it may be a link (http or https), else None: shown as text."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _title_parts(title: str) -> list[str]:
    return [p.strip() for p in _TITLE_PARTS.split(title) if p.strip()]


def site_name(report: Report) -> str:
    """The name most page titles share ("Aanbod – Praktijk Vrij"), else the homepage's title,
    else the host or folder name."""
    titles = [p.title for p in report.pages if p.title]
    shared = Counter(part for t in titles for part in set(_title_parts(t))).most_common(1)
    if shared and shared[0][1] >= 2 and shared[0][1] * 2 > len(titles):
        return shared[0][0]
    home = next((p.title for p in report.pages if p.role == "home" and p.title), "")
    if home:
        return home
    parts = urlsplit(report.target)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname.removeprefix("www.")
    return Path(report.target.rstrip("/")).name or report.target


def page_label(page: PageSummary | None, url: str, name: str, home: str) -> str:
    """`home` for the homepage, else the page's title without the site name ("Aanbod"), else
    its URL."""
    if page is not None and page.role == "home":
        return home
    if page is None or not page.title:
        return url
    parts = [p for p in _title_parts(page.title) if p != name]
    return " – ".join(parts) or page.title


def format_date(day: int, month: int, year: int, words: dict[str, Any]) -> str:
    return str(words["date_format"]).format(day=day, month=words["months"][month - 1], year=year)


def plural(forms: dict[str, str], count: int) -> str:
    """The form for `count`: zero (when the labels have one), one or other."""
    form = "zero" if count == 0 and "zero" in forms else "one" if count == 1 else "other"
    return forms[form].format(count=count)


def score_band(score: int | None) -> str:
    if score is None:
        return "none"
    if score == 100:
        return "perfect"
    return "high" if score >= 80 else "middle" if score >= 50 else "low"


@dataclass
class FindingView:
    finding: Finding
    page: str  # the page's label
    href: str | None  # the live page (http/https), else None
    page_anchor: str  # its row in the report's list of pages; "" when not listed
    quote: list[list[Segment]]
    fix: str | None  # None when the card shows the one fix all its findings share
    quote_lang: str = ""  # the language of the quoted copy (its page's), "" if not known


@dataclass
class RuleCard:
    rule: str
    title: str
    why: str
    severity: str
    findings: list[FindingView] = field(default_factory=list)
    fix: str | None = None
    note: str | None = None  # why the rule could not be checked (a not-checked card)

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass
class PageRow:
    label: str
    url: str
    href: str | None
    anchor: str
    role: str
    points: int
    score: int | None  # the page's own score; None: not known (an older report)


@dataclass
class SiteView:
    """One site's report, ready for the template."""

    anchor: str
    name: str
    target: str
    target_href: str | None
    lang: str
    words: dict[str, Any]
    score: int | None
    failed: list[RuleCard]
    passed: list[RuleCard]
    not_checked: list[RuleCard]
    pages: list[PageRow]
    set_aside: list[FindingView]
    errors: list[tuple[str, str]]
    open_findings: int
    start: list[StartItem] = field(default_factory=list)
    shop: list[ShopRow] = field(default_factory=list)
    off: list[tuple[str, str]] = field(default_factory=list)  # rules turned off: (id, title)
    sender: Sender | None = None

    @property
    def band(self) -> str:
        return score_band(self.score)

    def verdict(self, rule: str) -> str | None:
        """The severity of a failed rule, "passed", "not_checked", "off", or None when the
        report says nothing of the rule (it is older than rule statuses)."""
        if any(c.rule == rule for c in self.passed):
            return "passed"
        if any(c.rule == rule for c in self.not_checked):
            return "not_checked"
        if any(rule_id == rule for rule_id, _ in self.off):
            return "off"
        return next((c.severity for c in self.failed if c.rule == rule), None)


class _Pages:
    """The site's pages: labels, anchors and links, looked up by the URL findings name."""

    def __init__(
        self, report: Report, anchor: str, name: str, home: str, listed: bool = True
    ) -> None:
        self.by_url = {p.url: p for p in report.pages}
        order = {role: i for i, role in enumerate(ROLE_ORDER)}
        self.ordered = sorted(report.pages, key=lambda p: (order.get(p.role, 99), p.url))
        self.anchors = {p.url: f"{anchor}-page-{i + 1}" for i, p in enumerate(self.ordered)}
        self.name = name
        self.home = home
        self.listed = listed  # the report lists the pages: findings link to their rows

    def label(self, page: PageSummary) -> str:
        return page_label(page, page.url, self.name, self.home)

    def label_of(self, url: str) -> str:
        """The label of the page at `url` (the URL itself for a page not audited)."""
        return page_label(self.by_url.get(url), url, self.name, self.home)

    def view(self, finding: Finding, quote: bool = True) -> FindingView:
        page = self.by_url.get(finding.page)
        return FindingView(
            finding=finding,
            page=page_label(page, finding.page, self.name, self.home),
            href=safe_href(finding.page),
            page_anchor=self.anchors.get(finding.page, "") if self.listed else "",
            quote=quote_lines(finding) if quote else [],
            fix=finding.fix,
            quote_lang=page.lang if page else "",
        )


def _cards(
    findings: list[Finding],
    rules: Sequence[Described],
    lang: str,
    pages: _Pages,
    statuses: list[RuleStatus] | None = None,
) -> list[RuleCard]:
    """A card per rule, with its findings; a rule only a finding or a status names (one of
    your own) gets one too, titled with its id."""
    cards = {
        r.id: RuleCard(r.id, r.text("title", lang), r.text("why", lang), r.severity) for r in rules
    }
    for f in findings:
        if f.rule not in cards:
            cards[f.rule] = RuleCard(f.rule, f.rule, "", f.severity)
        cards[f.rule].findings.append(pages.view(f))
    for status in statuses or []:  # no finding: its severity is not shown
        cards.setdefault(status.id, RuleCard(status.id, status.id, "", "info"))
    for card in cards.values():
        fixes = {v.fix for v in card.findings}
        if len(card.findings) > 1 and len(fixes) == 1:
            card.fix = fixes.pop()
            for v in card.findings:
                v.fix = None
    order = {r.id: i for i, r in enumerate(rules)}
    return sorted(cards.values(), key=lambda c: (order.get(c.rule, len(order)), c.rule))


def _failed(cards: list[RuleCard]) -> list[RuleCard]:
    """The cards with findings, the most severe first."""
    return sorted((c for c in cards if not c.passed), key=lambda c: SEVERITIES.index(c.severity))


def site_view(
    report: Report, rules: Sequence[Described], anchor: str, lang: str | None = None
) -> SiteView:
    """The view of one report, in `lang` or the language of most of its pages: a client's
    view, without the meta rules or the rules turned off."""
    lang = lang or report_language([report])
    name = site_name(report)
    words = labels(lang)
    pages = _Pages(report, anchor, name, words["roles"]["home"])
    every = list(rules)
    rules = [r for r in every if r.id not in META_RULES and r.severity != "off"]
    open_findings = [
        f for f in report.findings if f.suppression is None and f.rule not in META_RULES
    ]
    cards = _cards(open_findings, rules, lang, pages, report.rules)
    statuses = {s.id: s for s in report.rules if s.id not in META_RULES}
    not_checked = [
        c for c in cards if not c.findings and _status(statuses, c.rule) == "not_checked"
    ]
    for card in not_checked:
        card.note = statuses[card.rule].message
    points = Counter(f.page for f in open_findings)
    rows = [
        PageRow(pages.label(p), p.url, safe_href(p.url), pages.anchors[p.url],
                p.role, points[p.url], report.page_scores.get(p.url))
        for p in pages.ordered
    ]  # fmt: skip
    titles = {c.rule: c.title for c in cards}
    return SiteView(
        anchor=anchor,
        name=name,
        target=report.target,
        target_href=safe_href(report.target),
        lang=lang,
        words=words,
        score=site_score(report),
        failed=_failed(cards),
        # only what the run checked and found in order: not a rule it could not check, or one
        # of an older report that does not say
        passed=[c for c in cards if c.passed and _status(statuses, c.rule) == "passed"],
        not_checked=not_checked,
        pages=rows,
        set_aside=[pages.view(f, quote=False) for f in report.findings if f.suppression],
        errors=[(e.page, e.message) for e in report.errors],
        open_findings=len(open_findings),
        start=start_items(report, titles, pages.label_of, anchor),
        shop=shop_rows(report, words, pages.label_of),
        off=off_rules(report, every, lang),
        sender=report.sender,
    )


def _status(statuses: dict[str, RuleStatus], rule: str) -> str | None:
    status = statuses.get(rule)
    return status.status if status else None


def by_score(sites: list[SiteView]) -> list[SiteView]:
    """Sites with the most to gain first; a site without a score last."""
    return sorted(sites, key=lambda s: (s.score is None, s.score or 0, s.name.lower()))


@dataclass
class DiffView:
    """One site's progress: the new report's view, the old score, and the three lists by rule."""

    site: SiteView
    score_before: int | None
    fixed: list[RuleCard]
    added: list[RuleCard]
    still_open: list[RuleCard]

    @property
    def band_before(self) -> str:
        return score_band(self.score_before)

    @property
    def counts(self) -> dict[str, int]:
        """How many findings were fixed, are new and are still open."""
        lists = {"fixed": self.fixed, "new": self.added, "still_open": self.still_open}
        return {key: sum(len(c.findings) for c in cards) for key, cards in lists.items()}


def diff_view(diff: SiteDiff, rules: Sequence[Described], anchor: str, lang: str) -> DiffView:
    """The progress of one site, grouped by rule like the report."""
    site = site_view(diff.new, rules, anchor, lang)
    home = site.words["roles"]["home"]
    new_pages = _Pages(diff.new, anchor, site.name, home, listed=False)
    old_pages = _Pages(diff.old, anchor, site.name, home, listed=False)

    return DiffView(
        site=site,
        score_before=site_score(diff.old),
        fixed=_failed(_cards(diff.fixed, rules, lang, old_pages)),
        added=_failed(_cards(diff.added, rules, lang, new_pages)),
        still_open=_failed(_cards(diff.still_open, rules, lang, new_pages)),
    )

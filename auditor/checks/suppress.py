"""Inline suppressions, applied once the rules ran: the findings a page's directives cover are
marked suppressed, and the directives that cover none become `unused-suppression` findings."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from auditor.checks.findings import Finding
from auditor.checks.rule import Hit, Rule
from auditor.checks.run import to_finding
from auditor.page.model import Directive, Page
from auditor.site.model import Site

UNUSED = "unused-suppression"
# about the report's directives, not the copy: shown in CI formats, never to a client
META_RULES = frozenset({UNUSED})
COVERING = ("disable", "disable-next", "attribute")


def _whole_page(directive: Directive, page: Page) -> bool:
    """A directive that covers every element of the page (a disable at its top, never ended)."""
    counts = {
        "block": len(page.blocks), "link": len(page.links),
        "nav_link": len(page.nav_links), "form": len(page.forms),
    }  # fmt: skip
    return bool(directive.spans) and all(
        directive.spans[kind][0] == 0 and directive.spans[kind][1] >= n
        for kind, n in counts.items()
    )


def covers(directive: Directive, finding: Finding, page: Page) -> bool:
    """True when the directive silences the finding: its rule, and an element inside it."""
    if directive.kind not in COVERING or directive.rule not in (None, finding.rule):
        return False
    if finding.element is None:  # about the page as a whole
        return _whole_page(directive, page)
    start, stop = directive.spans.get(finding.element.kind, (0, 0))
    return start <= finding.element.index < stop


def _variant(directive: Directive, known: Collection[str]) -> str:
    if directive.kind == "unknown":
        return "not_a_directive"
    if directive.kind == "enable":
        return "enable"
    if directive.rule is None:
        return "all"
    return "default" if directive.rule in known else "unknown_rule"


def _unused(
    page: Page, directive: Directive, rule: Rule, known: Collection[str], lang: str | None
) -> Finding:
    variant = _variant(directive, known)
    hit = Hit(
        page, directive.text, variant=variant,
        params={"directive": directive.text, "rule": directive.rule or ""},
        evidence={"directive": directive.kind, "rule": directive.rule},
    )  # fmt: skip
    if not page.path:  # crawled pages have no lines
        return to_finding(rule, hit, lang)
    return replace(to_finding(rule, hit, lang), line=directive.line, column=directive.column)


def apply_inline(
    site: Site, findings: list[Finding], rules: list[Rule], disabled: Collection[str] = (),
    report_lang: str | None = None,
) -> list[Finding]:  # fmt: skip
    """Mark the findings that inline directives cover; add one finding per unused directive
    (in `report_lang`, else in its page's language).

    `disabled` are the rules the configuration turns off: directives for them are not reported.
    """
    pages = {p.url: p for p in site.pages}
    used: set[int] = set()
    for finding in findings:
        page = pages.get(finding.page)
        covering = [d for d in page.directives if covers(d, finding, page)] if page else []
        if covering:
            finding.suppression = {"kind": "inline", "reason": covering[-1].reason}
            used.update(id(d) for d in covering)
    unused_rule = next((r for r in rules if r.id == UNUSED), None)
    if unused_rule is None:
        return findings
    known = {r.id for r in rules}
    unused = [
        _unused(page, d, unused_rule, known, report_lang)
        for page in site.pages
        if unused_rule.params.scope.reads(page)
        for d in page.directives
        if id(d) not in used and d.rule not in disabled
    ]
    return findings + unused

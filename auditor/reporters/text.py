"""The text report for people: findings grouped by page, a one-line summary with the score."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import groupby

from auditor.audit.report import Report, RuleStatus
from auditor.audit.score import site_score
from auditor.checks.findings import SEVERITIES
from auditor.core.terminal import safe
from auditor.reporters.text_sections import shop_window, start_here

_COLORS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}


# control characters (terminal escapes, line breaks), bidi overrides and lone surrogates
def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def render_text(report: Report, color: bool = False) -> str:
    def paint(text: str, style: str) -> str:
        return f"\x1b[{_COLORS[style]}m{text}\x1b[0m" if color else text

    roles = {p.url: p.role for p in report.pages}
    lines: list[str] = [paint(line, "bold") if line == "start here" else line
                        for line in start_here(report)]  # fmt: skip
    for page, group in groupby(report.active, key=lambda f: f.page):
        items = list(group)
        where = items[0].path or page
        lines.append(paint(f"{safe(where)}  ({roles.get(page, 'other')})", "bold"))
        for f in items:
            loc = f"{f.line}:{f.column or 1}" if f.line else "-"
            lines.append(f"  {loc:<8} {paint(f.severity, f.severity):<7}  {f.rule}")
            lines.append(f"           {safe(f.message)}")
            if f.excerpt:
                lines.append(paint(f"           > {safe(f.excerpt)}", "dim"))
            lines.append(f"           fix: {safe(f.fix)}")
        lines.append("")
    lines += [paint(line, "bold") if line == "shop window" else line
              for line in shop_window(report.shop_window)]  # fmt: skip
    unchecked = [s for s in report.rules if s.status == "not_checked"]
    lines += _not_checked(unchecked, paint)
    for error in report.errors:
        lines.append(paint(f"not audited: {safe(error.page)}: {safe(error.message)}", "dim"))
    if report.errors:
        lines.append("")
    if report.suppressed:
        lines.append(_suppressed_line(report))
    counts = ", ".join(_plural(report.count(s), s) for s in SEVERITIES)
    total = len(report.active)
    verdict = "no problems found" if total == 0 else _plural(total, "finding")
    if total == 0 and unchecked:
        verdict += " in what could be checked"
    pages = _plural(len(report.pages), "page")
    score = site_score(report)
    scored = "" if score is None else f", score {score}/100"
    lines.append(f"{verdict} ({counts}) on {pages} of {safe(report.target)}{scored}")
    return "\n".join(lines) + "\n"


def _not_checked(unchecked: list[RuleStatus], paint: Callable[[str, str], str]) -> list[str]:
    """The rules the run could not check, each with the reason (rules turned off are left
    out, as their findings are)."""
    if not unchecked:
        return []
    lines = [paint("not checked", "bold")]
    for status in unchecked:
        lines.append(f"  {status.id}")
        lines.append(f"           {safe(status.message or status.reason or '')}")
    return [*lines, ""]


def _suppressed_line(report: Report) -> str:
    """The findings the report leaves out: "3 suppressed, not shown (1 baseline, 2 inline)"."""
    kinds = Counter(str(f.suppression.get("kind")) for f in report.suppressed if f.suppression)
    why = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    return f"{len(report.suppressed)} suppressed, not shown ({why})"


def render_text_reports(reports: list[Report], color: bool = False) -> str:
    """One text report after the other."""
    return "".join(render_text(r, color) for r in reports)

"""A Markdown summary for pull request comments and CI step summaries."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from auditor.audit.report import Report
from auditor.audit.score import site_score
from auditor.checks.findings import SEVERITIES, Finding
from auditor.core.terminal import safe
from auditor.reporters.locations import location, repository_root
from auditor.reporters.rule_info import doc_url
from auditor.reporters.text import _plural

ICONS = {"error": ":x:", "warning": ":warning:", "info": ":information_source:"}
# Markdown's special characters, and HTML: page text must not turn into markup
_SPECIAL = re.compile(r"[\\`*_\[\]<>|#~]")


def md(text: str) -> str:
    """Page or rule text on one line, inert in Markdown: no markup, mentions or table breaks."""
    one_line = " ".join(safe(text).split())
    return _SPECIAL.sub(lambda m: "\\" + m[0], one_line).replace("@", "@\u200b")


def _code(text: str) -> str:
    """Inline code whose fence is longer than any run of backticks inside it."""
    text = " ".join(safe(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _rows(findings: list[Finding], undocumented: set[str]) -> list[str]:
    rows = ["| severity | line | rule | finding | fix |", "| --- | --: | --- | --- | --- |"]
    for f in findings:
        rule = _code(f.rule) if f.rule in undocumented else f"[{f.rule}]({doc_url(f.rule)})"
        line = str(f.line) if f.line else ""
        severity = f"{ICONS[f.severity]} {f.severity}"
        rows.append(f"| {severity} | {line} | {rule} | {md(f.message)} | {md(f.fix)} |")
    return rows


def _details(summary: str, items: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *items, "", "</details>", ""]


def _page(where: str, role: str, findings: list[Finding], undocumented: set[str]) -> list[str]:
    lines = [f"### {_code(where)} ({role})", ""]
    active = [f for f in findings if f.suppression is None]
    if active:
        lines += [*_rows(active, undocumented), ""]
        quotes = [
            f"- line {f.line or '-'}, `{f.rule}`: “{md(f.excerpt)}”" for f in active if f.excerpt
        ]
        if quotes:
            lines += _details(f"Quoted copy ({len(quotes)})", quotes)
    silenced = [f for f in findings if f.suppression is not None]
    if silenced:
        items = [
            f"- line {f.line or '-'}, `{f.rule}` ({md(f.suppression['kind'])}): "
            f"{md(f.suppression.get('reason') or 'no reason given')}"
            for f in silenced
            if f.suppression is not None
        ]
        lines += _details(f"Suppressed ({len(items)})", items)
    return lines


def _start_here(report: Report, root: Path) -> list[str]:
    """The fixes that matter most, one line each with its page, and the score of each page."""
    if not report.start_here:
        return []
    lines = ["**Start here**", ""]
    for n, f in enumerate(report.start_here, 1):
        where = _code(location(report, f, root))
        lines.append(f"{n}. {ICONS[f.severity]} {where}: {md(f.message)}")
    if report.page_scores:
        scores = ", ".join(
            f"{_code(p.path or p.url)} {report.page_scores[p.url]}"
            for p in report.pages
            if p.url in report.page_scores
        )
        lines += ["", f"Score per page: {scores}"]
    return [*lines, ""]


def render_markdown(report: Report, root: Path) -> str:
    """One report: the score and counts, then a table of findings per page."""
    active = report.active
    counts = ", ".join(_plural(sum(f.severity == s for f in active), s) for s in SEVERITIES)
    score = site_score(report)
    scored = "" if score is None else f"**Score {score}/100** · "
    verdict = _plural(len(active), "finding") if active else "no problems found"
    silenced = len(report.findings) - len(active)
    lines = [
        f"## copy-auditor: {_code(report.target)}",
        "",
        f"{scored}{verdict} ({counts}) on {_plural(len(report.pages), 'page')}"
        + (f", {silenced} suppressed" if silenced else ""),
        "",
    ]
    lines += _start_here(report, root)
    roles = {p.url: p.role for p in report.pages}
    undocumented = {d.id for d in report.rule_docs if not d.bundled}  # your own: no doc page
    for page, group in groupby(report.findings, key=lambda f: f.page):
        findings = list(group)
        where = location(report, findings[0], root)
        lines += _page(where, roles.get(page, "other"), findings, undocumented)
    if report.errors:
        items = [f"- {md(e.page)}: {md(e.message)}" for e in report.errors]
        lines += _details(f"Not audited ({len(items)})", items)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_markdown_reports(reports: list[Report], color: bool = False) -> str:
    """Every report of the run, one after the other."""
    root = repository_root()
    return "\n".join(render_markdown(report, root) for report in reports)

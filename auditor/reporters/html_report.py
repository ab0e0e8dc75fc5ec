"""The HTML reports: one self-contained page per run (one site, or an overview of many sites),
and the progress page of `auditor diff`. Templates and CSS are in templates/.

Jinja escapes every value it outputs (autoescape); nothing from a page is ever marked safe.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from auditor import __version__
from auditor.audit.report import Report
from auditor.audit.report_data import Described, RuleDoc
from auditor.checks.findings import SEVERITIES
from auditor.checks.suppress import META_RULES
from auditor.core.terminal import safe
from auditor.reporters.html_view import (
    by_score,
    diff_view,
    format_date,
    labels,
    plural,
    report_language,
    score_band,
    site_view,
)
from auditor.reporters.rule_info import run_docs

if TYPE_CHECKING:
    from auditor.audit.diff import SiteDiff

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value: Any) -> Any:
    """Applied to every value a template outputs, before escaping: no control characters."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return safe(value)
    return value


def template_environment(folder: Path) -> Environment:
    """Jinja2 for HTML that quotes strangers' copy: every value escaped and stripped of
    control characters, a missing value an error; `fmt` fills a text's {placeholders}."""
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fmt"] = lambda text, **values: str(text).format(**values)
    return env


@cache
def _environment() -> Environment:
    env = template_environment(TEMPLATES)
    env.globals["plural"] = plural
    env.globals["score_band"] = score_band
    return env


def report_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible reports and screenshots)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def _render(template: str, lang: str, **values: Any) -> str:
    today = report_date()

    def long_date(words: dict[str, Any]) -> str:
        return format_date(today.day, today.month, today.year, words)

    return (
        _environment()
        .get_template(template)
        .render(lang=lang, words=labels(lang), long_date=long_date, version=__version__, **values)
    )


def _columns(rules: list[RuleDoc], reports: list[Report], lang: str) -> list[tuple[str, str]]:
    """The overview's rule columns, the most severe first (never a meta rule, which is not
    about the copy, nor a rule turned off), and any rule id only a report names."""
    ordered = sorted(
        (r for r in rules if r.id not in META_RULES and r.severity != "off"),
        key=lambda r: SEVERITIES.index(r.severity),
    )
    columns = [(r.id, r.text("title", lang)) for r in ordered]
    known = {r.id for r in rules}
    named = {f.rule for r in reports for f in r.findings}
    named |= {s.id for r in reports for s in r.rules if s.status != "off"}
    extra = sorted(named - known - META_RULES)
    return columns + [(rule, rule) for rule in extra]


def render_html_reports(reports: list[Report], color: bool = False) -> str:
    """One page: the site's report, or an overview table and then each site's report; the
    rules are those of the run, which the reports carry."""
    rules = run_docs(reports)
    lang = report_language(reports)
    sites = [site_view(r, r.rule_docs or rules, f"site-{i + 1}") for i, r in enumerate(reports)]
    overview = by_score(sites) if len(sites) > 1 else []
    return _render(
        "report.html.j2", lang, sites=sites, overview=overview,
        columns=_columns(rules, reports, lang),
    )  # fmt: skip


def render_diff_html(
    diffs: list[SiteDiff], rules: Sequence[Described], lang: str | None = None
) -> str:
    """The progress page: per site the score before and now, what was fixed, new, still open."""
    lang = lang or report_language([d.new for d in diffs])
    views = [diff_view(d, rules, f"site-{i + 1}", lang) for i, d in enumerate(diffs)]
    return _render("diff.html.j2", lang, sites=views)

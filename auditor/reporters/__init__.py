"""Reporters format reports; they never judge. FORMATS renders the reports of one run."""

from collections.abc import Callable

from auditor.model import Report
from auditor.reporters.github import render_github_reports
from auditor.reporters.gitlab import render_gitlab_reports
from auditor.reporters.html_report import render_html_reports
from auditor.reporters.json_report import render_json, render_json_reports
from auditor.reporters.jsonl import render_jsonl_reports
from auditor.reporters.junit import render_junit_reports
from auditor.reporters.markdown_summary import render_markdown_reports
from auditor.reporters.sanitize import sanitized
from auditor.reporters.sarif import render_sarif_reports
from auditor.reporters.text import render_text, render_text_reports

Render = Callable[[list[Report], bool], str]

RENDERERS = {
    "text": render_text_reports,
    "json": render_json_reports,
    "jsonl": render_jsonl_reports,
    "sarif": render_sarif_reports,
    "github": render_github_reports,
    "junit": render_junit_reports,
    "markdown": render_markdown_reports,
    "gitlab": render_gitlab_reports,
    "html": render_html_reports,
}


def _safe(render: Render) -> Render:
    """`render`, given reports whose texts are safe for any format (see sanitize.py)."""
    return lambda reports, color=False: render([sanitized(r) for r in reports], color)


# what the command line renders with: every format gets sanitized reports
FORMATS = {name: _safe(render) for name, render in RENDERERS.items()}

__all__ = ["FORMATS", "render_json", "render_text"]

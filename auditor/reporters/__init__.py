"""Reporters format reports; they never judge. FORMATS renders the reports of one run.

A format's module is imported when the format is used, so that a command pays only for
the reporter it prints with (the HTML one loads jinja2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.audit.report import Report

Render = Callable[[list["Report"], bool], str]

# format name -> (module in auditor.reporters, its render function)
RENDERERS = {
    "text": ("text", "render_text_reports"),
    "json": ("json_report", "render_json_reports"),
    "jsonl": ("jsonl", "render_jsonl_reports"),
    "sarif": ("sarif", "render_sarif_reports"),
    "github": ("github", "render_github_reports"),
    "junit": ("junit", "render_junit_reports"),
    "markdown": ("markdown_summary", "render_markdown_reports"),
    "gitlab": ("gitlab", "render_gitlab_reports"),
    "html": ("html_report", "render_html_reports"),
}


class _Formats(Mapping[str, Render]):
    """Format name -> its render function, given reports whose texts are safe for any format
    (see sanitize.py); a format's module is imported on first use."""

    def __getitem__(self, name: str) -> Render:
        module, function = RENDERERS[name]
        render = getattr(import_module(f"auditor.reporters.{module}"), function)

        def safe(reports: list[Report], color: bool = False) -> str:
            from auditor.reporters.sanitize import sanitized

            return render([sanitized(r) for r in reports], color)

        return safe

    def __iter__(self) -> Iterator[str]:
        return iter(RENDERERS)

    def __len__(self) -> int:
        return len(RENDERERS)


# what the command line renders with: every format gets sanitized reports
FORMATS: Mapping[str, Render] = _Formats()


__all__ = ["FORMATS"]

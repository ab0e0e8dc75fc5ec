"""GitHub Actions workflow commands (annotations), and a Markdown step summary."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from auditor.audit.report import Report
from auditor.checks.findings import SEVERITIES
from auditor.reporters.locations import location, repository_root
from auditor.reporters.markdown_summary import render_markdown_reports
from auditor.reporters.text import _plural

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# control characters other than the line breaks that escaping handles
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_data(text: str) -> str:
    """A command's message: %, CR and LF escaped as GitHub's runner expects."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _CONTROL.sub("\ufffd", escaped)


def escape_property(text: str) -> str:
    """A command property value (file, title): as data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def render_github(report: Report, root: Path) -> list[str]:
    """One annotation per unsuppressed finding, and a plain summary line."""
    lines = []
    for f in report.active:
        properties: dict[str, str] = {}
        message = f"{f.message}\nFix: {f.fix}"
        if f.path is not None:
            properties["file"] = location(report, f, root)
            if f.line:
                properties["line"] = str(f.line)
                if f.column:
                    properties["col"] = str(f.column)
        else:
            message = f"{f.page}: {message}"
        properties["title"] = f"copy-auditor: {f.rule}"
        lines.append(_command(COMMANDS[f.severity], properties, message))
    for error in report.errors:
        lines.append(_command("warning", {"title": "copy-auditor: not audited"},
                              f"{error.page}: {error.message}"))  # fmt: skip
    active = report.active
    counts = ", ".join(_plural(sum(f.severity == s for f in active), s) for s in SEVERITIES)
    total = _plural(len(active), "finding")
    lines.append(escape_data(f"copy-auditor: {report.target}: {total} ({counts})"))
    return lines


def render_github_reports(reports: list[Report], color: bool = False) -> str:
    """The workflow commands for every report of the run."""
    root = repository_root()
    return "".join(line + "\n" for report in reports for line in render_github(report, root))


def append_step_summary(reports: list[Report], environ: Mapping[str, str] = os.environ) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY when the job provides one."""
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(render_markdown_reports(reports) + "\n")

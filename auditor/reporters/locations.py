"""Where a finding is, for CI tools: a file path relative to the repository, or the page URL."""

from __future__ import annotations

import os
from pathlib import Path

from auditor.audit.report import Report
from auditor.checks.findings import Finding


def repository_root() -> Path:
    """The Git repository the current directory is in (its top folder), else the directory."""
    cwd = Path.cwd()
    return next((p for p in (cwd, *cwd.parents) if (p / ".git").exists()), cwd)


def source_file(report: Report, path: str) -> Path:
    """The local file a page was read from, given its path relative to the report's target."""
    target = Path(report.target)
    try:
        single = target.is_file()
    except OSError:  # a name the system cannot look up (too long): not a file read
        single = False
    return Path(os.path.abspath(target if single else target / path))


def page_location(report: Report, path: str | None, url: str, root: Path) -> str:
    """A page's file relative to `root` (POSIX), its absolute path outside it, or its URL."""
    if path is None:
        return url
    file = source_file(report, path)
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()


def location(report: Report, finding: Finding, root: Path) -> str:
    """Where a finding is: see page_location."""
    return page_location(report, finding.path, finding.page, root)

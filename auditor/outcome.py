"""What decides the exit code: unsuppressed findings against --fail-on and --max-warnings."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.model import SEVERITIES, Finding, Report


def unsuppressed(report: Report) -> list[Finding]:
    """The findings that no inline directive or baseline entry silences."""
    return [f for f in report.findings if f.suppression is None]


def fails_on(reports: Iterable[Report], fail_on: str) -> bool:
    """True when an unsuppressed finding is at or above the --fail-on severity ("never": never)."""
    if fail_on == "never":
        return False
    limit = SEVERITIES.index(fail_on)
    return any(SEVERITIES.index(f.severity) <= limit for r in reports for f in unsuppressed(r))


def too_many_warnings(reports: Iterable[Report], max_warnings: int | None) -> bool:
    """True when the run has more unsuppressed warnings than --max-warnings allows."""
    if max_warnings is None:
        return False
    warnings = sum(1 for r in reports for f in unsuppressed(r) if f.severity == "warning")
    return warnings > max_warnings

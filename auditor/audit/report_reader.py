"""Read JSON reports written by `auditor check --format json` back into Report objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.audit.report import RULE_STATUSES, PageSummary, Report, RuleStatus
from auditor.checks.findings import SEVERITIES, Finding
from auditor.checks.identity import fingerprint
from auditor.core.errors import InputError
from auditor.core.jsonfile import JsonProblem, parse_json
from auditor.sources.raw import FetchError

_NEEDED = ("rule", "severity", "page", "fingerprint")


class ReportFileError(InputError):
    """A report file cannot be read or is not a copy-auditor JSON report (one line)."""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _finding(data: Any, where: str) -> Finding:
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in _NEEDED):
        raise ReportFileError(f"{where}: each finding needs {', '.join(_NEEDED)}")
    if data["severity"] not in SEVERITIES:
        raise ReportFileError(f"{where}: unknown severity {data['severity']!r}")
    text = {k: str(data.get(k) or "") for k in ("message", "excerpt", "fix", "context")}
    evidence, suppression = data.get("evidence"), data.get("suppression")
    # a report written before findings had subjects holds this, its excerpt's fingerprint
    former = fingerprint(data["rule"], data["page"], text["excerpt"])
    return Finding(
        rule=data["rule"],
        severity=data["severity"],
        page=data["page"],
        path=data["path"] if isinstance(data.get("path"), str) else None,
        line=_int(data.get("line")),
        column=_int(data.get("column")),
        evidence=evidence if isinstance(evidence, dict) else {},
        fingerprint=data["fingerprint"],
        former=() if former == data["fingerprint"] else (former,),
        suppression=suppression if isinstance(suppression, dict) else None,
        **text,
    )


def _page(data: Any, where: str) -> PageSummary:
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise ReportFileError(f"{where}: each page needs a url")
    return PageSummary(
        url=data["url"],
        path=data["path"] if isinstance(data.get("path"), str) else None,
        role=str(data.get("role") or "other"),
        lang=str(data.get("lang") or ""),
        status=_int(data.get("status")),
        title=str(data.get("title") or ""),
    )


def report_from_dict(data: Any, where: str) -> Report:
    """One report object; ReportFileError naming `where` when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("target"), str):
        raise ReportFileError(f"{where} is not a copy-auditor JSON report (no target)")
    pages, findings = data.get("pages"), data.get("findings")
    if not isinstance(pages, list) or not isinstance(findings, list):
        raise ReportFileError(f"{where} is not a copy-auditor JSON report (no pages or findings)")
    if not all(isinstance(data.get(key) or [], list) for key in ("errors", "rules")):
        raise ReportFileError(f"{where}: errors and rules must be lists")
    errors = [
        FetchError(str(e.get("page", "")), str(e.get("message", "")))
        for e in data.get("errors") or []
        if isinstance(e, dict)
    ]
    return Report(
        target=data["target"],
        pages=[_page(p, where) for p in pages],
        findings=[_finding(f, where) for f in findings],
        errors=errors,
        rules=[status for s in data.get("rules") or [] if (status := _status(s))],
    )


def _status(data: Any) -> RuleStatus | None:
    """A rule's status, or None for an entry that is not one (it is left out)."""
    if not isinstance(data, dict) or data.get("status") not in RULE_STATUSES:
        return None
    texts = {k: data[k] if isinstance(data.get(k), str) else None
             for k in ("reason", "message", "page")}  # fmt: skip
    return RuleStatus(str(data.get("id")), data["status"], findings=_int(data.get("findings")) or 0,
                      **texts)  # fmt: skip


def load_reports(path: Path) -> list[Report]:
    """The reports in a JSON report file: one object, or an array of them (several targets)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ReportFileError(f"{path} is not UTF-8 text") from None
    try:
        data = parse_json(text)
    except JsonProblem as exc:
        raise ReportFileError(f"{path} is {exc}") from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ReportFileError(f"{path} holds no report")
    return [report_from_dict(item, str(path)) for item in items]

"""The JSON report: schema_version "1", documented in auditor/report.schema.json."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from auditor import __version__
from auditor.audit.report import Report
from auditor.audit.score import site_score
from auditor.checks.findings import SEVERITIES, Finding

SCHEMA_VERSION = "1"


def report_dict(report: Report) -> dict[str, object]:
    """The report as plain data, in the documented shape."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "copy-auditor", "version": __version__},
        "target": report.target,
        "pages": [asdict(p) for p in report.pages],
        "findings": [_finding(f) for f in report.findings],
        "errors": [asdict(e) for e in report.errors],
        "rules": [asdict(s) for s in report.rules],
        "shop_window": [asdict(item) for item in report.shop_window],
        "summary": {
            "pages": len(report.pages),
            "findings": len(report.active),
            "by_severity": {s: report.count(s) for s in SEVERITIES},
            "score": site_score(report),
            "suppressed": len(report.suppressed),
        },
    }


def _finding(finding: Finding) -> dict[str, object]:
    """A finding as plain data, without the fields that are not part of the report."""
    data = asdict(finding)
    for f in fields(finding):
        if not f.metadata.get("report", True):
            del data[f.name]
    return data


def render_json(report: Report, color: bool = False) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_json_reports(reports: list[Report], color: bool = False) -> str:
    """One report as an object; several (one per target) as a JSON array of them."""
    if len(reports) == 1:
        return render_json(reports[0])
    return json.dumps([report_dict(r) for r in reports], ensure_ascii=False, indent=2) + "\n"

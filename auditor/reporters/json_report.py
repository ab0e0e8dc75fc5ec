"""The JSON report: schema_version "1", documented in auditor/report.schema.json."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

from auditor import __version__
from auditor.model import SEVERITIES, Report
from auditor.score import site_score

SCHEMA_VERSION = "1"


def report_dict(report: Report) -> dict[str, object]:
    """The report as plain data, in the documented shape."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "copy-auditor", "version": __version__},
        "target": report.target,
        "pages": [asdict(p) for p in report.pages],
        "findings": [asdict(f) for f in report.findings],
        "errors": [asdict(e) for e in report.errors],
        "summary": {
            "pages": len(report.pages),
            "findings": len(report.findings),
            "by_severity": {s: report.count(s) for s in SEVERITIES},
            "score": site_score(report),
        },
    }


# Inside JSON strings: escaped, so a terminal showing the JSON shows no escape sequence
_INVISIBLE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8 at all


def _dumps(data: object) -> str:
    text = _SURROGATE.sub("\ufffd", json.dumps(data, ensure_ascii=False, indent=2))
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render_json(report: Report, color: bool = False) -> str:
    return _dumps(report_dict(report))


def render_json_reports(reports: list[Report], color: bool = False) -> str:
    """One report as an object; several (one per target) as a JSON array of them."""
    if len(reports) == 1:
        return render_json(reports[0])
    return _dumps([report_dict(r) for r in reports])

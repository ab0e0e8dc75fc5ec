"""JSON Lines: each report as one JSON object on one line (the shape of the JSON report)."""

from __future__ import annotations

import json

from auditor.audit.report import Report
from auditor.reporters.json_report import report_dict


def render_jsonl(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, separators=(",", ":")) + "\n"


def render_jsonl_reports(reports: list[Report], color: bool = False) -> str:
    """One line per report, so that a batch can print each site as soon as it is done."""
    return "".join(render_jsonl(r) for r in reports)

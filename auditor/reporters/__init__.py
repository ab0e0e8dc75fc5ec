"""Reporters format reports; they never judge. FORMATS renders the reports of one run."""

from auditor.reporters.json_report import render_json, render_json_reports
from auditor.reporters.jsonl import render_jsonl_reports
from auditor.reporters.text import render_text, render_text_reports

FORMATS = {"text": render_text_reports, "json": render_json_reports, "jsonl": render_jsonl_reports}

__all__ = ["FORMATS", "render_json", "render_text"]

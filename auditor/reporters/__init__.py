"""Reporters format reports; they never judge. FORMATS renders the reports of one run."""

from auditor.reporters.html_report import render_html_reports
from auditor.reporters.json_report import render_json, render_json_reports
from auditor.reporters.text import render_text, render_text_reports

FORMATS = {"text": render_text_reports, "json": render_json_reports, "html": render_html_reports}

__all__ = ["FORMATS", "render_json", "render_text"]

"""Reporters format a Report; they never judge."""

from auditor.reporters.json_report import render_json
from auditor.reporters.text import render_text

FORMATS = {"text": render_text, "json": render_json}

__all__ = ["FORMATS", "render_json", "render_text"]

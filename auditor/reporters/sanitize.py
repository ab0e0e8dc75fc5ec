"""What a page, URL, file name or server put in a report, made safe for every format.

Control characters (terminal escapes, NUL, which XML forbids), bidi overrides, line and
paragraph separators and lone surrogates (which cannot be written as UTF-8) become U+FFFD;
so do line breaks, except in a finding's `context` (one block a line) and the note of the
report's sender (config `report:`).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

from auditor.audit.report import Report

_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_MULTILINE = frozenset({"context", "note"})  # a finding's context, the sender's note


def _clean(value: Any, multiline: bool = False) -> Any:
    if isinstance(value, str):
        value = _UNSAFE.sub("\ufffd", value)
        return value if multiline else value.replace("\n", "\ufffd")
    if isinstance(value, list | tuple):
        return type(value)(_clean(item) for item in value)
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _clean(getattr(value, f.name), f.name in _MULTILINE)
            for f in fields(value)
            if f.init
        }
        return replace(value, **changes)
    return value


def sanitized(report: Report) -> Report:
    """A copy of `report` with every text safe to print, write and parse."""
    cleaned: Report = _clean(report)
    return cleaned


def sanitized_data(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of plain report data (such as `auditor inspect`'s) with every text safe."""
    cleaned: dict[str, Any] = _clean(data)
    return cleaned

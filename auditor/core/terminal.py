"""Text bound for a terminal: control characters from pages, URLs or file names made harmless."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(text: str) -> str:
    """Text from a page, URL or file name, made harmless on one line of a terminal."""
    return _CONTROL.sub("\ufffd", text)

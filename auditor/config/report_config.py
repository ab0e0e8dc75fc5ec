"""The configuration's `report:` key: who sends the HTML report (the coach's name, a logo file
and a personal note), validated into a Sender with the logo ready to embed."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.audit.report_data import Sender
from auditor.config.reading import ConfigError, KeyPath
from auditor.core.paths import shown

KEYS = ("name", "logo", "note")
LOGO_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".svg": "image/svg+xml",
}  # fmt: skip
MAX_LOGO_BYTES = 512 * 1024  # the report stays one small file to send
MAX_NAME = 100
MakeError = Callable[[KeyPath, str], ConfigError]
MAX_NOTE = 2000


def read_sender(value: Any, folder: Path, error: MakeError) -> Sender:
    """The `report:` mapping as a Sender; `error(keys, problem)` makes the ConfigError to raise
    (naming the file and line); the logo's path is relative to the configuration's folder."""
    if not isinstance(value, dict):
        raise error(("report",), f"must be a mapping (keys: {', '.join(KEYS)})")
    for key in value:
        if key not in KEYS:
            raise error(("report", str(key)), f"unknown key (known: {', '.join(KEYS)})")
    name = _text(value, "name", MAX_NAME, error)
    note = _text(value, "note", MAX_NOTE, error)
    logo = value.get("logo")
    if logo is None:
        return Sender(name, "", note)
    if not isinstance(logo, str) or not logo.strip():
        raise error(("report", "logo"), "must be the path of an image file")
    return Sender(name, _data_uri(folder / logo, ("report", "logo"), error), note)


def _text(value: dict[str, Any], key: str, limit: int, error: MakeError) -> str:
    text = value.get(key)
    if text is None:
        return ""
    if not isinstance(text, str):
        raise error(("report", key), "must be a text")
    if len(text) > limit:
        raise error(("report", key), f"is {len(text)} characters long; at most {limit}")
    return text.strip()


def _data_uri(path: Path, keys: KeyPath, error: MakeError) -> str:
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise error(keys, f"{shown(path)}: not an image ({', '.join(LOGO_TYPES)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(keys, f"cannot read {shown(path)}: {exc.strerror}") from None
    if len(data) > MAX_LOGO_BYTES:
        raise error(keys, f"{shown(path)} is {len(data) // 1024} kB; at most 512 kB")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"

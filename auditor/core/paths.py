"""Paths as the user would write them."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)

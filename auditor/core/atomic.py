"""Write a file so that a failure halfway (a full disk) leaves the old one whole: the text goes
to a new file beside it, which then takes its place."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_text(path: Path | str, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically; OSError when it cannot be written.

    A path that is not a regular file (/dev/stdout, a pipe) is written in place."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        target.write_text(text, encoding="utf-8")
        return
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temporary, stat.S_IMODE(mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

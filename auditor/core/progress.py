"""A progress bar on stderr, only when stderr is a terminal: stdout keeps the report alone."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30
DELAY = 0.5  # seconds of work before the bar shows: quick runs show none
INTERVAL = 0.1  # seconds between redraws


class ProgressBar:
    """`label [#####-----] done/total` on one line of the terminal, redrawn as work is done."""

    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.label = label
        self.drawn = time.monotonic() + DELAY - INTERVAL  # as if last drawn then
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Show `done` of `total`: after DELAY, every INTERVAL at most, and the last."""
        now = time.monotonic()
        if not self.enabled or (now - self.drawn < INTERVAL and (done < total or not self.shown)):
            return
        self.drawn = now
        filled = WIDTH * min(done, total) // max(total, 1)
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the line, so that what is printed next starts clean."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

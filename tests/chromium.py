"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium, run as a subprocess.

A subprocess with --dump-dom, --screenshot and --print-to-pdf is all the tests need, so no
browser-driver package (and no browser download) is involved. The flags keep Chromium off the
network: it only opens the local file it is given.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def profile() -> tempfile.TemporaryDirectory[str]:
    """A fresh profile folder for one Chromium run. Its helper processes may still write in it
    for a moment after the browser exits ("Directory not empty"): the folder is removed as far
    as it can be then, and a test never fails on that."""
    return tempfile.TemporaryDirectory(prefix="chromium-profile-", ignore_cleanup_errors=True)


def missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)"
    return None


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    with profile() as folder:
        done = subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={folder}", *args, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def dump_dom(page: Path) -> str:
    """The page's DOM after it loaded (and after any script in it would have run)."""
    return _run(page, "--dump-dom").stdout


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 1500) -> Path:
    """A PNG of the top of the page, in a window of width x height."""
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(page, f"--window-size={width},{height}", f"--screenshot={png.resolve()}")
    return png


def print_pdf(page: Path, pdf: Path) -> Path:
    """The page printed to PDF, as a reader's "Print" would (the report's @page rules)."""
    _run(page, "--no-pdf-header-footer", f"--print-to-pdf={pdf.resolve()}")
    return pdf

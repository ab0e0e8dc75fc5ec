"""The progress bar: on a terminal's stderr only, never with -q, never in the report."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest
from http_server import Route, SiteServer

from auditor.core.progress import ProgressBar

PAGE = b'<html lang="nl"><body><h1>Loop je vast?</h1><a href="/a">a</a><a href="/b">b</a></body>'


def slow_site() -> SiteServer:
    """Three pages, each 0.4 s late: long enough for the bar to show."""
    return SiteServer(routes={p: Route(body=PAGE, delay=0.4) for p in ("/", "/a", "/b")})


def check(url: str, *args: str, tty: bool) -> tuple[bytes, bytes]:
    """Run `auditor check URL` with stdout a pipe and stderr a terminal (or a pipe)."""
    cmd = [sys.executable, "-m", "auditor", "check", url, "--concurrency", "1", *args]
    if not tty:
        proc = subprocess.run(cmd, capture_output=True, timeout=60)
        return proc.stdout, proc.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    try:
        while chunk := os.read(leader, 65536):
            chunks.append(chunk)
    except OSError:  # EIO: the child closed the terminal
        pass
    finally:
        os.close(leader)
    assert proc.stdout is not None
    stdout = proc.stdout.read()
    proc.wait(timeout=60)
    return stdout, b"".join(chunks)


def test_a_crawl_shows_its_progress_on_a_terminal() -> None:
    with slow_site() as srv:
        stdout, stderr = check(srv.url, tty=True)
    assert b"] 3/20" in stderr  # pages parsed of at most --max-pages
    assert stderr.endswith(b"\r\x1b[K")  # the line is cleared when the crawl is done
    assert b"\r" not in stdout and b"[#" not in stdout
    assert b" on 3 pages of " in stdout.splitlines()[-1]


@pytest.mark.parametrize(("args", "tty"), [(("-q",), True), ((), False)], ids=["quiet", "pipe"])
def test_no_progress_with_q_or_off_a_terminal(args: tuple[str, ...], tty: bool) -> None:
    with slow_site() as srv:
        stdout, stderr = check(srv.url, *args, tty=tty)
    assert stderr == b""
    assert b"\r" not in stdout and b"[#" not in stdout and b"[-" not in stdout


def test_the_bar_draws_nothing_on_a_stream_that_is_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar("x", stream)
    for n in range(1, 101):
        bar(n, 100)
    bar.close()
    assert stream.getvalue() == ""

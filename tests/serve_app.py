"""`auditor serve` started by a test: a subprocess on a free loopback port, driven over HTTP."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import httpx

WAIT = 60.0  # seconds a round may take in a test


def wait_for(condition: Callable[[], object], what: str) -> None:
    """Wait until `condition()` holds (at most WAIT seconds)."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"waited {WAIT} s for {what}"
        time.sleep(0.05)


class ServeProcess:
    """The app on 127.0.0.1 (any free port) over the database `db`; a context manager."""

    def __init__(self, db: Path, *args: str) -> None:
        self.db = db
        self.args = args
        self.process: subprocess.Popen[str] | None = None
        self.url = ""

    def start(self) -> ServeProcess:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "auditor", "serve", "--port", "0", "--no-browser",
             "--db", str(self.db), *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"serving (http://\S+)", line)
        assert found, line + (self.process.stderr.read() if self.process.stderr else "")
        self.url = found.group(1)
        return self

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Stop the server with `sig` (SIGINT: as Ctrl-C) and return its exit code."""
        assert self.process is not None
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=20)
        finally:
            for stream in (self.process.stdout, self.process.stderr):
                if stream:
                    stream.close()

    def __enter__(self) -> ServeProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.stop()


class App:
    """A browser-like client of the app: follows redirects, sends the forms' CSRF token."""

    def __init__(self, url: str, **kwargs: object) -> None:
        self.http = httpx.Client(base_url=url, follow_redirects=True, timeout=30, **kwargs)

    def get(self, path: str) -> httpx.Response:
        answer = self.http.get(path)
        answer.raise_for_status()
        return answer

    def csrf(self) -> str:
        found = re.search(r'name="csrf" value="([^"]+)"', self.get("/").text)
        assert found
        return found.group(1)

    def post(self, path: str, **form: str) -> httpx.Response:
        answer = self.http.post(path, data={"csrf": self.csrf(), **form})
        answer.raise_for_status()
        return answer

    def add_client(self, name: str, target: str, note: str = "") -> int:
        answer = self.post("/clients", name=name, target=target, note=note)
        return int(answer.url.path.rsplit("/", 1)[1])

    def start_audit(self, client: int) -> int:
        return int(self.post(f"/clients/{client}/audit").url.path.rsplit("/", 1)[1])

    def status(self, audit: int) -> dict:
        return self.get(f"/audits/{audit}/progress.json").json()

    def wait(self, audit: int) -> str:
        """The round's status once it is no longer running."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            status = self.status(audit)["status"]
            if status != "running":
                return status
            time.sleep(0.1)
        raise AssertionError(f"round {audit} still running after {WAIT} s")

    def report(self, audit: int) -> dict:
        return self.get(f"/audits/{audit}/report.json").json()

    def rounds(self, client: int) -> list[tuple[int, str]]:
        """The client's rounds as its page lists them: (id, status), the first first."""
        text = self.get(f"/clients/{client}").text
        found = re.findall(r'data-round="(\d+)" data-status="(\w+)"', text)
        return [(int(i), s) for i, s in found]

"""Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe):
open a page, run a line of JavaScript in it (fill a field, click a button), wait for a
condition. No browser-driver package: the protocol is JSON messages ended by a NUL byte on
two file descriptors (3: commands in, 4: answers and events out).
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import time
from types import TracebackType
from typing import Any

from chromium import CHROMIUM, FLAGS, profile


def _high(pipe: tuple[int, int]) -> tuple[int, int]:
    """The pipe's ends on descriptors above 9, so that moving them to 3 and 4 cannot clash."""
    high = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in pipe)
    for fd in pipe:
        os.close(fd)
    return high[0], high[1]


class BrowserError(Exception):
    """Chromium answered a command with an error, or a wait ran out."""


class Browser:
    """One headless Chromium with one tab; a context manager."""

    def __init__(self, lang: str = "en") -> None:
        self.profile = profile()
        commands_read, self.commands = _high(os.pipe())
        self.answers, answers_write = _high(os.pipe())
        args = [str(CHROMIUM), *FLAGS, f"--user-data-dir={self.profile.name}", f"--lang={lang}",
                "--remote-debugging-pipe", "about:blank"]  # fmt: skip
        # bash (sh takes no two-digit descriptors) moves our pipe ends to 3 and 4
        shell = f'exec "$@" 3<&{commands_read} 4>&{answers_write}'
        self.process = subprocess.Popen(
            ["bash", "-c", shell, "bash", *args], pass_fds=(commands_read, answers_write),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(commands_read)
        os.close(answers_write)
        self.buffer = b""
        self.next_id = 0
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]

    def _send(self, method: str, params: dict[str, Any], session: str | None = None) -> Any:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:  # events come in between: skip them
            answer = self._read()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            chunk = os.read(self.answers, 65536)
            if not chunk:
                raise BrowserError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def run(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self._send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            self.session,
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 60) -> Any:
        """Wait until the expression is true in a loaded page; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.run(f"document.readyState === 'complete' && ({expression})")
            except BrowserError:  # the page is being replaced
                value = None
            if value:
                return value
            time.sleep(0.1)
        raise BrowserError(f"waited {timeout} s for {expression}")

    def open(self, url: str) -> None:
        self._send("Page.navigate", {"url": url}, self.session)
        self.wait(f"location.href === {json.dumps(url)}")

    def click(self, selector: str) -> None:
        """Click the element (a link, a button) and let the page go where it leads."""
        self.run(f"document.querySelector({json.dumps(selector)}).click()")

    def fill(self, selector: str, value: str) -> None:
        self.run(f"document.querySelector({json.dumps(selector)}).value = {json.dumps(value)}")

    def text(self, selector: str) -> str:
        return self.run(f"document.querySelector({json.dumps(selector)}).textContent")

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        os.close(self.commands)
        self.process.terminate()
        self.process.wait(timeout=20)
        os.close(self.answers)
        self.profile.cleanup()

"""Crawl manners: robots.txt as the site means it, Crawl-delay, and requests per host.

robots.txt is read per RFC 9309 by protego: the group for our user agent (else `*`), the
longest matching rule wins, Allow over Disallow at equal length, `*` and `$` in paths.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from protego import Protego


def parse_robots(content: bytes, content_type: str | None) -> Protego | None:
    """The rules of a robots.txt; None when it is not one (an HTML page served in its place)."""
    text = content.decode("utf-8", "replace")
    mime = (content_type or "").partition(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml") or text.lstrip().startswith("<"):
        return None
    return Protego.parse(text)


class HostGate:
    """At most `limit` requests at a time to one host, started `delay` seconds apart if asked."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.delays: dict[str, float] = {}
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        self.delays[host] = seconds

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for a free slot and for the host's crawl delay, then hold the slot."""
        async with self._slots.setdefault(host, asyncio.Semaphore(self.limit)):
            delay = self.delays.get(host, 0.0)
            if delay > 0:
                loop = asyncio.get_running_loop()
                start = max(loop.time(), self._next_start.get(host, 0.0))
                self._next_start[host] = start + delay
                await asyncio.sleep(start - loop.time())
            yield

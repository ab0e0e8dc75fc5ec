"""Crawl manners: robots.txt as the site means it, Crawl-delay, and requests per host.

robots.txt is read per RFC 9309 by protego: the group for our user agent (else `*`), the
longest matching rule wins, Allow over Disallow at equal length, `*` and `$` in paths.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import urljoin

from protego import Protego

from auditor.sources.download import Failure
from auditor.sources.raw import RawPage


def parse_robots(content: bytes, content_type: str | None) -> Protego | None:
    """The rules of a robots.txt; None when it is not one (an HTML page served in its place)."""
    text = content.decode("utf-8", "replace")
    mime = (content_type or "").partition(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml") or text.lstrip().startswith("<"):
        return None
    return Protego.parse(text)


async def read_robots(
    get: Callable[[str, bool], Awaitable[RawPage]], page_url: str
) -> tuple[Protego | None, str | None]:
    """The rules of the robots.txt of `page_url`'s site (None: everything is allowed), and why
    every page is forbidden, if it is; `get(url, html)` fetches or raises Failure."""
    try:
        raw = await get(urljoin(page_url, "/robots.txt"), False)
    except Failure as exc:  # missing or unreachable: everything is allowed, but
        if exc.status is not None and (exc.status >= 500 or exc.status == 429):
            # RFC 9309: a robots.txt that fails with a server error forbids everything
            return None, (
                f"robots.txt answered HTTP {exc.status}, which forbids every page until it "
                "answers (--ignore-robots for your own site)"
            )
        return None, None
    return parse_robots(raw.content, raw.content_type), None


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

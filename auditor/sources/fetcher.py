"""The requests of one crawl: its HTTP client, a slot per host, retries and the crawl budget."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from urllib.parse import urlsplit

import httpx

from auditor.sources.bodies import ACCEPT_ENCODING
from auditor.sources.crawl_options import CrawlOptions
from auditor.sources.crawl_urls import site_of
from auditor.sources.download import Failure, download, reason
from auditor.sources.polite import HostGate
from auditor.sources.raw import RawPage
from auditor.sources.retry import is_transient, retry_wait
from auditor.sources.transport import AddressGuard, GuardedTransport

# Given a URL, what to hold while fetching it: a slot of a limit shared by several crawls.
Limit = Callable[[str], AbstractAsyncContextManager[object]]


class Fetcher:
    """GETs within the crawl's limits: `concurrency` at a time per host (and `limit(url)`),
    tried again after passing failures, all within the budget once the first one starts."""

    def __init__(
        self,
        options: CrawlOptions,
        limit: Limit | None,
        on_request: Callable[[httpx.Request], Awaitable[None]],
    ) -> None:
        self.options = options
        self.limit = limit or (lambda url: nullcontext())
        self.guard = AddressGuard(options.resolver, options.allow_private)
        self.gate = HostGate(options.concurrency)
        self.deadline: float | None = None  # loop time when the budget runs out, once started
        self.clock = time.monotonic  # the loop's clock (set by the crawl), which threads read
        self.client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=options.max_redirects,
            timeout=options.timeout,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            event_hooks={"request": [on_request]},
            transport=GuardedTransport(self.guard, verify=not options.insecure),
        )

    def time_left(self) -> float:
        """Seconds of the crawl budget left (infinite without a budget)."""
        if self.deadline is None:
            return float("inf")
        return self.deadline - self.clock()

    def out_of_time(self) -> Failure:
        return Failure(
            f"stopped: the crawl budget of {self.options.budget:g} s ran out", budget=True
        )

    async def get(self, url: str, html: bool = True) -> RawPage:
        """Fetch `url`, trying again after passing failures; raise Failure with the reason
        (a retry the budget cut short: the failure that called for it)."""
        attempt, failed = 0, None
        while True:
            try:
                return await self.attempt(url, html)
            except Failure as exc:
                if failed is not None and exc.budget:
                    raise failed from None
                failed = exc
                options = self.options
                wait = retry_wait(
                    attempt, exc.retry_after, retries=options.retries if exc.transient else 0,
                    backoff=options.retry_backoff, max_wait=options.max_retry_wait,
                    time_left=self.time_left(),
                )  # fmt: skip
                if wait is None:
                    raise
            await asyncio.sleep(wait)
            attempt += 1

    async def attempt(self, url: str, html: bool) -> RawPage:
        """Fetch `url` once, within the time and size limits and the crawl budget.

        The budget starts when the crawl's first request has its slots: in a batch, the time a
        site waits for other sites' requests to a shared host is not its own.
        """
        host = site_of(urlsplit(url).hostname or "")
        try:
            async with (
                asyncio.timeout_at(self.deadline) as budget,
                self.gate.slot(host),
                self.limit(url),
            ):
                if self.deadline is None and self.options.budget is not None:
                    self.deadline = self.clock() + self.options.budget
                    budget.reschedule(self.deadline)
                async with asyncio.timeout(self.options.timeout):
                    return await download(self.client, url, html, self.options.max_bytes)
        except Failure:
            raise
        except (TimeoutError, httpx.TimeoutException):
            if self.time_left() <= 0:
                raise self.out_of_time() from None
            raise Failure(f"timed out after {self.options.timeout:g} s") from None
        except Exception as exc:
            raise Failure(reason(exc), transient=is_transient(exc)) from None

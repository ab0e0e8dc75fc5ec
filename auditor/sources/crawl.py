"""Crawl a site over HTTP: the start page first, then the pages its links lead to, best first.

Round trips are few: robots.txt first (it may forbid the start page), then the start page and
the site's sitemaps at the same time, then each page as soon as a link or a sitemap names it
and a slot is free (at most `concurrency` requests at a time to a host).
"""

from __future__ import annotations

import asyncio
import contextvars
import heapq
import itertools
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego

from auditor.core.errors import TargetUnreadable
from auditor.core.page_globs import matches
from auditor.core.urls import under
from auditor.sources.crawl_options import CrawlOptions
from auditor.sources.crawl_urls import DEFAULT_PORTS, homepage_folder, site_of, site_of_url
from auditor.sources.crawl_urls import url_key as _key
from auditor.sources.download import Failure, reason
from auditor.sources.fetcher import Fetcher, Limit
from auditor.sources.polite import read_robots
from auditor.sources.raw import FetchError, RawPage
from auditor.sources.sitemap import sitemap_urls

# Given a fetched page, the (absolute URL, priority) pairs of links to follow; lower goes first,
# and none is below BEST. It runs in a thread, and is read only while the crawl budget lasts.
Discover = Callable[[RawPage], Iterable[tuple[str, int]]]
# what discover gave, as (URL, key, priority) of links on the site, or why it failed
Links = list[tuple[str, str, int]] | Exception
BEST = 0  # the best priority discover gives
# The priority of a URL found without a link (in a sitemap).
Rank = Callable[[str], int]
SITEMAP_PRIORITY = 4  # the rank of sitemap URLs without a `rank`
# set while the start page is fetched: its redirects decide the site, so they may leave it
_DEFINING_SITE = contextvars.ContextVar("defining_site", default=False)


class CrawlFailed(TargetUnreadable):
    """The start page itself could not be fetched (message is one line)."""


def crawl(
    start_url: str,
    discover: Discover,
    options: CrawlOptions = CrawlOptions(),
    rank: Rank | None = None,
    keep_bodies: bool = True,
) -> tuple[list[RawPage], list[FetchError]]:
    """Fetch `start_url` and up to `max_pages - 1` pages on the same site that `discover` finds.

    A start page in a folder (https://host/praktijk/) is the homepage of the pages in that
    folder: the crawl stays in it. The site's sitemaps add the pages no link leads to, with the
    priority `rank` gives them. Returns the start page followed by the other pages sorted by
    URL, and the pages that could not be fetched. Raises CrawlFailed if the start page cannot
    be fetched. Without `keep_bodies`, a page whose links `discover` read whole comes back
    without its bytes (content b""): a `discover` that parses each page keeps what it needs,
    and the crawl does not hold every body until it ends.
    """
    return asyncio.run(
        crawl_async(start_url, discover, options, rank=rank, keep_bodies=keep_bodies)
    )


async def crawl_async(
    start_url: str,
    discover: Discover,
    options: CrawlOptions = CrawlOptions(),
    limit: Limit | None = None,
    rank: Rank | None = None,
    keep_bodies: bool = True,
) -> tuple[list[RawPage], list[FetchError]]:
    """`crawl` in a running event loop, each request holding `limit(url)` (see batch.py)."""
    return await _Crawler(discover, options, rank, limit, keep_bodies).run(start_url)


async def _settle(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel `tasks` and wait until they have stopped (their requests closed)."""
    tasks = list(tasks)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class _Crawler:
    """The state of one crawl: the queue of links, what was fetched and what failed."""

    def __init__(
        self,
        discover: Discover,
        options: CrawlOptions,
        rank: Rank | None = None,
        limit: Limit | None = None,
        keep_bodies: bool = True,
    ) -> None:
        self.discover = discover
        self.keep_bodies = keep_bodies
        self.options = options
        self.rank = rank or (lambda url: SITEMAP_PRIORITY)
        self.fetch = Fetcher(options, limit, self._stay_on_site)
        self.start_site = ""  # the site of the start URL, once its robots.txt has been read
        self.site: str | None = None  # set once the start page has been fetched
        # the folder the start page is the homepage of (pages outside it are another audit's),
        # once its links have been read
        self.folder: str | None = None
        self.robots: Protego | None = None  # None: everything is allowed
        self.robots_refusal: str | None = None  # why robots.txt forbids every page, if it does
        self.queue: list[tuple[int, int, str, str]] = []  # (priority, order, url, key)
        self.priorities: dict[str, int] = {}  # best priority each queued key was given
        self.started: set[str] = set()  # keys taken from the queue (fetched or not)
        self.fetched: set[str] = set()  # keys of the final URLs of fetched pages
        self.order = itertools.count()
        self.pages: dict[str, RawPage] = {}  # by key, the start page first
        self.errors: list[FetchError] = []

    async def run(self, start_url: str) -> tuple[list[RawPage], list[FetchError]]:
        self.fetch.clock = asyncio.get_running_loop().time
        async with self.fetch.client:
            home, sitemaps = await self._start(start_url)
            await self._crawl_rest(home, sitemaps)
        home, *others = self.pages.values()
        others.sort(key=lambda page: page.url)
        return [home, *others], sorted(self.errors, key=lambda e: (e.page, e.message))

    async def _start(self, start_url: str) -> tuple[RawPage, asyncio.Task[list[str]]]:
        """robots.txt, then the start page and (at the same time) the sitemaps' page URLs."""
        sitemaps: asyncio.Task[list[str]] | None = None
        try:
            parts = urlsplit(start_url)
            if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
                raise Failure("not an http(s) URL")
            url = urlunsplit(parts._replace(path=parts.path or "/", fragment=""))
            self.fetch.guard.admit_target(parts.hostname)
            await self._read_robots(url)  # its redirects may lead anywhere (RFC 9309)
            self.start_site = site_of_url(url)
            home = asyncio.create_task(self._get_start_page(url))  # asks for its slot first
            sitemaps = asyncio.create_task(self._sitemap_urls(url))
            page = await home
            self.site = site_of_url(page.url)
            if self.site != self.start_site:  # another site's robots.txt and sitemaps
                await _settle([sitemaps])
                await self._read_robots(page.url)
                sitemaps = asyncio.create_task(self._sitemap_urls(page.url))
            self.started.add(_key(url))
        except (Failure, ValueError) as exc:
            await _settle([sitemaps] if sitemaps else [])
            raise CrawlFailed(f"could not fetch {start_url}: {reason(exc)}") from None
        except BaseException:
            await _settle([sitemaps] if sitemaps else [])
            raise
        self._add_page(page)
        return page, sitemaps

    async def _get_start_page(self, url: str) -> RawPage:
        _DEFINING_SITE.set(True)  # in this task only
        return await self.fetch.get(url)

    async def _read_robots(self, page_url: str) -> None:
        """Read the robots.txt of `page_url`'s site and check that `page_url` may be fetched."""
        if not self.options.respect_robots:
            return
        self.robots, self.robots_refusal = await read_robots(self.fetch.get, page_url)
        delay = self.robots.crawl_delay(self.options.user_agent) if self.robots else None
        if delay:
            host = site_of(urlsplit(page_url).hostname or "")
            self.fetch.gate.set_delay(host, min(float(delay), self.options.max_crawl_delay))
        self._check_allowed(page_url)

    def _check_allowed(self, url: str) -> None:
        if self.robots_refusal:
            raise Failure(self.robots_refusal, skipped=True)
        if self.robots is not None and not self.robots.can_fetch(url, self.options.user_agent):
            raise Failure("disallowed by robots.txt", skipped=True)

    async def _stay_on_site(self, request: httpx.Request) -> None:
        """Refuse to follow a redirect off the site (or off http): the start page's redirects
        decide what the site is, and until they have, the start URL's site is the one."""
        if request.url.scheme not in DEFAULT_PORTS:
            raise Failure(f"redirects to a URL that is not http(s): {str(request.url)[:200]}")
        site = self.site or (None if _DEFINING_SITE.get() else self.start_site or None)
        if site is not None and site_of_url(str(request.url)) != site:
            raise Failure(f"redirects to another site: {request.url}")

    async def _sitemap_urls(self, page_url: str) -> list[str]:
        """The page URLs in the sitemaps of `page_url`'s site (see sitemap_urls)."""
        named = list(self.robots.sitemaps) if self.robots else []
        return await sitemap_urls(self._sitemap, page_url, named, self.options)

    async def _sitemap(self, url: str) -> bytes | None:
        try:
            return (await self.fetch.get(url, html=False)).content
        except Failure:
            return None

    def _links(self, page: RawPage) -> Links:
        """The links of `page` to follow (run in a thread): a page of 100k links takes seconds,
        so reading them stops when the crawl budget runs out."""
        try:
            found = []
            for href, priority in self.discover(page):
                if self.fetch.deadline is not None and self.fetch.clock() >= self.fetch.deadline:
                    return self.fetch.out_of_time()
                try:
                    url = urljoin(page.url, href)
                except ValueError:  # not a URL ("http://[::1")
                    continue
                if link := self._on_site(url):
                    found.append((*link, priority))
            return found
        except Exception as exc:
            return exc

    def _follow_links(self, page: RawPage, links: Links) -> None:
        if self.folder is None:  # the start page's links: they tell what it is the home of
            found = [] if isinstance(links, Exception) else [url for url, _, _ in links]
            self.folder = homepage_folder(page.url, found)
            self.queue = [entry for entry in self.queue if under(entry[2], self.folder)]
            heapq.heapify(self.queue)
        if isinstance(links, Exception):
            self.errors.append(FetchError(page.url, f"could not read links: {reason(links)}"))
            return
        if not self.keep_bodies:  # discover has what it needs of the page
            self.pages[_key(page.url)] = replace(page, content=b"")
        for url, key, priority in links:
            if under(url, self.folder):
                self._push(url, key, priority)

    async def _parse(self, page: RawPage) -> tuple[RawPage, Links]:
        """A page and its links, found in a thread so that the event loop goes on."""
        return page, await asyncio.to_thread(self._links, page)

    def _on_site(self, url: str) -> tuple[str, str] | None:
        """`url` without its fragment and its key, if it is an http(s) page of the site to read
        (in the start page's folder, not skipped by the configuration)."""
        url = url.partition("#")[0]
        try:
            parts = urlsplit(url)
            key = _key(url)
            site = site_of_url(url)
        except ValueError:
            return None
        if (
            parts.scheme.lower() not in DEFAULT_PORTS
            or site != self.site
            or (self.folder is not None and not under(url, self.folder))
            or (self.options.skip and matches(self.options.skip, url, None))
        ):
            return None
        return url, key

    def _push(self, url: str, key: str, priority: int) -> None:
        if key in self.started or (key in self.priorities and priority >= self.priorities[key]):
            return
        self.priorities[key] = priority
        heapq.heappush(self.queue, (priority, next(self.order), url, key))

    def _next_url(self, worst: int | None = None) -> str | None:
        """The best queued URL not fetched yet; those robots.txt disallows become errors.

        None, too, when the best one's priority is above `worst`.
        """
        while self.queue:
            priority, _, url, key = self.queue[0]
            if key not in self.started and worst is not None and priority > worst:
                return None
            heapq.heappop(self.queue)
            if key in self.started:
                continue  # a worse-priority duplicate
            self.started.add(key)
            try:
                self._check_allowed(url)
            except Failure as exc:
                self.errors.append(FetchError(url, exc.message))
                continue
            return url
        return None

    async def _crawl_rest(self, home: RawPage, sitemaps: asyncio.Task[list[str]]) -> None:
        """Fetch each queued page as soon as a slot is free, until the queue or the budget runs
        out: a queue fed by the links of each page as it is parsed (in a thread, while the
        fetches go on) and by the sitemaps as they are read.

        Links still to come could outrank the queued ones, so while pages are being parsed or
        sitemaps read, only links of the best priority start: the order is the one reading
        each page before the next fetch gives, without waiting for it where that changes
        nothing.
        """
        budget = self.options.max_pages - 1
        fetching: dict[asyncio.Task[RawPage], str] = {}
        parsing = {asyncio.create_task(self._parse(home)): home}
        reading = {sitemaps}
        while True:
            worst = BEST if parsing or reading else None
            while (
                budget > 0
                and self.folder is not None
                and len(fetching) < self.options.concurrency
                and self.fetch.time_left() > 0
                and (url := self._next_url(worst)) is not None
            ):
                budget -= 1
                fetching[asyncio.create_task(self.fetch.get(url))] = url
            if not fetching and not parsing and not reading:
                break
            # fetches end by themselves when the budget runs out; reading links may not
            waiting = parsing or reading
            timeout = max(self.fetch.time_left(), 0) if waiting and self.fetch.deadline else None
            done, _ = await asyncio.wait(
                [*fetching, *parsing, *reading],
                timeout=timeout,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if not done:  # out of time: the links still being read are not followed
                for task, page in parsing.items():
                    task.cancel()
                    self._follow_links(page, self.fetch.out_of_time())
                parsing.clear()
                await _settle(reading)
                reading.clear()
            for task in done:
                if task in reading:
                    reading.remove(task)
                    for url in task.result():
                        if link := self._on_site(url):
                            self._push(*link, self.rank(url))
                elif task in parsing:
                    del parsing[task]
                    self._follow_links(*task.result())
                elif page := self._fetched(task, fetching.pop(task)):
                    parsing[asyncio.create_task(self._parse(page))] = page
        if self.fetch.time_left() <= 0:  # the pages the crawl would have read next
            while budget > 0 and (url := self._next_url()) is not None:
                budget -= 1
                self.errors.append(FetchError(url, self.fetch.out_of_time().message))

    def _fetched(self, task: asyncio.Task[RawPage], url: str) -> RawPage | None:
        """The page a finished fetch gave, if it is a new page of the site; else why not is
        an error (a redirect to a page fetched already is neither)."""
        try:
            page = task.result()
        except Failure as exc:
            self.errors.append(FetchError(url, exc.message))
            return None
        if self.folder and not under(page.url, self.folder):
            self.errors.append(FetchError(url, f"skipped: redirects out of {self.folder}"))
            return None
        return page if self._add_page(page) else None

    def _add_page(self, page: RawPage) -> bool:
        """Keep `page` unless a redirect led to a page that was fetched already."""
        key = _key(page.url)
        if key in self.fetched:
            return False
        self.fetched.add(key)
        self.started.add(key)
        self.pages[key] = page
        return True

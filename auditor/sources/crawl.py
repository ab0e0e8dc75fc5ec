"""Crawl a site over HTTP: the start page first, then the pages its links lead to, best first."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import socket
import ssl
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from auditor import __version__
from auditor.model import FetchError, RawPage

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_FILES = ("index.html", "index.htm")


@dataclass(frozen=True)
class CrawlOptions:
    """Limits and manners of a crawl."""

    max_pages: int = 20
    concurrency: int = 4
    timeout: float = 10.0  # seconds per request, body included
    max_redirects: int = 5
    max_bytes: int = 5_000_000
    user_agent: str = f"copy-auditor/{__version__} (+https://github.com/copy-auditor/copy-auditor)"
    respect_robots: bool = True


# Given a fetched page, the (absolute URL, priority) pairs of links to follow; lower goes first,
# and none is below BEST.
Discover = Callable[[RawPage], Iterable[tuple[str, int]]]
Links = list[tuple[str, int]] | Exception  # what discover gave, or why it failed
BEST = 0  # the best priority discover gives


class CrawlFailed(Exception):
    """The start page itself could not be fetched (message is one line)."""


class _Failure(Exception):
    """A page that could not be used; `skipped` when it was left alone on purpose."""

    def __init__(self, reason: str, skipped: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skipped = skipped

    @property
    def message(self) -> str:
        return f"skipped: {self.reason}" if self.skipped else self.reason


def crawl(
    start_url: str, discover: Discover, options: CrawlOptions = CrawlOptions()
) -> tuple[list[RawPage], list[FetchError]]:
    """Fetch `start_url` and up to `max_pages - 1` pages on the same site that `discover` finds.

    Returns the start page followed by the other pages sorted by URL, and the pages that could
    not be fetched. Raises CrawlFailed if the start page cannot be fetched.
    """
    return asyncio.run(crawl_async(start_url, discover, options))


# Given a URL, what to hold while fetching it: a slot of a limit shared by several crawls.
Limit = Callable[[str], AbstractAsyncContextManager[object]]


async def crawl_async(
    start_url: str,
    discover: Discover,
    options: CrawlOptions = CrawlOptions(),
    limit: Limit | None = None,
) -> tuple[list[RawPage], list[FetchError]]:
    """`crawl` in a running event loop, each request holding `limit(url)` (see batch.py)."""
    return await _Crawler(discover, options, limit).run(start_url)


class _Crawler:
    """The state of one crawl: the queue of links, what was fetched and what failed."""

    def __init__(
        self, discover: Discover, options: CrawlOptions, limit: Limit | None = None
    ) -> None:
        self.discover = discover
        self.options = options
        self.limit = limit or (lambda url: nullcontext())
        self.client = httpx.AsyncClient(
            verify=_ssl_context(),
            follow_redirects=True,
            max_redirects=options.max_redirects,
            timeout=options.timeout,
            headers={"User-Agent": options.user_agent},
            event_hooks={"request": [self._stay_on_site]},
        )
        self.site: str | None = None  # set once the start page has been fetched
        self.robots: RobotFileParser | None = None  # None: everything is allowed
        self.queue: list[tuple[int, int, str, str]] = []  # (priority, order, url, key)
        self.priorities: dict[str, int] = {}  # best priority each queued key was given
        self.started: set[str] = set()  # keys taken from the queue (fetched or not)
        self.fetched: set[str] = set()  # keys of the final URLs of fetched pages
        self.order = itertools.count()
        self.pages: list[RawPage] = []
        self.errors: list[FetchError] = []

    async def run(self, start_url: str) -> tuple[list[RawPage], list[FetchError]]:
        async with self.client:
            home = await self._start(start_url)
            self._follow_links(home, self._links(home))
            await self._crawl_rest()
        others = sorted(self.pages[1:], key=lambda page: page.url)
        return [home, *others], sorted(self.errors, key=lambda e: (e.page, e.message))

    async def _start(self, start_url: str) -> RawPage:
        try:
            parts = urlsplit(start_url)
            if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
                raise _Failure("not an http(s) URL")
            url = urlunsplit(parts._replace(path=parts.path or "/", fragment=""))
            await self._read_robots(url)
            page = await self._get(url)
            self.site = _site_of(urlsplit(page.url).hostname or "")
            if self.site != _site_of(parts.hostname):
                await self._read_robots(page.url)
            self.started.add(_key(url))
        except (_Failure, ValueError) as exc:
            raise CrawlFailed(f"could not fetch {start_url}: {_reason(exc)}") from None
        self._add_page(page)
        return page

    async def _read_robots(self, page_url: str) -> None:
        """Read the robots.txt of `page_url`'s site and check that `page_url` may be fetched."""
        if not self.options.respect_robots:
            return
        robots_url = urljoin(page_url, "/robots.txt")
        try:
            raw = await self._get(robots_url, html=False)
        except _Failure:
            self.robots = None  # missing or unreachable: everything is allowed
        else:
            self.robots = RobotFileParser(robots_url)
            self.robots.parse(raw.content.decode("utf-8", "replace").splitlines())
        self._check_allowed(page_url)

    def _check_allowed(self, url: str) -> None:
        if self.robots is not None and not self.robots.can_fetch(self.options.user_agent, url):
            raise _Failure("disallowed by robots.txt", skipped=True)

    async def _stay_on_site(self, request: httpx.Request) -> None:
        """Refuse, once the site is known, to follow a redirect off it."""
        if self.site is not None and _site_of(request.url.host) != self.site:
            raise _Failure(f"redirects to another site: {request.url}")

    def _links(self, page: RawPage) -> Links:
        try:
            return list(self.discover(page))
        except Exception as exc:
            return exc

    def _follow_links(self, page: RawPage, links: Links) -> None:
        if isinstance(links, Exception):
            self.errors.append(FetchError(page.url, f"could not read links: {_reason(links)}"))
            return
        for href, priority in links:
            self._enqueue(urljoin(page.url, href), priority)

    async def _parse(self, page: RawPage) -> tuple[RawPage, Links]:
        """A page and its links, found in a thread so that the event loop goes on."""
        return page, await asyncio.to_thread(self._links, page)

    def _enqueue(self, url: str, priority: int) -> None:
        url = url.partition("#")[0]
        try:
            parts = urlsplit(url)
            key = _key(url)
        except ValueError:
            return
        if (
            parts.scheme.lower() not in DEFAULT_PORTS
            or _site_of(parts.hostname or "") != self.site
            or key in self.started
            or (key in self.priorities and priority >= self.priorities[key])
        ):
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
            except _Failure as exc:
                self.errors.append(FetchError(url, exc.message))
                continue
            return url
        return None

    async def _crawl_rest(self) -> None:
        """Fetch queued pages, `concurrency` at a time, until the queue or the budget runs out.

        A fetched page is parsed (in a thread) while the next fetches go on. Its links could
        outrank the queued ones, so while pages are being parsed only links of the best
        priority start: the order is the one parsing each page before the next fetch gives.
        """
        budget = self.options.max_pages - 1
        fetching: dict[asyncio.Task[RawPage], str] = {}
        parsing: set[asyncio.Task[tuple[RawPage, Links]]] = set()
        while True:
            while (
                budget > 0
                and len(fetching) < self.options.concurrency
                and (url := self._next_url(BEST if parsing else None)) is not None
            ):
                budget -= 1
                fetching[asyncio.create_task(self._get(url))] = url
            if not fetching and not parsing:
                return
            done, _ = await asyncio.wait([*fetching, *parsing], return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task in parsing:
                    parsing.discard(task)
                    self._follow_links(*task.result())
                    continue
                url = fetching.pop(task)
                try:
                    page = task.result()
                except _Failure as exc:
                    self.errors.append(FetchError(url, exc.message))
                    continue
                if self._add_page(page):
                    parsing.add(asyncio.create_task(self._parse(page)))

    def _add_page(self, page: RawPage) -> bool:
        """Keep `page` unless a redirect led to a page that was fetched already."""
        key = _key(page.url)
        if key in self.fetched:
            return False
        self.fetched.add(key)
        self.started.add(key)
        self.pages.append(page)
        return True

    async def _get(self, url: str, html: bool = True) -> RawPage:
        """Fetch `url` within the time and size limits; raise _Failure with the reason if not."""
        try:
            async with self.limit(url), asyncio.timeout(self.options.timeout):
                return await self._download(url, html)
        except _Failure:
            raise
        except (TimeoutError, httpx.TimeoutException):
            raise _Failure(f"timed out after {self.options.timeout:g} s") from None
        except Exception as exc:
            raise _Failure(_reason(exc)) from None

    async def _download(self, url: str, html: bool) -> RawPage:
        async with self.client.stream("GET", url) as response:
            if not response.is_success:
                raise _Failure(f"HTTP {response.status_code}")
            content_type = response.headers.get("content-type")
            mime = (content_type or "").partition(";")[0].strip().lower()
            if html and mime not in HTML_TYPES:
                raise _Failure(f"not HTML ({mime or 'no Content-Type'})", skipped=True)
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.options.max_bytes:
                    raise _Failure(f"larger than {_size(self.options.max_bytes)}", skipped=True)
            return RawPage(
                url=str(response.url),
                content=bytes(body),
                status=response.status_code,
                content_type=content_type,
            )


@cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client: loading the certificates costs 20 ms each time."""
    return httpx.create_ssl_context()


def _site_of(host: str) -> str:
    """The site a host belongs to: `www.example.nl` and `example.nl` are one."""
    return host.lower().removeprefix("www.")


def _key(url: str) -> str:
    """`url` normalised so that the links to one page compare equal."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = _site_of(parts.hostname or "")
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    folder, _, name = (parts.path or "/").rpartition("/")
    path = folder if name in INDEX_FILES else parts.path
    query = "&".join(sorted(param for param in parts.query.split("&") if param))
    return urlunsplit((scheme, netloc, path.rstrip("/") or "/", query, ""))


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1000:
        return f"{n / 1000:g} kB"
    return f"{n} bytes"


def _reason(exc: BaseException) -> str:
    """A short, one-line description of why a fetch failed."""
    if isinstance(exc, _Failure):
        return exc.reason
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "host not found"
        cause = cause.__cause__ or cause.__context__
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__

"""Crawl a site over HTTP: the start page first, then the pages its links lead to, best first."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import replace
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from protego import Protego

from auditor.model import FetchError, RawPage
from auditor.page_globs import matches
from auditor.sources.bodies import ACCEPT_ENCODING, BodyTooLarge, read_body
from auditor.sources.crawl_options import CrawlOptions
from auditor.sources.polite import HostGate, parse_robots
from auditor.sources.problems import FetchProblem
from auditor.sources.retry import RETRY_STATUSES, is_transient, retry_after, retry_wait
from auditor.sources.sitemap import parse_sitemap, valid_url
from auditor.sources.transport import AddressGuard, GuardedTransport

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_FILES = ("index.html", "index.htm")


# Given a fetched page, the (absolute URL, priority) pairs of links to follow; lower goes first,
# and none is below BEST. It runs in a thread, and is read only while the crawl budget lasts.
Discover = Callable[[RawPage], Iterable[tuple[str, int]]]
# what discover gave, as (URL, key, priority) of links on the site, or why it failed
Links = list[tuple[str, str, int]] | Exception
BEST = 0  # the best priority discover gives
# The priority of a URL found without a link (in a sitemap).
Rank = Callable[[str], int]
SITEMAP_PRIORITY = 4  # the rank of sitemap URLs without a `rank`


class CrawlFailed(Exception):
    """The start page itself could not be fetched (message is one line)."""


class _Failure(Exception):
    """A page that could not be used; `skipped` when it was left alone on purpose."""

    def __init__(
        self,
        reason: str,
        skipped: bool = False,
        transient: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        budget: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skipped = skipped
        self.budget = budget  # the crawl budget ran out
        self.transient = transient  # worth another try
        self.retry_after = retry_after  # seconds the server asked to wait first
        self.status = status  # the HTTP status of an answer that was not a success

    @property
    def message(self) -> str:
        return f"skipped: {self.reason}" if self.skipped else self.reason


def crawl(
    start_url: str,
    discover: Discover,
    options: CrawlOptions = CrawlOptions(),
    rank: Rank | None = None,
    keep_bodies: bool = True,
) -> tuple[list[RawPage], list[FetchError]]:
    """Fetch `start_url` and up to `max_pages - 1` pages on the same site that `discover` finds.

    The site's sitemaps add the pages no link leads to, with the priority `rank` gives them.
    Returns the start page followed by the other pages sorted by URL, and the pages that could
    not be fetched. Raises CrawlFailed if the start page cannot be fetched.
    Without `keep_bodies`, a page whose links `discover` read whole comes back without its
    bytes (content b""): a `discover` that parses each page keeps what it needs, and the
    crawl does not hold every body until it ends.
    """
    return asyncio.run(
        crawl_async(start_url, discover, options, rank=rank, keep_bodies=keep_bodies)
    )


# Given a URL, what to hold while fetching it: a slot of a limit shared by several crawls.
Limit = Callable[[str], AbstractAsyncContextManager[object]]


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
        self.limit = limit or (lambda url: nullcontext())
        self.guard = AddressGuard(options.resolver, options.allow_private)
        self.gate = HostGate(options.concurrency)
        self.deadline: float | None = None  # loop time when the budget runs out, once started
        self.clock = time.monotonic  # the loop's clock, which threads can read too
        self.client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=options.max_redirects,
            timeout=options.timeout,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            event_hooks={"request": [self._stay_on_site]},
            transport=GuardedTransport(self.guard, verify=not options.insecure),
        )
        self.site: str | None = None  # set once the start page has been fetched
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
        self.clock = asyncio.get_running_loop().time
        async with self.client:
            home = await self._start(start_url)
            try:
                async with asyncio.timeout_at(self.deadline):
                    self._follow_links(*await self._parse(home))
            except TimeoutError:
                self._follow_links(home, self._out_of_time())
            await self._read_sitemaps(home.url)
            await self._crawl_rest()
        home, *others = self.pages.values()
        others.sort(key=lambda page: page.url)
        return [home, *others], sorted(self.errors, key=lambda e: (e.page, e.message))

    async def _start(self, start_url: str) -> RawPage:
        try:
            parts = urlsplit(start_url)
            if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
                raise _Failure("not an http(s) URL")
            url = urlunsplit(parts._replace(path=parts.path or "/", fragment=""))
            self.guard.admit_target(parts.hostname)
            await self._read_robots(url)
            page = await self._get(url)
            self.site = _site_of_url(page.url)
            if self.site != _site_of_url(url):
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
        except _Failure as exc:
            self.robots = None  # missing or unreachable: everything is allowed
            if exc.status is not None and (exc.status >= 500 or exc.status == 429):
                # RFC 9309: a robots.txt that fails with a server error forbids everything
                self.robots_refusal = (
                    f"robots.txt answered HTTP {exc.status}, which forbids every page until it "
                    "answers (--ignore-robots for your own site)"
                )
        else:
            self.robots = parse_robots(raw.content, raw.content_type)
        delay = self.robots.crawl_delay(self.options.user_agent) if self.robots else None
        if delay:
            host = _site_of(urlsplit(page_url).hostname or "")
            self.gate.set_delay(host, min(float(delay), self.options.max_crawl_delay))
        self._check_allowed(page_url)

    def _check_allowed(self, url: str) -> None:
        if self.robots_refusal:
            raise _Failure(self.robots_refusal, skipped=True)
        if self.robots is not None and not self.robots.can_fetch(url, self.options.user_agent):
            raise _Failure("disallowed by robots.txt", skipped=True)

    async def _stay_on_site(self, request: httpx.Request) -> None:
        """Refuse, once the site is known, to follow a redirect off it (or off http)."""
        if request.url.scheme not in DEFAULT_PORTS:
            raise _Failure(f"redirects to a URL that is not http(s): {str(request.url)[:200]}")
        if self.site is not None and _site_of_url(str(request.url)) != self.site:
            raise _Failure(f"redirects to another site: {request.url}")

    async def _read_sitemaps(self, home_url: str) -> None:
        """Queue the pages the site's sitemaps list: /sitemap.xml and those robots.txt names."""
        named = list(self.robots.sitemaps) if self.robots else []
        sitemaps = list(dict.fromkeys([*named, urljoin(home_url, "/sitemap.xml")]))
        sitemaps = [url for url in sitemaps if valid_url(url)]
        room, read = self.options.max_sitemap_urls, 0
        while sitemaps and read < self.options.max_sitemaps and room > 0:
            url = sitemaps.pop(0)
            if _site_of_url(url) != self.site:
                continue
            read += 1
            try:
                raw = await self._get(url, html=False)
            except _Failure:
                continue  # missing or broken: links alone find the pages
            urls, is_index = parse_sitemap(raw.content, self.options.max_bytes, room)
            if is_index:
                sitemaps.extend(urls)
                continue
            room -= len(urls)
            for page_url in urls:
                self._enqueue(page_url, self.rank(page_url))

    def _links(self, page: RawPage) -> Links:
        """The links of `page` to follow (run in a thread): a page of 100k links takes seconds,
        so reading them stops when the crawl budget runs out."""
        try:
            found = []
            for href, priority in self.discover(page):
                if self.deadline is not None and self.clock() >= self.deadline:
                    return self._out_of_time()
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
        if isinstance(links, Exception):
            self.errors.append(FetchError(page.url, f"could not read links: {_reason(links)}"))
            return
        if not self.keep_bodies:  # discover has what it needs of the page
            self.pages[_key(page.url)] = replace(page, content=b"")
        for url, key, priority in links:
            self._push(url, key, priority)

    async def _parse(self, page: RawPage) -> tuple[RawPage, Links]:
        """A page and its links, found in a thread so that the event loop goes on."""
        return page, await asyncio.to_thread(self._links, page)

    def _on_site(self, url: str) -> tuple[str, str] | None:
        """`url` without its fragment and its key, if it is an http(s) page of the site to read."""
        url = url.partition("#")[0]
        try:
            parts = urlsplit(url)
            key = _key(url)
            site = _site_of_url(url)
        except ValueError:
            return None
        if (
            parts.scheme.lower() not in DEFAULT_PORTS
            or site != self.site
            or (self.options.skip and matches(self.options.skip, url, None))
        ):
            return None
        return url, key

    def _enqueue(self, url: str, priority: int) -> None:
        if link := self._on_site(url):
            self._push(*link, priority)

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
        parsing: dict[asyncio.Task[tuple[RawPage, Links]], RawPage] = {}
        while True:
            while (
                budget > 0
                and len(fetching) < self.options.concurrency
                and self._time_left() > 0
                and (url := self._next_url(BEST if parsing else None)) is not None
            ):
                budget -= 1
                fetching[asyncio.create_task(self._get(url))] = url
            if not fetching and not parsing:
                break
            # fetches end by themselves when the budget runs out; reading links may not
            timeout = max(self._time_left(), 0) if parsing and self.deadline else None
            done, _ = await asyncio.wait(
                [*fetching, *parsing], timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            if not done:  # out of time: the links still being read are not followed
                for task, page in parsing.items():
                    task.cancel()
                    self._follow_links(page, self._out_of_time())
                parsing.clear()
            for task in done:
                if task in parsing:
                    del parsing[task]
                    self._follow_links(*task.result())
                    continue
                url = fetching.pop(task)
                try:
                    page = task.result()
                except _Failure as exc:
                    self.errors.append(FetchError(url, exc.message))
                    continue
                if self._add_page(page):
                    parsing[asyncio.create_task(self._parse(page))] = page
        if self._time_left() <= 0:  # the pages the crawl would have read next
            while budget > 0 and (url := self._next_url()) is not None:
                budget -= 1
                self.errors.append(FetchError(url, self._out_of_time().message))

    def _add_page(self, page: RawPage) -> bool:
        """Keep `page` unless a redirect led to a page that was fetched already."""
        key = _key(page.url)
        if key in self.fetched:
            return False
        self.fetched.add(key)
        self.started.add(key)
        self.pages[key] = page
        return True

    def _time_left(self) -> float:
        """Seconds of the crawl budget left (infinite without a budget)."""
        if self.deadline is None:
            return float("inf")
        return self.deadline - self.clock()

    def _out_of_time(self) -> _Failure:
        return _Failure(
            f"stopped: the crawl budget of {self.options.budget:g} s ran out", budget=True
        )

    async def _get(self, url: str, html: bool = True) -> RawPage:
        """Fetch `url`, trying again after passing failures; raise _Failure with the reason
        (a retry the budget cut short: the failure that called for it)."""
        attempt, failed = 0, None
        while True:
            try:
                return await self._attempt(url, html)
            except _Failure as exc:
                if failed is not None and exc.budget:
                    raise failed from None
                failed = exc
                options = self.options
                wait = retry_wait(
                    attempt, exc.retry_after, retries=options.retries if exc.transient else 0,
                    backoff=options.retry_backoff, max_wait=options.max_retry_wait,
                    time_left=self._time_left(),
                )  # fmt: skip
                if wait is None:
                    raise
            await asyncio.sleep(wait)
            attempt += 1

    async def _attempt(self, url: str, html: bool) -> RawPage:
        """Fetch `url` once, within the time and size limits and the crawl budget.

        The budget starts when the crawl's first request has its slots: in a batch, the time a
        site waits for other sites' requests to a shared host is not its own.
        """
        host = _site_of(urlsplit(url).hostname or "")
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
                    return await self._download(url, html)
        except _Failure:
            raise
        except (TimeoutError, httpx.TimeoutException):
            if self._time_left() <= 0:
                raise self._out_of_time() from None
            raise _Failure(f"timed out after {self.options.timeout:g} s") from None
        except Exception as exc:
            raise _Failure(_reason(exc), transient=is_transient(exc)) from None

    async def _download(self, url: str, html: bool) -> RawPage:
        async with self.client.stream("GET", url) as response:
            if not response.is_success:
                code, transient = response.status_code, response.status_code in RETRY_STATUSES
                wait = retry_after(response.headers.get("retry-after")) if transient else None
                asked = f" (Retry-After: {wait:g} s)" if wait is not None else ""
                raise _Failure(
                    f"HTTP {code}{asked}", transient=transient, retry_after=wait, status=code
                )
            content_type = response.headers.get("content-type")
            mime = (content_type or "").partition(";")[0].strip().lower()
            if html and mime not in HTML_TYPES:
                raise _Failure(f"not HTML ({mime[:100] or 'no Content-Type'})", skipped=True)
            try:
                body = await read_body(response, self.options.max_bytes)
            except BodyTooLarge:
                raise _Failure(
                    f"larger than {_size(self.options.max_bytes)}", skipped=True
                ) from None
            if html and not body.strip():
                raise _Failure("empty page", skipped=True)
            return RawPage(
                url=str(response.url),
                content=body,
                status=response.status_code,
                content_type=content_type,
            )


def _site_of(host: str) -> str:
    """The site a host belongs to: `www.example.nl` and `example.nl` are one."""
    return host.lower().removeprefix("www.")


def _site_of_url(url: str) -> str:
    """The site of a URL: its host (`www.` or not) and port. Another port of the host is another
    site (an internal service); a default port is none, so http and https are one site."""
    parts = urlsplit(url)
    host, port = _site_of(parts.hostname or ""), parts.port
    return host if port in (None, DEFAULT_PORTS.get(parts.scheme.lower())) else f"{host}:{port}"


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
        if isinstance(cause, FetchProblem):
            return str(cause)
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "host not found"
        if isinstance(cause, ssl.SSLCertVerificationError):
            problem = cause.verify_message or "certificate verify failed"
            return f"TLS certificate not trusted: {problem} (--insecure skips the check)"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__

"""A crawl's limits and manners: apart from the crawler, so that the commands that do not
crawl can name them without importing httpx."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor import __version__

if TYPE_CHECKING:
    from auditor.sources.transport import Resolver


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
    budget: float | None = 120.0  # seconds for the whole crawl; None: no limit
    retries: int = 2  # tries after the first, for 429, 5xx and dropped connections
    retry_backoff: float = 0.5  # seconds before the first retry, doubled for each further one
    max_retry_wait: float = 10.0  # the longest Retry-After honoured; longer ones give up
    max_crawl_delay: float = 5.0  # robots.txt's Crawl-delay is honoured up to this
    max_sitemap_urls: int = 2000
    max_sitemaps: int = 5  # sitemap files read, index files included
    insecure: bool = False  # accept any TLS certificate
    allow_private: bool = False  # connect to private addresses from a public site
    skip: tuple[str, ...] = ()  # page globs (the config's `ignore`) of pages not to fetch
    resolver: Resolver | None = None  # the DNS lookup (tests set one: no query leaves the machine)

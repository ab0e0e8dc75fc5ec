"""Page URLs from a sitemap (sitemaps.org XML), read leniently: broken or huge ones are fine.

The <loc> elements are picked out with a pattern rather than an XML parser, so a truncated or
malformed file still gives the URLs it has, and entities can never expand (no XML bombs).
"""

from __future__ import annotations

import asyncio
import html
import re
import zlib
from collections.abc import Awaitable, Callable
from urllib.parse import urljoin, urlsplit

from auditor.sources.crawl_options import CrawlOptions
from auditor.sources.crawl_urls import site_of_url

# a <loc> with its URL, or the URL in CDATA; bounded, so unclosed tags cost little
_LOC = re.compile(
    rb"<(?:[\w.-]+:)?loc\b[^>]{0,200}>\s*(<!\[CDATA\[[^\]]{0,2048}\]\]>|[^<]{0,2048})"
    rb"\s*</(?:[\w.-]+:)?loc\s*>",
    re.I,
)
_INDEX = re.compile(rb"<(?:[\w.-]+:)?sitemapindex\b", re.I)
_CDATA = re.compile(r"^<!\[CDATA\[(.*)\]\]>$", re.S)
_GZIP_MAGIC = b"\x1f\x8b"


def _inflate(content: bytes, cap: int) -> bytes:
    """A sitemap.xml.gz unpacked, at most `cap` bytes of it."""
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(content, cap)
    except zlib.error:
        return b""


def valid_url(url: str) -> bool:
    """An http(s) URL whose host and port can be read."""
    try:
        parts = urlsplit(url)
        _ = parts.hostname, parts.port  # these raise for a malformed host or port
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def parse_sitemap(content: bytes, cap: int, limit: int) -> tuple[list[str], bool]:
    """Up to `limit` URLs in a sitemap, and whether it is an index of further sitemaps."""
    if content.startswith(_GZIP_MAGIC):  # a sitemap.xml.gz
        content = _inflate(content, cap)
    urls = []
    for match in _LOC.finditer(content):
        text = match.group(1).decode("utf-8", "replace").strip()
        url = html.unescape(_CDATA.sub(r"\1", text)).strip()
        if len(url) <= 2000 and valid_url(url):
            urls.append(url)
            if len(urls) >= limit:
                break
    return urls, _INDEX.search(content) is not None


async def sitemap_urls(
    get: Callable[[str], Awaitable[bytes | None]],
    page_url: str,
    named: list[str],
    options: CrawlOptions,
) -> list[str]:
    """The page URLs in the sitemaps of `page_url`'s site: /sitemap.xml and those robots.txt
    names (`named`), fetched with `get` (None: missing or broken) at the same time; the
    sitemaps an index names once it has been read. Within the options' caps."""
    site = site_of_url(page_url)
    todo = list(dict.fromkeys([*named, urljoin(page_url, "/sitemap.xml")]))
    todo = [url for url in todo if valid_url(url) and site_of_url(url) == site]
    room, reads, found = options.max_sitemap_urls, options.max_sitemaps, []
    while todo and reads > 0 and room > 0:
        batch, todo = todo[:reads], todo[reads:]
        reads -= len(batch)
        for body in await asyncio.gather(*(get(url) for url in batch)):
            if body is None or room <= 0:
                continue  # missing or broken: links alone find the pages
            urls, is_index = parse_sitemap(body, options.max_bytes, room)
            if is_index:
                todo.extend(url for url in urls if site_of_url(url) == site)
            else:
                room -= len(urls)
                found.extend(urls)
    return found

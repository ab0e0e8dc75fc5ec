"""How many round trips a crawl takes, read from the request trace of a server with latency.

Wall times on a loaded 2-core machine vary; the trace's overlap structure does not: which
request started before which other ended, and the longest chain of requests each of which
had to wait for the one before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from http_server import Route, SiteServer

from auditor.sources.crawl import CrawlOptions, crawl
from auditor.sources.raw import RawPage

LATENCY = 0.3
Trace = list[tuple[str, float, float]]


def links(page: RawPage) -> Iterator[tuple[str, int]]:
    """Every href on the page; /about first, the rest after the sitemap's pages."""
    for href in re.findall(rb'href="([^"]*)"', page.content):
        url = urljoin(page.url, href.decode())
        yield url, 0 if urlsplit(url).path == "/about" else 5


def html(*hrefs: str) -> bytes:
    return "".join(f'<a href="{href}">link</a>\n' for href in hrefs).encode()


def sitemap(*urls: str) -> bytes:
    locs = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return f'<?xml version="1.0"?><urlset>{locs}</urlset>'.encode()


def slow(body: bytes, delay: float = LATENCY, xml: bool = False) -> Route:
    headers = {"Content-Type": "application/xml"} if xml else {}
    return Route(body=body, delay=delay, headers=headers)


def span(trace: Trace, path: str) -> tuple[float, float]:
    [(start, end)] = [(start, end) for p, start, end in trace if p == path]
    return start, end


def rounds(trace: Trace) -> int:
    """The longest chain of requests in which each started after the one before it ended."""
    chain: dict[int, int] = {}
    by_start = sorted(range(len(trace)), key=lambda i: trace[i][1])
    for i in by_start:
        before = [chain[j] for j in chain if trace[j][2] <= trace[i][1]]
        chain[i] = 1 + max(before, default=0)
    return max(chain.values(), default=0)


def test_a_12_page_crawl_takes_robots_home_and_three_rounds_of_four() -> None:
    """robots.txt, the homepage with the sitemap beside it, then 11 pages 4 at a time: 5 round
    trips at 300 ms (the sitemap on its own round made it 6)."""
    linked = [f"/p/{n}" for n in range(8)]
    listed = [f"/s/{n}" for n in range(3)]  # no link leads to these
    with SiteServer() as srv:
        srv.routes.update({
            "/robots.txt": slow(b"User-agent: *\nAllow: /\n"),
            "/": slow(html(*linked)),
            "/sitemap.xml": slow(sitemap(*(srv.url + path for path in listed)), xml=True),
            **{path: slow(b"<p>page</p>") for path in [*linked, *listed]},
        })  # fmt: skip
        pages, errors = crawl(srv.url + "/", links, CrawlOptions(concurrency=4, max_pages=12))
    assert errors == []
    assert len(pages) == 12
    trace = srv.trace
    home, site_map = span(trace, "/"), span(trace, "/sitemap.xml")
    assert site_map[0] < home[1]  # asked for before the homepage's answer ended
    assert span(trace, "/robots.txt")[1] <= home[0]  # robots.txt may forbid the homepage
    assert rounds(trace) == 5
    assert srv.most_at_once <= 4


def test_a_free_slot_takes_the_next_link_at_once_with_no_waves() -> None:
    """One slow page holds one slot; the other slot goes through the quick pages meanwhile
    (one after the other: a 0.3 s page, then 1 s of margin for a loaded machine)."""
    quick = [f"/blog/{n}" for n in range(4)]
    routes = {
        "/": Route(body=html("/about", *quick)),
        "/about": slow(b"<p>about</p>", delay=4 * LATENCY + 1.0),
        **{path: slow(b"<p>post</p>") for path in quick},
    }
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(concurrency=2))
    assert errors == []
    assert len(pages) == 6
    # in waves of two, /blog/1 would wait for /about
    about_end = span(srv.trace, "/about")[1]
    assert all(span(srv.trace, path)[1] < about_end for path in quick)


def test_sitemaps_robots_txt_names_are_read_beside_the_homepage() -> None:
    with SiteServer() as srv:
        named = f"User-agent: *\nSitemap: {srv.url}/maps/pages.xml\n".encode()
        srv.routes.update({
            "/robots.txt": Route(body=named, headers={"Content-Type": "text/plain"}),
            "/": slow(html("/about")),
            "/about": Route(body=b"<p>about</p>"),
            "/maps/pages.xml": slow(sitemap(srv.url + "/tarieven"), xml=True),
            "/sitemap.xml": slow(b"", xml=True),
            "/tarieven": Route(body=b"<p>prijzen</p>"),
        })  # fmt: skip
        pages, _ = crawl(srv.url, links, CrawlOptions(concurrency=4))
    assert sorted(urlsplit(page.url).path for page in pages) == ["/", "/about", "/tarieven"]
    home_end = span(srv.trace, "/")[1]
    assert span(srv.trace, "/maps/pages.xml")[0] < home_end
    assert span(srv.trace, "/sitemap.xml")[0] < home_end

"""The crawler against servers that misbehave: every fault is one line in `errors`, never a crash.

Each test runs real HTTP servers on loopback addresses. Name lookups other than loopback fail
inside the test process (conftest.py), so nothing here reaches beyond the machine.
"""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import re
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import pairwise
from urllib.parse import urljoin, urlsplit

import pytest
from http_server import Route, SiteServer

from auditor.sources import transport
from auditor.sources.crawl import CrawlFailed, CrawlOptions, crawl, crawl_async
from auditor.sources.raw import FetchError, RawPage

FAST = CrawlOptions(timeout=1.0, retry_backoff=0.01)


def links(page: RawPage) -> Iterator[tuple[str, int]]:
    """Every href on the page, in order of appearance."""
    for n, href in enumerate(re.findall(rb'href="([^"]*)"', page.content)):
        yield urljoin(page.url, href.decode()), n


def html(*hrefs: str) -> bytes:
    return "".join(f'<a href="{href}">link</a>\n' for href in hrefs).encode()


def home_linking(*hrefs: str, **routes: Route | list[Route]) -> dict[str, Route | list[Route]]:
    """Routes for a homepage that links to `hrefs` and an /about page, plus `routes` by path."""
    return {
        "/": Route(body=html(*hrefs, "/about")),
        "/about": Route(body=b"<p>about</p>"),
        **{"/" + name.replace("_", "-"): route for name, route in routes.items()},
    }


def paths(pages: list[RawPage]) -> list[str]:
    return [urlsplit(page.url).path for page in pages]


def arrivals(server: SiteServer, keep: Callable[[str], bool]) -> list[float]:
    """When the requests for the paths `keep` accepts arrived (time.monotonic())."""
    return [t for p, t in zip(server.requests, server.request_times, strict=True) if keep(p)]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- connections ------------------------------------------------------------------------------


def test_another_port_of_the_host_is_another_site(closed_port: int) -> None:
    """A link or redirect to another port (an internal service, say) is not followed."""
    with SiteServer() as inside:
        home = html(f"http://127.0.0.1:{closed_port}/dead", inside.url + "/", "/moved")
        moved = Route(302, headers={"Location": inside.url + "/admin"})
        with SiteServer(routes={"/": Route(body=home), "/moved": moved}) as srv:
            pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/"]
    away = f"redirects to another site: {inside.url}/admin"
    assert errors == [FetchError(srv.url + "/moved", away)]
    assert inside.requests == []


def test_a_sub_page_that_refuses_the_connection() -> None:
    """www.coach.test is the same site, on an address where nothing listens."""

    async def resolver(host: str, port: int) -> list[str]:
        return {"coach.test": ["127.0.0.1"], "www.coach.test": ["127.0.0.2"]}[host]

    with SiteServer() as srv:
        port = urlsplit(srv.url).port
        dead = f"http://www.coach.test:{port}/dead"
        srv.routes.update(home_linking(dead))
        options = replace(FAST, resolver=resolver, allow_private=True)
        pages, errors = crawl(f"http://coach.test:{port}/", links, options)
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(dead, "connection refused")]


def test_a_host_name_that_does_not_resolve() -> None:
    with pytest.raises(CrawlFailed) as failed:
        crawl("http://no-such-coach.invalid/", links, FAST)
    assert str(failed.value) == "could not fetch http://no-such-coach.invalid/: host not found"


def test_the_resolver_hook_decides_what_a_name_is(loopback_is_public: None) -> None:
    """coach.test is 127.0.0.1; its www. sibling (the same site) does not resolve."""
    lookups: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        if host == "coach.test":
            return ["127.0.0.1"]
        raise socket.gaierror(socket.EAI_NONAME, host)

    with SiteServer() as srv:
        port = urlsplit(srv.url).port
        sibling = f"http://www.coach.test:{port}/over"
        srv.routes.update(home_linking(sibling))
        pages, errors = crawl(f"http://coach.test:{port}/", links, replace(FAST, resolver=resolver))
    assert [page.url for page in pages] == [
        f"http://coach.test:{port}/",
        f"http://coach.test:{port}/about",
    ]
    assert errors == [FetchError(sibling, "host not found")]
    assert set(lookups) == {"coach.test", "www.coach.test"}


def test_a_name_that_resolves_to_loopback_unlocks_nothing() -> None:
    """Only an address typed as one (or localhost) lets the crawl into non-public addresses: a
    name's lookup could say 127.0.0.1 now and point at an internal service later."""

    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    with SiteServer(routes=home_linking()) as srv:
        port = urlsplit(srv.url).port
        options = replace(FAST, resolver=resolver)
        with pytest.raises(CrawlFailed) as failed:
            crawl(f"http://coach.test:{port}/", links, options)
        pages, _ = crawl(f"http://coach.test:{port}/", links, replace(options, allow_private=True))
        for typed in (srv.url, f"http://localhost:{port}"):
            assert paths(crawl(typed, links, FAST)[0]) == ["/", "/about"]
    assert str(failed.value) == (
        f"could not fetch http://coach.test:{port}/: refused: coach.test (127.0.0.1) is a "
        "loopback address (--allow-private allows it)"
    )
    assert paths(pages) == ["/", "/about"]


def test_a_slow_name_lookup_counts_against_the_budget() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        await asyncio.sleep(3)
        return ["127.0.0.1"]

    with SiteServer(routes=home_linking()) as srv:
        port = urlsplit(srv.url).port
        options = replace(FAST, resolver=resolver, budget=0.3)
        started = time.monotonic()
        with pytest.raises(CrawlFailed, match=r": stopped: the crawl budget of 0.3 s ran out$"):
            crawl(f"http://coach.test:{port}/", links, options)
    assert time.monotonic() - started < 1.5


def test_a_dropped_connection_is_tried_again() -> None:
    flaky = [Route(drop=True), Route(body=b"<p>back</p>")]
    with SiteServer(routes=home_linking("/flaky", flaky=flaky)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about", "/flaky"]
    assert errors == []
    assert srv.requests.count("/flaky") == 2


def test_links_robots_and_sitemaps_that_are_not_urls() -> None:
    def raw_links(page: RawPage) -> list[tuple[str, int]]:
        return [(href, 0) for href in ("http://[::1", "//[x", "http://a:99999999/", "/about")]

    robots = b"User-agent: *\nSitemap: http://[::1/sitemap.xml\n"
    routes = {
        **home_linking(),
        "/robots.txt": Route(body=robots, headers={"Content-Type": "text/plain"}),
        "/sitemap.xml": Route(body=sitemap("http://[::1/x", "http://a:99999999/", "/relative")),
    }
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, raw_links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == []


# -- statuses and retries ---------------------------------------------------------------------


def test_429_waits_as_long_as_retry_after_says() -> None:
    limited = [Route(429, headers={"Retry-After": "1"}), Route(body=b"<p>now</p>")]
    with SiteServer(routes=home_linking("/limited", limited=limited)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about", "/limited"]
    assert errors == []
    first, second = arrivals(srv, lambda path: path == "/limited")
    assert second - first >= 0.9  # Retry-After: 1 (arrival times jitter by some ms)


def test_a_retry_after_beyond_the_cap_gives_up_at_once() -> None:
    limited = Route(429, headers={"Retry-After": "3600"})
    with SiteServer(routes=home_linking("/limited", limited=limited)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/limited", "HTTP 429 (Retry-After: 3600 s)")]
    assert srv.requests.count("/limited") == 1


@pytest.mark.parametrize("value", ["\u00b9", "\u0663", "1e3", "-1", "soon", "9" * 400])
def test_a_retry_after_that_is_no_number_of_seconds_is_ignored(value: str) -> None:
    """Unicode digits ("¹", "٣") once crashed float(); such a header is as if there were none."""
    busy = Route(503, headers={"Retry-After": value.encode().decode("latin-1")})
    with SiteServer(routes=home_linking("/busy", busy=busy)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert [e.message for e in errors] in (["HTTP 503"], [f"HTTP 503 (Retry-After: {value} s)"])
    assert srv.requests.count("/busy") in (1, 3)


def test_503_and_500_are_tried_three_times_with_backoff() -> None:
    routes = home_linking(
        "/busy", "/broken", "/recovers", "/gone",
        busy=Route(503), broken=Route(500), recovers=[Route(503), Route(body=b"<p>ok</p>")],
        gone=Route(404),
    )  # fmt: skip
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(retry_backoff=0.1))
    assert paths(pages) == ["/", "/about", "/recovers"]
    assert errors == [
        FetchError(srv.url + "/broken", "HTTP 500"),
        FetchError(srv.url + "/busy", "HTTP 503"),
        FetchError(srv.url + "/gone", "HTTP 404"),
    ]
    assert [srv.requests.count(p) for p in ("/busy", "/broken", "/recovers", "/gone")] == [
        3, 3, 2, 1,
    ]  # fmt: skip
    busy = arrivals(srv, lambda path: path == "/busy")
    assert busy[1] - busy[0] >= 0.08  # the backoff: 0.1 s, then 0.2 s (less some jitter)
    assert busy[2] - busy[1] >= 0.17


# -- redirects --------------------------------------------------------------------------------


def test_a_redirect_loop() -> None:
    loop = {"/loop": Route(302, headers={"Location": "/loop2"}),
            "/loop2": Route(302, headers={"Location": "/loop"})}  # fmt: skip
    with SiteServer(routes={**home_linking("/loop"), **loop}) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/loop", "too many redirects")]
    assert srv.requests.count("/loop") == 3  # max_redirects (5) + 1 requests in all


def test_a_redirect_out_of_http_is_refused() -> None:
    escape = Route(302, headers={"Location": "file:///etc/passwd"})
    with SiteServer(routes=home_linking("/escape", escape=escape)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == [
        FetchError(
            srv.url + "/escape",
            "redirects to a URL that is not http(s): file://127.0.0.1/etc/passwd",
        )
    ]


def test_a_redirect_body_is_never_read() -> None:
    """httpx would read (and unzip) a redirect's body whole; the transport drops it."""
    bomb = gzip.compress(b"\0" * 20_000_000, compresslevel=1)
    moved = Route(301, bomb, headers={"Location": "/about", "Content-Encoding": "gzip"})
    with SiteServer(routes={"/": moved, "/about": Route(body=b"<p>about</p>")}) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/about"]
    assert errors == []


# -- bodies -----------------------------------------------------------------------------------


def test_more_than_three_layers_of_encoding_are_refused() -> None:
    """Each layer holds a decompressor: 15,000 layers of gzip once took 600 MB."""
    page, body = b"<p>Loop je vast?</p>", b"<p>Loop je vast?</p>"
    for _ in range(4):
        body = gzip.compress(body)
    routes = home_linking(
        "/three", "/four", "/many",
        three=Route(body=gzip.decompress(body), headers={"Content-Encoding": "gzip, gzip, gzip"}),
        four=Route(body=body, headers={"Content-Encoding": "gzip, gzip, gzip, gzip"}),
        many=Route(body=body, headers={"Content-Encoding": ",".join(["gzip"] * 10_000)}),
    )  # fmt: skip
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about", "/three"]
    assert pages[2].content == page
    too_many = "unsupported Content-Encoding: more than 3 layers"
    assert errors == [
        FetchError(srv.url + "/four", too_many),
        FetchError(srv.url + "/many", too_many),
    ]


def test_gzip_pages_are_read_and_bombs_are_stopped() -> None:
    page = b"<p>" + b"Loop je vast in je werk? " * 200 + b"</p>"
    zeros = gzip.compress(b"\0" * 10_000_000, compresslevel=1)
    routes = home_linking(
        "/zipped", "/bomb", "/double", "/corrupt", "/invalid",
        zipped=Route(body=gzip.compress(page), headers={"Content-Encoding": "gzip"}),
        bomb=Route(body=zeros, headers={"Content-Encoding": "gzip"}),
        double=Route(body=gzip.compress(zeros), headers={"Content-Encoding": "gzip, gzip"}),
        corrupt=Route(body=b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"}),
        invalid=Route(body=gzip.compress(page)[:10] + b"\xff" * 20,
                      headers={"Content-Encoding": "gzip"}),
    )  # fmt: skip
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(max_bytes=100_000))
    assert paths(pages) == ["/", "/about", "/zipped"]
    assert pages[2].content == page
    assert errors == [
        FetchError(srv.url + "/bomb", "skipped: larger than 100 kB"),
        FetchError(srv.url + "/corrupt", "corrupt gzip data"),
        FetchError(srv.url + "/double", "skipped: larger than 100 kB"),
        FetchError(srv.url + "/invalid", "corrupt gzip data"),
    ]
    assert all(h.get("Accept-Encoding") == "gzip, deflate" for h in srv.request_headers)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.4"),
        ("image/jpeg", b"\xff\xd8\xff\xe0"),
        ("application/json", b'{"a": 1}'),
        ("text/plain", b"plain"),
    ],
)
def test_non_html_sub_pages_are_skipped(content_type: str, body: bytes) -> None:
    other = Route(body=body, headers={"Content-Type": content_type})
    with SiteServer(routes=home_linking("/file", file=other)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/file", f"skipped: not HTML ({content_type})")]


def test_a_body_announced_too_large_is_not_read() -> None:
    """Content-Length says it all: no 5 MB is read (under load that took longer than a timeout)."""
    big = Route(body=b"<p>" + b"x" * 5_000_001, trickle=0.05)  # it would take hours
    with SiteServer(routes=home_linking("/big", big=big)) as srv:
        started = time.monotonic()
        pages, errors = crawl(srv.url, links, FAST)
        elapsed = time.monotonic() - started
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/big", "skipped: larger than 5 MB")]
    assert elapsed < 0.9  # FAST's timeout is 1 s


def test_a_huge_content_type_is_cut_short_in_the_report() -> None:
    other = Route(body=b"x", headers={"Content-Type": "application/" + "x" * 12_000})
    with SiteServer(routes=home_linking("/file", file=other)) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    [error] = errors
    assert error.message.startswith("skipped: not HTML (application/xxx")
    assert len(error.message) < 150


def test_an_empty_page() -> None:
    routes = home_linking("/empty", "/blank", empty=Route(body=b""), blank=Route(body=b" \n\t"))
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, links, FAST)
        assert paths(pages) == ["/", "/about"]
        assert errors == [
            FetchError(srv.url + "/blank", "skipped: empty page"),
            FetchError(srv.url + "/empty", "skipped: empty page"),
        ]
        srv.routes["/"] = Route(body=b"")
        with pytest.raises(CrawlFailed, match=r": empty page$"):
            crawl(srv.url, links, FAST)


def test_a_page_with_ten_thousand_links() -> None:
    many = html(*(f"/p/{n}" for n in range(10_000)))
    with SiteServer(routes={"/": Route(body=many), "/p/0": Route(body=b"<p>0</p>")}) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(max_pages=5))
    assert paths(pages) == ["/", "/p/0"]
    assert errors == [FetchError(srv.url + f"/p/{n}", "HTTP 404") for n in (1, 2, 3)]
    assert len(srv.requests) == 7  # robots.txt, sitemap.xml and the five pages


# -- robots.txt and sitemaps ------------------------------------------------------------------


def test_robots_txt_served_as_html_allows_everything() -> None:
    soft404 = Route(body=b"<html><body><p>User-agent: *</p><p>Disallow: /</p></body></html>")
    with SiteServer(routes={**home_linking(), "/robots.txt": soft404}) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == []


def test_crawl_delay_is_honoured_up_to_the_cap() -> None:
    robots = Route(body=b"User-agent: *\nCrawl-delay: 30\n", headers={"Content-Type": "text/plain"})
    routes = {**home_linking("/a", "/b"), "/robots.txt": robots}
    with SiteServer(routes=routes) as srv:
        started = time.monotonic()
        crawl(srv.url, links, CrawlOptions(max_crawl_delay=0.15, concurrency=4))
        elapsed = time.monotonic() - started
    gaps = [b - a for a, b in pairwise(arrivals(srv, lambda path: path != "/robots.txt"))]
    assert len(gaps) == 4  # /, sitemap.xml, /a, /b, /about
    # 0.15 s apart when sent; an arrival can be late by tens of ms on a busy machine (the suite
    # runs a worker per core), which shortens one gap and lengthens the next: the span is steady
    assert sum(gaps) >= 4 * 0.15 - 0.05 and min(gaps) >= 0.05
    assert elapsed < 5  # far from 4 x 30 s, or 4 x 5 s (the default cap)


def test_no_more_requests_at_once_than_the_concurrency() -> None:
    posts = [f"/post/{n}" for n in range(8)]
    routes = {"/": Route(body=html(*posts))}
    routes.update({post: Route(body=b"<p>x</p>", delay=0.1) for post in posts})
    with SiteServer(routes=routes) as srv:
        pages, _ = crawl(srv.url, links, CrawlOptions(concurrency=3))
    assert len(pages) == 9
    assert srv.most_at_once == 3


def sitemap(*urls: str, index: bool = False) -> bytes:
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    locs = "".join(f"<{item}><loc>{url}</loc></{item}>" for url in urls)
    return f'<?xml version="1.0"?><{tag} xmlns="http://www.sitemaps.org">{locs}</{tag}>'.encode()


XML = {"Content-Type": "application/xml"}


def test_sitemaps_find_pages_no_link_leads_to() -> None:
    with SiteServer() as srv:
        robots = f"User-agent: *\nSitemap: {srv.url}/sm/index.xml\n".encode()
        srv.routes.update({
            **home_linking(),
            "/robots.txt": Route(body=robots, headers={"Content-Type": "text/plain"}),
            "/sm/index.xml": Route(body=sitemap(srv.url + "/sm/pages.xml", index=True)),
            "/sm/pages.xml": Route(body=sitemap(srv.url + "/tarieven", srv.url + "/")),
            "/sitemap.xml": Route(
                body=gzip.compress(sitemap(srv.url + "/over-mij", "https://elsewhere.test/x")),
                headers={"Content-Type": "application/x-gzip"},
            ),
            "/tarieven": Route(body=b"<p>prijzen</p>"),
            "/over-mij": Route(body=b"<p>over</p>"),
        })  # fmt: skip
        ranks = {"/tarieven": 0, "/over-mij": 1}
        one_at_a_time = replace(FAST, concurrency=1)
        pages, errors = crawl(
            srv.url, links, one_at_a_time, rank=lambda url: ranks.get(urlsplit(url).path, 9)
        )
    assert paths(pages) == ["/", "/about", "/over-mij", "/tarieven"]
    assert errors == []
    assert srv.requests.index("/tarieven") < srv.requests.index("/over-mij")


@pytest.mark.parametrize(
    "route",
    [
        Route(500, b"oops"),
        Route(body=b"<html><body>Not a sitemap</body></html>"),
        Route(body=b"<urlset><url><loc>http://127.0.0.1:1/x" + b"<loc>" * 100_000, headers=XML),
        Route(body=b"\x1f\x8b\x08\x00 not really gzip", headers=XML),
    ],
    ids=["error", "html", "unclosed-tags", "bad-gzip"],
)
def test_a_broken_sitemap_changes_nothing(route: Route) -> None:
    with SiteServer(routes={**home_linking(), "/sitemap.xml": route}) as srv:
        pages, errors = crawl(srv.url, links, FAST)
    assert paths(pages) == ["/", "/about"]
    assert errors == []


def test_a_huge_sitemap_is_capped() -> None:
    with SiteServer() as srv:
        urls = [f"{srv.url}/p/{n}" for n in range(50_000)]
        srv.routes.update({**home_linking(), "/sitemap.xml": Route(body=sitemap(*urls))})
        pages, errors = crawl(srv.url, links, CrawlOptions(max_sitemap_urls=100, max_pages=500))
    assert len(pages) == 2
    assert len(errors) == 100  # the first 100 listed, each a 404
    assert {e.message for e in errors} == {"HTTP 404"}


# -- the crawl budget -------------------------------------------------------------------------


def test_the_budget_bounds_the_whole_crawl() -> None:
    slow = [f"/slow/{n}" for n in range(8)]
    routes = {"/": Route(body=html(*slow))}
    routes.update({path: Route(body=b"x" * 2000, trickle=0.2) for path in slow})
    with SiteServer(routes=routes) as srv:
        started = time.monotonic()
        pages, errors = crawl(srv.url, links, CrawlOptions(budget=0.5, timeout=10))
        elapsed = time.monotonic() - started
    assert elapsed < 1.1
    assert paths(pages) == ["/"]
    assert errors
    assert {e.message for e in errors} == {"stopped: the crawl budget of 0.5 s ran out"}


def test_a_budget_too_short_for_the_start_page() -> None:
    with (
        SiteServer(routes={"/": Route(body=b"late", delay=2)}) as srv,
        pytest.raises(CrawlFailed, match=r": stopped: the crawl budget of 0.3 s ran out$"),
    ):
        crawl(srv.url, links, CrawlOptions(budget=0.3))


# -- TLS --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 that nobody signed."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate for the TLS test")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_a_self_signed_certificate(self_signed: ssl.SSLContext) -> None:
    with SiteServer(routes=home_linking(), tls=self_signed) as srv:
        assert srv.url.startswith("https://127.0.0.1:")
        with pytest.raises(CrawlFailed) as failed:
            crawl(srv.url, links, FAST)
        pages, errors = crawl(srv.url, links, CrawlOptions(insecure=True))
    assert str(failed.value) == (
        f"could not fetch {srv.url}: TLS certificate not trusted: self-signed certificate "
        "(--insecure skips the check)"
    )
    assert paths(pages) == ["/", "/about"]
    assert errors == []


# -- where the crawler may connect (SSRF) -----------------------------------------------------


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://10.0.0.1/admin", "10.0.0.1 is a private address"),
        ("http://[::ffff:192.168.1.1]/", "::ffff:192.168.1.1 is a private address"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254 is a private address"),
        ("http://0.0.0.0:8080/", "0.0.0.0 is a private address"),
    ],
)
def test_a_loopback_site_cannot_redirect_into_other_private_addresses(
    location: str, reason: str
) -> None:
    """A site on 127.0.0.1 may use loopback (it is the target), nothing else that is private."""
    moved = Route(302, headers={"Location": location})
    with SiteServer(routes={"/": moved}) as srv, pytest.raises(CrawlFailed) as failed:
        crawl(srv.url, links, FAST)
    assert str(failed.value) == (
        f"could not fetch {srv.url}: refused: {reason} (--allow-private allows it)"
    )


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1 as a public address, so that the test sites on it are "on the internet"."""
    kind = transport.address_kind

    def public_127_0_0_1(ip: transport.IPAddress) -> str | None:
        return None if ip == ipaddress.ip_address("127.0.0.1") else kind(ip)

    monkeypatch.setattr(transport, "address_kind", public_127_0_0_1)


def test_a_public_site_cannot_redirect_into_loopback(loopback_is_public: None) -> None:
    with SiteServer(host="127.0.0.2", routes=home_linking()) as inside:
        moved = Route(301, headers={"Location": inside.url + "/"})
        with SiteServer(routes={"/": moved}) as srv:
            with pytest.raises(CrawlFailed) as failed:
                crawl(srv.url, links, FAST)
            assert inside.requests == []
            pages, errors = crawl(srv.url, links, replace(FAST, allow_private=True))
    assert str(failed.value) == (
        f"could not fetch {srv.url}: refused: 127.0.0.2 is a loopback address "
        "(--allow-private allows it)"
    )
    assert [page.url for page in pages] == [inside.url + "/", inside.url + "/about"]
    assert errors == []


def test_a_name_on_the_site_that_resolves_privately_is_refused(loopback_is_public: None) -> None:
    """www.coach.test is the same site as coach.test, but one of its addresses is private."""

    async def resolver(host: str, port: int) -> list[str]:
        return {"coach.test": ["127.0.0.1"], "www.coach.test": ["10.0.0.1"]}[host]

    with SiteServer() as srv:
        port = urlsplit(srv.url).port
        srv.routes.update(home_linking(f"http://www.coach.test:{port}/over"))
        pages, errors = crawl(f"http://coach.test:{port}/", links, replace(FAST, resolver=resolver))
    assert paths(pages) == ["/", "/about"]
    assert errors == [
        FetchError(
            f"http://www.coach.test:{port}/over",
            "refused: www.coach.test (10.0.0.1) is a private address (--allow-private allows it)",
        )
    ]


@pytest.mark.parametrize(
    "address", ["::127.0.0.1", "::ffff:0:127.0.0.1", "::ffff:0:10.0.0.1", "64:ff9b:1::a00:1",
                "fec0::1"],
)  # fmt: skip
def test_ipv6_forms_that_are_not_public_are_refused(loopback_is_public: None, address: str) -> None:
    """IPv4-compatible and SIIT forms, local-use NAT64 and the old site-local range."""

    async def resolver(host: str, port: int) -> list[str]:
        return {"coach.test": ["127.0.0.1"], "www.coach.test": [address]}[host]

    with SiteServer() as srv:
        port = urlsplit(srv.url).port
        srv.routes.update(home_linking(f"http://www.coach.test:{port}/over"))
        pages, errors = crawl(f"http://coach.test:{port}/", links, replace(FAST, resolver=resolver))
    assert paths(pages) == ["/", "/about"]
    shown = ipaddress.ip_address(address)
    assert errors == [
        FetchError(
            f"http://www.coach.test:{port}/over",
            f"refused: www.coach.test ({shown}) is a reserved address (--allow-private allows it)",
        )
    ]


def test_a_proxy_in_the_environment_is_not_used(
    loopback_is_public: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The crawler connects itself, so the address guard sees every connection."""
    moved = Route(301, headers={"Location": "http://10.0.0.1/admin"})
    with SiteServer() as proxy, SiteServer(routes={**home_linking(), "/moved": moved}) as srv:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
            monkeypatch.setenv(name, proxy.url)
        pages, errors = crawl(srv.url + "/", links, FAST)
        with pytest.raises(CrawlFailed) as failed:
            crawl(srv.url + "/moved", links, FAST)
    assert (paths(pages), errors) == (["/", "/about"], [])
    assert proxy.requests == []
    assert str(failed.value) == (
        f"could not fetch {srv.url}/moved: refused: 10.0.0.1 is a private address "
        "(--allow-private allows it)"
    )


def test_the_user_agent_names_the_project() -> None:
    with SiteServer(routes=home_linking()) as srv:
        crawl(srv.url, links, FAST)
    agents = {headers["User-Agent"] for headers in srv.request_headers}
    assert len(agents) == 1
    assert re.fullmatch(r"copy-auditor/\S+ \(\+https://\S+\)", agents.pop())


def test_the_budget_bounds_reading_links_too() -> None:
    """Finding a page's links can take long (a page of 100k links): the budget cuts it short."""

    def slow_links(page: RawPage) -> Iterator[tuple[str, int]]:
        for n in range(400):  # 2 s in all
            time.sleep(0.005)
            yield f"/p/{n}", n

    with SiteServer(routes={"/": Route(body=b"<p>home</p>")}) as srv:
        started = time.monotonic()
        pages, errors = crawl(srv.url, slow_links, CrawlOptions(budget=0.5))
        elapsed = time.monotonic() - started
    assert elapsed < 1.5
    assert paths(pages) == ["/"]
    ran_out = "could not read links: stopped: the crawl budget of 0.5 s ran out"
    assert errors == [FetchError(srv.url + "/", ran_out)]


def test_links_are_found_off_the_event_loop() -> None:
    """While a page's links are read, other crawls in the loop (a batch) go on."""
    ticks: list[float] = []

    def slow_links(page: RawPage) -> Iterator[tuple[str, int]]:
        time.sleep(0.6)
        return iter(())

    async def both(url: str) -> None:
        async def tick() -> None:
            for _ in range(10):
                ticks.append(time.monotonic())
                await asyncio.sleep(0.05)

        await asyncio.gather(crawl_async(url, slow_links, FAST), tick())

    with SiteServer(routes={"/": Route(body=b"<p>home</p>")}) as srv:
        asyncio.run(both(srv.url))
    assert max(b - a for a, b in pairwise(ticks)) < 0.4


def test_pages_the_budget_left_unread_are_listed() -> None:
    queued = [f"/q/{n}" for n in range(6)]
    routes = {"/": Route(body=html("/slow", *queued)), "/slow": Route(body=b"x", delay=1)}
    with SiteServer(routes=routes) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(budget=0.5, concurrency=1, max_pages=5))
    assert paths(pages) == ["/"]
    ran_out = "stopped: the crawl budget of 0.5 s ran out"
    # the four the crawl would have read: the one being fetched and the next three in the queue
    assert errors == [
        FetchError(srv.url + path, ran_out) for path in ("/q/0", "/q/1", "/q/2", "/slow")
    ]

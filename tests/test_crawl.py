"""The crawler against real local servers."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from http_server import Route, SiteServer

from auditor.sources.crawl import CrawlFailed, CrawlOptions, crawl
from auditor.sources.raw import FetchError, RawPage

PRIORITIES = {"/about": 0, "/tarieven": 0, "/aanbod": 1}


def links(page: RawPage) -> Iterator[tuple[str, int]]:
    """Every href on the page; /about and /tarieven first, the blog last."""
    for href in re.findall(rb'href="([^"]*)"', page.content):
        url = urljoin(page.url, href.decode())
        yield url, PRIORITIES.get(urlsplit(url).path, 5)


def html(*hrefs: str) -> bytes:
    return "".join(f'<a href="{href}">link</a>\n' for href in hrefs).encode()


def site(tmp_path: Path, pages: dict[str, bytes]) -> Path:
    """Write `pages` (file name -> content) under tmp_path."""
    for name, content in pages.items():
        file = tmp_path / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content)
    return tmp_path


def paths(pages: list[RawPage]) -> list[str]:
    return [urlsplit(page.url).path for page in pages]


def sent(requests: list[str], home: str = "/") -> list[str]:
    """The requests in order, with /sitemap.xml put just after the start page: it is asked for
    with the start page, so it may arrive before it or after the first linked pages
    (tests/test_crawl_rounds.py holds when it starts)."""
    rest = [path for path in requests if path != "/sitemap.xml"]
    i = rest.index(home) + 1
    return [*rest[:i], "/sitemap.xml", *rest[i:]] if "/sitemap.xml" in requests else rest


@pytest.fixture
def coach_site(tmp_path: Path) -> Path:
    blog = {f"blog/{n}.html": html("/", "/about") for n in range(1, 6)}
    home = html("/about", "/tarieven", "/aanbod", *(f"/blog/{n}" for n in range(1, 6)))
    pages = {"index.html": home, "about.html": html("/"), "tarieven.html": html("/aanbod")}
    return site(tmp_path, {**pages, "aanbod.html": html("/tarieven"), **blog})


def test_crawls_the_whole_site(coach_site: Path) -> None:
    with SiteServer(coach_site) as srv:
        pages, errors = crawl(srv.url + "/", links)
    assert paths(pages) == [
        "/",
        "/aanbod",
        "/about",
        *(f"/blog/{n}" for n in range(1, 6)),
        "/tarieven",
    ]
    assert errors == []
    home = pages[0]
    assert home.url == srv.url + "/"
    assert home.status == 200
    assert home.content_type == "text/html; charset=utf-8"
    assert home.content.startswith(b'<a href="/about">')
    assert len(srv.requests) == len(set(srv.requests)) == 11  # robots, sitemap and 9 pages


def test_best_priorities_first_within_max_pages(coach_site: Path) -> None:
    with SiteServer(coach_site) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(max_pages=4, concurrency=1))
    assert srv.requests == ["/robots.txt", "/", "/sitemap.xml", "/about", "/tarieven", "/aanbod"]
    assert paths(pages) == ["/", "/aanbod", "/about", "/tarieven"]
    assert errors == []


def test_max_pages_counts_the_start_page(coach_site: Path) -> None:
    with SiteServer(coach_site) as srv:
        pages, _ = crawl(srv.url, links, CrawlOptions(max_pages=3))
    assert paths(pages) == ["/", "/about", "/tarieven"]
    assert len(srv.requests) == 5  # robots.txt and sitemap.xml too


def test_one_page_is_fetched_once(tmp_path: Path) -> None:
    home = html("/about", "/about/", "/about#team", "/about/index.html", "/about?")
    about = html("/", "/index.html", "./", "/about/")
    root = site(tmp_path, {"index.html": home, "about/index.html": about})
    with SiteServer(root) as srv:
        pages, errors = crawl(srv.url + "/index.html#top", links)
    assert sent(srv.requests, "/index.html") == [
        "/robots.txt", "/index.html", "/sitemap.xml", "/about"
    ]  # fmt: skip
    assert paths(pages) == ["/index.html", "/about"]
    assert errors == []


def test_a_redirect_to_a_fetched_page_gives_no_duplicate(tmp_path: Path) -> None:
    root = site(tmp_path, {"index.html": html("/old", "/new"), "new.html": b"new"})
    with SiteServer(root, {"/old": Route(301, headers={"Location": "/new"})}) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(concurrency=1))
    assert paths(pages) == ["/", "/new"]
    assert errors == []


def test_query_parameters_are_sorted(tmp_path: Path) -> None:
    root = site(tmp_path, {"index.html": html("/p?a=1&b=2", "/p?b=2&a=1", "/p?a=2")})
    with SiteServer(root, {"/p": Route(body=b"p")}) as srv:
        crawl(srv.url, links)
    assert sorted(srv.requests) == ["/", "/p?a=1&b=2", "/p?a=2", "/robots.txt", "/sitemap.xml"]


def test_other_hosts_and_schemes_are_not_followed(tmp_path: Path) -> None:
    with SiteServer(routes={"/": Route(body=b"elsewhere")}) as other:
        port = urlsplit(other.url).port
        home = html(f"http://localhost:{port}/", "mailto:a@b.nl", "ftp://127.0.0.1/x", "/about")
        root = site(tmp_path, {"index.html": home, "about.html": b"about"})
        with SiteServer(root) as srv:
            pages, errors = crawl(srv.url, links)
    assert paths(pages) == ["/", "/about"]
    assert errors == []
    assert other.requests == []


def test_redirect_to_another_site_is_an_error(tmp_path: Path) -> None:
    with SiteServer(routes={"/": Route(body=b"elsewhere")}) as other:
        away = f"http://localhost:{urlsplit(other.url).port}/"
        root = site(tmp_path, {"index.html": html("/away", "/about"), "about.html": b"about"})
        with SiteServer(root, {"/away": Route(302, headers={"Location": away})}) as srv:
            pages, errors = crawl(srv.url, links)
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/away", f"redirects to another site: {away}")]
    assert other.requests == []


def test_start_page_redirect_defines_the_site() -> None:
    with SiteServer() as new, SiteServer() as old:
        new_url = f"http://localhost:{urlsplit(new.url).port}"
        old.routes["/"] = Route(301, headers={"Location": new_url + "/"})
        new.routes["/"] = Route(body=html("/about", old.url + "/about"))
        new.routes["/about"] = Route(body=b"about")
        pages, errors = crawl(old.url, links)
    assert [page.url for page in pages] == [new_url + "/", new_url + "/about"]
    assert errors == []
    # the start URL's sitemap was asked for with its page, before the redirect was known
    assert old.requests[0] == "/robots.txt"
    assert sorted(old.requests[1:]) in (["/"], ["/", "/sitemap.xml"])
    assert new.requests[:2] == ["/", "/robots.txt"]
    # the new site's sitemap and the linked page go out together: either may arrive first
    assert sorted(new.requests[2:]) == ["/about", "/sitemap.xml"]


def test_robots_txt_disallow_is_respected(tmp_path: Path) -> None:
    robots = b"User-agent: *\nDisallow: /private\n"
    home = html("/private/notes", "/about")
    root = site(tmp_path, {"robots.txt": robots, "index.html": home, "about.html": b"a"})
    with SiteServer(root) as srv:
        pages, errors = crawl(srv.url, links)
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/private/notes", "skipped: disallowed by robots.txt")]
    assert not any(path.startswith("/private") for path in srv.requests)


def test_start_page_disallowed_by_robots_txt(tmp_path: Path) -> None:
    robots = b"User-agent: copy-auditor\nDisallow: /\n"
    root = site(tmp_path, {"robots.txt": robots, "index.html": html("/about")})
    with SiteServer(root) as srv:
        with pytest.raises(CrawlFailed, match=r"^could not fetch .*: disallowed by robots.txt$"):
            crawl(srv.url + "/", links)
        assert srv.requests == ["/robots.txt"]
        pages, _ = crawl(srv.url + "/", links, CrawlOptions(respect_robots=False))
    assert paths(pages) == ["/"]
    assert sent(srv.requests) == ["/robots.txt", "/", "/sitemap.xml", "/about"]


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_robots_txt_failing_with_a_server_error_forbids_every_page(
    tmp_path: Path, status: int
) -> None:
    """RFC 9309: a robots.txt that fails with a server error means "crawl nothing" for now."""
    root = site(tmp_path, {"index.html": html("/about"), "about.html": b"about"})
    with SiteServer(root, {"/robots.txt": Route(status, b"")}) as srv:
        with pytest.raises(CrawlFailed) as failed:
            crawl(srv.url, links, CrawlOptions(retry_backoff=0.01))
        assert srv.requests == ["/robots.txt"] * 3  # tried twice more, no page asked for
        pages, _ = crawl(srv.url, links, CrawlOptions(respect_robots=False))
    assert str(failed.value) == (
        f"could not fetch {srv.url}: robots.txt answered HTTP {status}, which forbids every "
        "page until it answers (--ignore-robots for your own site)"
    )
    assert paths(pages) == ["/", "/about"]


def test_a_missing_or_forbidden_robots_txt_allows_everything(tmp_path: Path) -> None:
    root = site(tmp_path, {"index.html": html("/about"), "about.html": b"about"})
    for status in (404, 403, 401, 410):
        with SiteServer(root, {"/robots.txt": Route(status, b"Disallow: /")}) as srv:
            pages, errors = crawl(srv.url, links, CrawlOptions(retry_backoff=0.01))
        assert (paths(pages), errors) == (["/", "/about"], []), status


def test_user_agent_is_sent(coach_site: Path) -> None:
    with SiteServer(coach_site) as srv:
        crawl(srv.url, links, CrawlOptions(max_pages=3))
    agents = [headers.get("User-Agent", "") for headers in srv.request_headers]
    assert len(agents) == 5
    assert all(agent.startswith("copy-auditor/") for agent in agents)


def test_failing_sub_pages_become_errors(tmp_path: Path) -> None:
    chain = {f"/r{n}": Route(302, headers={"Location": f"/r{n + 1}"}) for n in range(1, 8)}
    routes = {
        "/broken": Route(500, b"oops"),
        "/brochure.pdf": Route(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
        "/r8": Route(body=b"end of chain"),
        **chain,
    }
    home = html("/broken", "/brochure.pdf", "/r1", "/about")
    root = site(tmp_path, {"index.html": home, "about.html": b"about"})
    with SiteServer(root, routes) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(retry_backoff=0.01))
    assert paths(pages) == ["/", "/about"]
    assert pages[1].content == b"about"
    assert errors == [
        FetchError(srv.url + "/brochure.pdf", "skipped: not HTML (application/pdf)"),
        FetchError(srv.url + "/broken", "HTTP 500"),
        FetchError(srv.url + "/r1", "too many redirects"),
    ]
    assert "/r8" not in srv.requests


def test_slow_sub_pages_time_out(tmp_path: Path) -> None:
    routes = {
        "/slow": Route(body=b"slow", delay=2),
        "/trickle": Route(body=b"x" * 1000, trickle=0.1),
    }
    root = site(tmp_path, {"index.html": html("/slow", "/trickle", "/about"), "about.html": b"a"})
    started = time.monotonic()
    with SiteServer(root, routes) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(timeout=0.5))
    assert time.monotonic() - started < 1.8
    assert paths(pages) == ["/", "/about"]
    assert errors == [
        FetchError(srv.url + "/slow", "timed out after 0.5 s"),
        FetchError(srv.url + "/trickle", "timed out after 0.5 s"),
    ]


def test_large_sub_page_is_skipped(tmp_path: Path) -> None:
    root = site(tmp_path, {"index.html": html("/big", "/about"), "about.html": b"about"})
    with SiteServer(root, {"/big": Route(body=b"x" * 5000)}) as srv:
        pages, errors = crawl(srv.url, links, CrawlOptions(max_bytes=1000))
    assert paths(pages) == ["/", "/about"]
    assert errors == [FetchError(srv.url + "/big", "skipped: larger than 1 kB")]


def test_start_page_too_large() -> None:
    big = Route(body=b"x" * 5000)
    with (
        SiteServer(routes={"/": big}) as srv,
        pytest.raises(CrawlFailed, match=r": larger than 1 kB$"),
    ):
        crawl(srv.url, links, CrawlOptions(max_bytes=1000))


def test_start_page_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    with pytest.raises(CrawlFailed) as failed:
        crawl(url, links, CrawlOptions(timeout=2))
    assert str(failed.value) == f"could not fetch {url}: connection refused"


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(404, b"gone"), "HTTP 404"),
        (Route(body=b"%PDF", headers={"Content-Type": "application/pdf"}), "not HTML"),
        (Route(body=b"slow", delay=1), "timed out after 0.3 s"),
    ],
)
def test_start_page_failures(route: Route, reason: str) -> None:
    with SiteServer(routes={"/": route}) as srv, pytest.raises(CrawlFailed) as failed:
        crawl(srv.url + "/", links, CrawlOptions(timeout=0.3))
    message = str(failed.value)
    assert message.startswith(f"could not fetch {srv.url}/: {reason}")
    assert "\n" not in message


def test_discover_errors_do_not_escape(tmp_path: Path) -> None:
    def broken(page: RawPage) -> Iterator[tuple[str, int]]:
        raise RuntimeError("bad\nlink")

    with SiteServer(site(tmp_path, {"index.html": html("/about")})) as srv:
        pages, errors = crawl(srv.url, broken)
    assert paths(pages) == ["/"]
    assert errors == [FetchError(srv.url + "/", "could not read links: RuntimeError: bad")]


def test_sub_pages_are_fetched_in_parallel() -> None:
    blog = [f"/blog/{n}" for n in range(8)]
    routes = {path: Route(body=b"post", delay=0.3) for path in blog}
    with SiteServer(routes={"/": Route(body=html(*blog)), **routes}) as srv:
        started = time.monotonic()
        pages, errors = crawl(srv.url, links, CrawlOptions(concurrency=4))
        elapsed = time.monotonic() - started
    assert len(pages) == 9
    assert errors == []
    assert elapsed < 1.8  # one at a time would take 2.4 s


def test_bodies_are_dropped_once_their_links_are_read(coach_site: Path) -> None:
    with SiteServer(coach_site) as srv:
        kept, _ = crawl(srv.url + "/", links)
        dropped, errors = crawl(srv.url + "/", links, keep_bodies=False)
    assert errors == []
    assert paths(dropped) == paths(kept)
    assert all(page.content for page in kept)
    assert [page.content for page in dropped] == [b""] * len(kept)


def test_a_body_whose_links_could_not_be_read_is_kept(tmp_path: Path) -> None:
    """A page discover could not parse is parsed again later, to tell why: it keeps its bytes."""

    def broken(page: RawPage) -> Iterator[tuple[str, int]]:
        raise RuntimeError("unparsable")

    with SiteServer(site(tmp_path, {"index.html": html("/about")})) as srv:
        pages, _ = crawl(srv.url, broken, keep_bodies=False)
    assert pages[0].content == html("/about")


def test_an_audited_crawl_holds_parsed_pages_not_bodies(coach_site: Path) -> None:
    from auditor.audit.engine import AuditOptions, _reader, audit, read_target

    options = AuditOptions()
    reader = _reader(options)
    with SiteServer(coach_site) as srv:
        raws, errors = read_target(srv.url + "/", options, reader)
        report = audit(srv.url + "/")
    assert errors == []
    assert {raw.content for raw in raws} == {b""}
    assert len(reader) == len(raws)  # each page parsed once, as it arrived
    assert all(reader.read(raw).url == raw.url for raw in raws)  # not parsed again: no bytes
    assert [page.url for page in report.pages] == [raw.url for raw in raws]

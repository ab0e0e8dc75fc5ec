"""robots.txt read per RFC 9309, by a crawl of a local server."""

from __future__ import annotations

from itertools import pairwise
from urllib.parse import urlsplit

from http_server import Route, SiteServer, every_href

from auditor.sources.crawl import CrawlOptions, crawl

SKIPPED = "skipped: disallowed by robots.txt"
PLAIN = {"Content-Type": "text/plain"}


def crawled(robots: str, paths: list[str]) -> tuple[set[str], set[str]]:
    """Crawl a site whose homepage links to `paths` (each answers with a page) under `robots`:
    the paths fetched and the paths robots.txt kept the crawler from."""
    home = "".join(f'<a href="{path}">link</a>' for path in paths).encode()
    routes: dict[str, Route | list[Route]] = {path: Route(body=b"<p>page</p>") for path in paths}
    routes |= {"/": Route(body=home), "/robots.txt": Route(body=robots.encode(), headers=PLAIN)}
    with SiteServer(routes=routes) as srv:
        _, errors = crawl(srv.url + "/", every_href, CrawlOptions(max_pages=len(paths) + 1))
    asked = {path for path in srv.requests if path not in ("/", "/robots.txt", "/sitemap.xml")}
    skipped = {_path(e.page) for e in errors if e.message == SKIPPED}
    assert not asked & skipped
    return asked, skipped


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_the_longest_matching_rule_wins_not_the_first() -> None:
    robots = "User-agent: *\nAllow: /\nDisallow: /tarieven\nDisallow: /*contact\n"
    fetched, skipped = crawled(robots, ["/tarieven.html", "/contact.html", "/about.html"])
    assert (fetched, skipped) == ({"/about.html"}, {"/tarieven.html", "/contact.html"})
    robots = "User-agent: *\nDisallow: /aanbod\nAllow: /aanbod/gratis\n"
    fetched, skipped = crawled(robots, ["/aanbod/gratis-gesprek", "/aanbod/traject"])
    assert (fetched, skipped) == ({"/aanbod/gratis-gesprek"}, {"/aanbod/traject"})


def test_a_star_matches_any_characters_and_a_dollar_ends_the_path() -> None:
    robots = "User-agent: *\nDisallow: /*?\nDisallow: /blog$\nDisallow: /*/concept-*.html\n"
    paths = ["/p?page=2", "/blog", "/blog/1", "/blog/concept-a.html", "/concept-b.html"]
    fetched, skipped = crawled(robots, paths)
    assert fetched == {"/blog/1", "/concept-b.html"}
    assert skipped == {"/p?page=2", "/blog", "/blog/concept-a.html"}


def test_allow_wins_over_disallow_of_the_same_length() -> None:
    for robots in ("User-agent: *\nDisallow: /page\nAllow: /page\n",
                   "User-agent: *\nAllow: /page\nDisallow: /page\n"):  # fmt: skip
        assert crawled(robots, ["/page", "/pages"]) == ({"/page", "/pages"}, set())


def test_the_group_for_our_user_agent_is_followed_not_the_others() -> None:
    robots = (
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: Copy-Auditor\nDisallow: /private\n\n"
        "User-agent: otherbot\nDisallow: /about\n"
    )
    assert crawled(robots, ["/about", "/private/notes"]) == ({"/about"}, {"/private/notes"})
    robots = "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /about\n"
    assert crawled(robots, ["/about", "/work"]) == ({"/work"}, {"/about"})


def test_the_groups_crawl_delay_and_sitemaps_are_read() -> None:
    robots = "User-agent: copy-auditor\nCrawl-delay: 0.2\nSitemap: {url}/list.xml\n"
    sitemap = "<urlset><url><loc>{url}/from-sitemap</loc></url></urlset>"
    with SiteServer(routes={"/": Route(body=b"<p>home</p>")}) as srv:
        srv.routes["/robots.txt"] = Route(body=robots.format(url=srv.url).encode(), headers=PLAIN)
        srv.routes["/list.xml"] = Route(body=sitemap.format(url=srv.url).encode(), headers=PLAIN)
        srv.routes["/from-sitemap"] = Route(body=b"<p>page</p>")
        pages, _ = crawl(srv.url + "/", every_href)
    assert [urlsplit(page.url).path for page in pages] == ["/", "/from-sitemap"]
    assert srv.requests[0] == "/robots.txt" and "/list.xml" in srv.requests
    times = srv.request_times[1:]  # after robots.txt: 0.2 s apart when sent (arrivals jitter)
    gaps = [b - a for a, b in pairwise(times)]
    assert sum(gaps) >= 0.2 * len(gaps) - 0.05 and min(gaps) >= 0.1


def test_a_robots_txt_that_is_an_html_page_allows_everything() -> None:
    html = "<!doctype html><p>User-agent: *</p><p>Disallow: /</p>"
    with SiteServer(routes={"/": Route(body=b'<a href="/about">a</a>'),
                            "/robots.txt": Route(body=html.encode()),
                            "/about": Route(body=b"<p>about</p>")}) as srv:  # fmt: skip
        pages, errors = crawl(srv.url + "/", every_href)
    assert (len(pages), errors) == (2, [])

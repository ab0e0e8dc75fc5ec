"""A site in a folder of a host (https://host/praktijk/): its start page is the homepage, and
the crawl stays in the folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import EXAMPLES
from http_server import Route, SiteServer, every_href

from auditor.audit.engine import audit
from auditor.core.urls import page_key, site_base
from auditor.sources.crawl import crawl


def html(*hrefs: str) -> bytes:
    return "".join(f'<a href="{href}">link</a>\n' for href in hrefs).encode()


def write(root: Path, pages: dict[str, bytes]) -> Path:
    for name, content in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


@pytest.fixture
def host_with_a_practice(tmp_path: Path) -> Path:
    """A host whose root is another site; the coach's site is in /praktijk/."""
    return write(tmp_path, {
        "index.html": html("/praktijk/", "/nieuws"),
        "nieuws.html": html("/"),
        "contact.html": html("/"),
        "praktijk/index.html": html("over-mij", "/praktijk/tarieven", "/", "/contact"),
        "praktijk/over-mij.html": html("/praktijk/", "/nieuws"),
        "praktijk/tarieven.html": html("/praktijk/"),
    })  # fmt: skip


def test_the_crawl_stays_in_the_start_pages_folder(host_with_a_practice: Path) -> None:
    with SiteServer(host_with_a_practice) as srv:
        listed = f"<urlset><url><loc>{srv.url}/nieuws</loc></url></urlset>".encode()
        srv.routes["/sitemap.xml"] = Route(body=listed, headers={"Content-Type": "text/xml"})
        pages, errors = crawl(srv.url + "/praktijk/", every_href)
    assert [urlsplit(p.url).path for p in pages] == [
        "/praktijk/", "/praktijk/over-mij", "/praktijk/tarieven"
    ]  # fmt: skip
    assert errors == []
    assert "/sitemap.xml" in srv.requests
    assert not {"/", "/nieuws", "/contact"} & set(srv.requests)


def test_a_page_in_a_folder_of_its_own_is_a_start_page_of_the_whole_site(tmp_path: Path) -> None:
    """/over-mij/ links out of its folder: it is one page of the site, not a site."""
    root = write(tmp_path, {
        "index.html": html("/over-mij/", "/aanbod/"),
        "over-mij/index.html": html("/", "/aanbod/", "/over-mij/cv"),
        "over-mij/cv.html": html("/"),
        "aanbod/index.html": html("/"),
    })  # fmt: skip
    with SiteServer(root) as srv:
        pages, _ = crawl(srv.url + "/over-mij/", every_href)
    assert sorted(urlsplit(p.url).path for p in pages) == [
        "/",
        "/aanbod/",
        "/over-mij/",
        "/over-mij/cv",
    ]


def test_keys_of_a_site_in_a_folder_start_at_its_homepage() -> None:
    urls = ["https://www.coach.nl/praktijk/", "https://coach.nl/praktijk/over-mij/"]
    base = site_base("https://coach.nl/praktijk/", urls)
    assert base == "coach.nl/praktijk"
    assert [page_key(url, base) for url in urls] == ["/", "/over-mij"]
    assert page_key("https://coach.nl/contact", base) is None  # another site's page
    assert page_key("https://coach.nl/praktijkje", base) is None
    assert site_base("https://coach.nl/over-mij/", [*urls, "https://coach.nl/"]) == "coach.nl"


def test_an_example_site_in_a_folder_is_audited_as_at_the_root(tmp_path: Path) -> None:
    """The homepage rules judge /praktijk/: the findings are those of the site at the root."""
    folder = tmp_path / "host" / "praktijk"
    shutil.copytree(EXAMPLES / "nl-before", folder)
    for file in folder.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r'href="/', 'href="/praktijk/', text), encoding="utf-8")
    (tmp_path / "host" / "index.html").write_text('<a href="/praktijk/">praktijk</a>')
    with SiteServer(tmp_path / "host") as srv:
        in_folder = audit(srv.url + "/praktijk/")
    with SiteServer(EXAMPLES / "nl-before") as srv:
        at_root = audit(srv.url + "/")

    def found(report, prefix: str) -> list[tuple[str, str]]:
        return sorted((f.rule, urlsplit(f.page).path.removeprefix(prefix)) for f in report.findings)

    assert found(in_folder, "/praktijk") == found(at_root, "")
    assert in_folder.pages[0].role == "home"
    assert any(f.rule.startswith("homepage-") for f in in_folder.findings)


def test_a_redirect_out_of_the_folder_is_not_followed_into_the_audit(
    host_with_a_practice: Path,
) -> None:
    moved = Route(301, headers={"Location": "/nieuws"})
    with SiteServer(host_with_a_practice, {"/praktijk/tarieven": moved}) as srv:
        pages, errors = crawl(srv.url + "/praktijk/", every_href)
    assert [urlsplit(p.url).path for p in pages] == ["/praktijk/", "/praktijk/over-mij"]
    assert [(e.page, e.message) for e in errors] == [
        (srv.url + "/praktijk/tarieven", "skipped: redirects out of /praktijk/")
    ]

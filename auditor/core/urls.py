"""URL keys: one key per page however a link spells it (trailing slash, index.html, .html)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_INDEX = ("index.html", "index.htm", "index.php")
# a path from the site's root in plain characters: no "//" host, no "?", "#" or ";", none of
# the characters urlsplit drops (tab, CR, LF). urlsplit takes it whole for its path, and
# urljoin gives it back as it is when it has no "/." either (see plain_path)
_PLAIN_PATH = re.compile(r"/(?!/)[\w~%!$&'()*+,=:@/.-]*+")


def plain_path(url: str) -> bool:
    """Is `url` a plain path from the site's root (see _PLAIN_PATH)? Then it is its own
    urlsplit path and urljoin result: the caller may skip both (a page of 20,000 links)."""
    return _PLAIN_PATH.fullmatch(url) is not None


def host_of(url: str) -> str:
    """The site host of a URL, without "www." and port."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def site_base(target: str, page_urls: list[str]) -> str:
    """The site host of a crawl of `target` whose pages are `page_urls` (the start page first),
    with the folder the start page is the homepage of when the crawl stayed in it:
    "example.nl/praktijk". "" for a folder on disk, whose links are site paths."""
    if urlsplit(target).scheme not in ("http", "https"):
        return ""
    folder = folder_of(page_urls[0]) if page_urls else "/"
    if folder != "/" and all(under(url, folder) for url in page_urls):
        return host_of(target) + folder.rstrip("/")
    return host_of(target)


def page_key(url: str, site_host: str = "") -> str | None:
    """A path key ("/over-mij") for a URL on this site, or None for other sites and schemes.

    Site paths (folder mode) and absolute URLs on `site_host` give the same key, so a site
    read from a folder and served over HTTP has the same link graph. A `site_host` with a
    folder ("example.nl/praktijk", see site_base) keys its pages from that folder: its
    homepage is "/", and pages outside it are another site's.
    """
    url = url.strip()
    host, slash, folder = site_host.partition("/")
    if plain_path(url):
        path = url
    else:
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and host_of(url) != host:
            return None
        path = parts.path or "/"
    if slash:
        if not under(path, f"/{folder}/"):
            return None
        path = path[len(folder) + 1 :]
    return _path_key(path)


def _path_key(path: str) -> str:
    for index in _INDEX:
        if path.endswith("/" + index):
            path = path[: -len(index)]
    for ext in (".html", ".htm"):
        if path.endswith(ext):
            path = path[: -len(ext)]
    path = "/" + path.strip("/")
    return path.lower()


def slug_words(key: str) -> str:
    """The words of a key's last segment: "/diensten/loopbaan-coaching" -> "loopbaan coaching"."""
    last = key.rstrip("/").rsplit("/", 1)[-1]
    return last.replace("-", " ").replace("_", " ").strip()


def folder_of(url: str) -> str:
    """The folder a page is in: "/praktijk/" for /praktijk/ or /praktijk/index.html, "/" for
    /over-mij."""
    path = urlsplit(url).path or "/"
    return path[: path.rfind("/") + 1] or "/"


def under(url: str, folder: str) -> bool:
    """Whether `url` is a page in `folder` (the folder's own URL without "/" is too)."""
    path = urlsplit(url).path or "/"
    return folder == "/" or path.startswith(folder) or path == folder.rstrip("/")

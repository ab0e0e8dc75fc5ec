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


def page_key(url: str, site_host: str = "") -> str | None:
    """A path key ("/over-mij") for a URL on this site, or None for other sites and schemes.

    Site paths (folder mode) and absolute URLs on `site_host` give the same key, so a site
    read from a folder and served over HTTP has the same link graph.
    """
    url = url.strip()
    if plain_path(url):
        return _path_key(url)
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and host_of(url) != site_host:
        return None
    return _path_key(parts.path or "/")


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

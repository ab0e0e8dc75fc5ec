"""URL keys: one key per page however a link spells it (trailing slash, index.html, .html)."""

from __future__ import annotations

from urllib.parse import urlsplit

_INDEX = ("index.html", "index.htm", "index.php")


def host_of(url: str) -> str:
    """The site host of a URL, without "www." and port."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def page_key(url: str, site_host: str = "") -> str | None:
    """A path key ("/over-mij") for a URL on this site, or None for other sites and schemes.

    Site paths (folder mode) and absolute URLs on `site_host` give the same key, so a site
    read from a folder and served over HTTP has the same link graph.
    """
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and host_of(url) != site_host:
        return None
    path = parts.path or "/"
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

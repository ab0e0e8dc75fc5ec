"""What a crawl knows a URL by: its site (host and port) and its key."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from auditor.core.urls import folder_of, under

DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_FILES = ("index.html", "index.htm")


def site_of(host: str) -> str:
    """The site a host belongs to: `www.example.nl` and `example.nl` are one."""
    return host.lower().removeprefix("www.")


def site_of_url(url: str) -> str:
    """The site of a URL: its host (`www.` or not) and port. Another port of the host is another
    site (an internal service); a default port is none, so http and https are one site."""
    parts = urlsplit(url)
    host, port = site_of(parts.hostname or ""), parts.port
    return host if port in (None, DEFAULT_PORTS.get(parts.scheme.lower())) else f"{host}:{port}"


def url_key(url: str) -> str:
    """`url` normalised so that the links to one page compare equal."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = site_of(parts.hostname or "")
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    folder, _, name = (parts.path or "/").rpartition("/")
    path = folder if name in INDEX_FILES else parts.path
    query = "&".join(sorted(param for param in parts.query.split("&") if param))
    return urlunsplit((scheme, netloc, path.rstrip("/") or "/", query, ""))


def homepage_folder(home_url: str, links: list[str]) -> str:
    """The folder a start page is the homepage of, from its links to pages of its site: its
    own folder ("/praktijk/") when at least as many of them lead into it as out of it, else
    "/" (a page of a whole site: many sites keep each page in a folder of its own, /over-mij/,
    and link from it to the others)."""
    folder = folder_of(home_url)
    if folder == "/":
        return folder
    home = url_key(home_url)
    inside = {url_key(url): under(url, folder) for url in links if url_key(url) != home}
    count = sum(inside.values())
    return folder if count and count >= len(inside) - count else "/"

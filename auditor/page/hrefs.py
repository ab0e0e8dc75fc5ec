"""The addresses a page's links and forms point at, made absolute."""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit

from auditor.core.urls import plain_path

_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)


def resolve(base: str, href: str) -> str:
    """An href made absolute against the page URL (or site path, for files).

    One that is not a URL at all ("http://[::1", a port of 99999999) becomes "invalid:" and
    the href percent-encoded, which no later step takes for a page of the site.
    """
    href = href.strip()
    if base.startswith("/") and plain_path(href) and "/." not in href:
        return href  # what urljoin makes of it: a path from the root, nothing to resolve
    try:
        url = _resolve(base, href)
        parts = urlsplit(url)
        _ = parts.hostname, parts.port  # these raise for a malformed host or port
    except ValueError:
        return "invalid:" + quote(href, safe="")
    return url


def _resolve(base: str, href: str) -> str:
    if _SCHEME.match(href):
        return href
    if base.startswith("/"):  # a site path: resolve as a static host would
        return urljoin("http://site.invalid" + base, href).removeprefix("http://site.invalid")
    return urljoin(base, href)

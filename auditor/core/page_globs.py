"""Page globs from the configuration (`pages`, `ignore`): matched on a page's URL path or file.

`/blog/*` matches the URL path (`*` also matches `/`), `blog/*.html` the file path; a pattern
without its trailing slash matches too (`/over-mij` is `/over-mij/`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from urllib.parse import urlsplit


def _names(url: str, path: str | None) -> set[str]:
    url_path = url if url.startswith("/") else urlsplit(url).path or "/"
    names = {url_path, url_path.rstrip("/") or "/"}
    if path:
        names.add(path)
    return names


def matches(patterns: Iterable[str], url: str, path: str | None) -> bool:
    """True when one of the globs matches the page."""
    names = _names(url, path)
    return any(fnmatchcase(name, pattern) for pattern in patterns for name in names)


def glob_for(roles: Mapping[str, str], url: str, path: str | None) -> str | None:
    """The first glob that matches the page, if any."""
    return next((pattern for pattern in roles if matches([pattern], url, path)), None)


def role_for(roles: Mapping[str, str], url: str, path: str | None) -> str | None:
    """The role the first matching glob gives the page, if any."""
    glob = glob_for(roles, url, path)
    return None if glob is None else roles[glob]

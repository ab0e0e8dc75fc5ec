"""What a source hands over: raw pages, and the pages it could not read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawPage:
    """What a source hands over: bytes and where they came from, nothing parsed."""

    url: str  # absolute URL, or a site path like "/over-mij/" for files
    content: bytes
    path: str | None = None  # file path relative to the target folder (files only)
    status: int | None = None  # HTTP status (URLs only)
    content_type: str | None = None  # the Content-Type header, if any


@dataclass(frozen=True)
class FetchError:
    """A page that could not be read; it goes to the report's `errors`."""

    page: str
    message: str

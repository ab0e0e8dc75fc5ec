"""What a source hands over: raw pages (with a line map for a rendered one), and the pages
it could not read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineMap:
    """Where the lines of a rendered page (Markdown made HTML) come from: line `before + i + 1`
    of the HTML was rendered from line `lines[i]` of the source file, whose text is
    `source[line - 1]`."""

    before: int  # lines of the HTML before the rendered body (head, menu)
    lines: tuple[int, ...]
    source: tuple[str, ...]


@dataclass(frozen=True)
class RawPage:
    """What a source hands over: bytes and where they came from, nothing parsed."""

    url: str  # absolute URL, or a site path like "/over-mij/" for files
    content: bytes
    path: str | None = None  # file path relative to the target folder (files only)
    status: int | None = None  # HTTP status (URLs only)
    content_type: str | None = None  # the Content-Type header, if any
    line_map: LineMap | None = None  # rendered from another source: where its lines come from
    # reads the page again (a file): its source need not be kept for the positions found late
    reread: Callable[[], RawPage | FetchError] | None = field(
        default=None, compare=False, repr=False
    )


@dataclass(frozen=True)
class FetchError:
    """A page that could not be read; it goes to the report's `errors`."""

    page: str
    message: str

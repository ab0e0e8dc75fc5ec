"""Each raw page of an audit parsed once: the crawl reads a page's links from its Page, and the
site model the same Page's copy, through one reader."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.parse import parse_or_error, parse_page
from auditor.sources.raw import FetchError, RawPage


class PageReader:
    """Parses raw pages with one context, each page once (by URL)."""

    def __init__(self, context: ParseContext, pages: Iterable[Page] = ()) -> None:
        self.context = context
        self._read: dict[str, Page] = {page.url: page for page in pages}  # parsed already

    def parse(self, raw: RawPage) -> Page:
        """The page parsed (ParseError and others raised): the crawl reads its links."""
        if raw.url not in self._read:
            self._read[raw.url] = parse_page(raw, self.context)
        return self._read[raw.url]

    def __len__(self) -> int:
        """How many pages were parsed."""
        return len(self._read)

    def read(self, raw: RawPage) -> Page | FetchError:
        """The page parsed, or why it could not be: one bad page never stops an audit."""
        return self._read.get(raw.url) or parse_or_error(raw, self.context)

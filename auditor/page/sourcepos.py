"""Where an element of an lxml tree starts in the source: the line and column of its `<`.

libxml2 gives an element only the line its start tag ends on (capped at 65535), and no
column. The start tags of the source (auditor/page/tagscan.py, which skips comments and raw text
as the parser does), by name and in order, pair the n-th element of a name with the n-th tag
of that name; the line libxml2 gives checks the pairing and, where the parser added or
dropped an element, finds the nearest tag of that name that ends on that line. The result is
what html.parser reported: the 1-based line and column of the tag's `<`.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator

from auditor.page.charset import page_text
from auditor.page.model import Block, Form, Link, await_position, placed
from auditor.page.nesting import bound_depth
from auditor.page.tagscan import scan_tags
from auditor.sources.raw import FetchError, LineMap, RawPage

MAX_LINE = 65535  # libxml2 reports later lines as this one
RESYNC = 64  # how far to look for the right tag when the counts drift
_NEWLINE = re.compile("\n")

Position = tuple[int, int]
Item = Block | Link | Form  # what has a line and column in the source


class SourceTags:
    """The start tags of a document's source, by name, in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.tags: dict[str, list[tuple[int, int]]] = defaultdict(list)  # name -> ("<", ">")
        for name, start, end, _ in scan_tags(text, ends=False):
            self.tags[name].append((start, end))

    def _line(self, offset: int) -> int:
        return bisect_right(self.newlines, offset) + 1

    def position(self, name: str, index: int, line: int | None) -> Position | None:
        """The start of the `index`-th element named `name`, whose tag libxml2 ends on `line`."""
        tags = self.tags.get(name)
        if not tags or line is None:
            return None
        nearby = (index + step * sign for step in range(RESYNC + 1) for sign in (1, -1))
        for i in nearby:
            if not 0 <= i < len(tags):
                continue
            start, end = tags[i]
            if min(self._line(end), MAX_LINE) == line:
                row = self._line(start)
                column = start - (self.newlines[row - 2] + 1 if row > 1 else 0)
                return row, column + 1
        return None


def _column(line: str, text: str) -> int:
    """Where text starts on a source line (1-based), else the line's first non-blank character."""
    probe = text[:40]
    found = line.find(probe) if probe else -1
    return found + 1 if found >= 0 else len(line) - len(line.lstrip()) + 1


def mapped(line_map: LineMap, position: Position | None, item: Item) -> Position | None:
    """A position in the rendered HTML as the line of the source file it was rendered from,
    and the column where the item's text starts on it (a form's: the line's first
    non-blank character)."""
    index = position[0] - line_map.before - 1 if position else -1
    if not 0 <= index < len(line_map.lines):
        return None
    line = line_map.lines[index]
    return line, _column(line_map.source[line - 1], "" if isinstance(item, Form) else item.text)


def _as_parsed(text: str) -> Iterator[str]:
    """The text a page's source was parsed as: the source, else with its deepest tags
    blanked out (auditor/page/parse.py)."""
    yield text
    yield bound_depth(text)


class Positions:
    """The source positions of a page's blocks, links and forms, found when the first of them
    is read (auditor/page/model.py Placed): the tag scan reads the whole source, so a
    page none of whose elements a finding is on is never scanned."""

    def __init__(
        self,
        text: str,
        line_map: LineMap | None = None,
        reread: Callable[[], RawPage | FetchError] | None = None,
    ) -> None:
        self.text = text
        self.line_map = line_map  # of a rendered page: its positions are in its source file
        self.reread = reread  # the page read again (a file): its text is not kept while it waits
        self._packed = b""  # the text, compressed while it waits (see `park`)
        self._check = 0  # the CRC-32 of the text, to know the page read again is the same
        self._source: SourceTags | None = None
        # the items, the name of each one's element, and its index and libxml2's line (0:
        # none) two by two, four bytes each (a 5 MB page has fewer elements, libxml2's lines
        # stop at MAX_LINE): compact, as a page kept whole holds them until a position is read
        self._items: list[Item] = []
        self._names: list[str] = []
        self._places = array("i")

    def source(self) -> SourceTags:
        """The start tags of the source, scanned the first time they are needed."""
        if self._source is None:
            self._source = SourceTags(self.text or self._unparked())
        return self._source

    def park(self) -> None:
        """Once the page is parsed: let the source go until a position is asked for (a page
        kept whole waits for the site's rules, and a site's pages would otherwise hold all
        their text): a file is read again then, other text is kept compressed; find the
        positions now if the source was scanned already (for the page's directives)."""
        if self._source is not None:
            self.resolve()
        elif self._items and self.reread is not None:
            self._check = zlib.crc32(self.text.encode("utf-8"))
        elif self._items:
            self._packed = zlib.compress(self.text.encode("utf-8"), 1)
        self.text = ""

    def _unparked(self) -> str:
        """The text as it was parsed: decompressed, or the file read and decoded again (and
        its deepest tags blanked out, if the parser needed that: auditor/page/nesting.py);
        none if the file changed or can no longer be read since."""
        if self.reread is None:
            return zlib.decompress(self._packed).decode("utf-8")
        raw = self.reread()
        if isinstance(raw, FetchError):
            return ""
        _, text = page_text(raw)
        for candidate in _as_parsed(text):
            if zlib.crc32(candidate.encode("utf-8")) == self._check:
                return candidate
        return ""

    def add(self, item: Item, name: str, index: int, line: int | None) -> None:
        """`item` stands at the `index`-th element named `name` (libxml2's `line`): its line
        and column are found when first read."""
        self._items.append(item)
        self._names.append(sys.intern(name))  # one copy of each name, sent once
        self._places.extend((index, line or 0))
        await_position(item, self)

    def resolve(self) -> None:
        """Set the line and column of every item added, then let the source go."""
        items, names, places = self._items, self._names, self._places
        self._items, self._names, self._places = [], [], array("i")
        for i, (item, name) in enumerate(zip(items, names, strict=True)):
            index, line = places[2 * i], places[2 * i + 1]
            found = self.source().position(name, index, line or None)
            if self.line_map is not None:
                found = mapped(self.line_map, found, item)
            placed(item, *(found or (None, None)))
        self._source, self.text, self._packed, self.reread = None, "", b"", None

"""Where an element of an lxml tree starts in the source: the line and column of its `<`.

libxml2 gives an element only the line its start tag ends on (capped at 65535), and no
column. The start tags of the source (auditor/tagscan.py, which skips comments and raw text
as the parser does), by name and in order, pair the n-th element of a name with the n-th tag
of that name; the line libxml2 gives checks the pairing and, where the parser added or
dropped an element, finds the nearest tag of that name that ends on that line. The result is
what html.parser reported: the 1-based line and column of the tag's `<`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

from auditor.tagscan import scan_tags

MAX_LINE = 65535  # libxml2 reports later lines as this one
RESYNC = 64  # how far to look for the right tag when the counts drift
_NEWLINE = re.compile("\n")

Position = tuple[int, int]


class SourceTags:
    """The start tags of a document's source, by name, in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.tags: dict[str, list[tuple[int, int]]] = defaultdict(list)  # name -> ("<", ">")
        for tag in scan_tags(text):
            if not tag.closing:
                self.tags[tag.name].append((tag.start, tag.end))

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

"""Where an element of an lxml tree starts in the source: the line and column of its `<`.

libxml2 gives an element only the line its start tag ends on (capped at 65535), and no
column. A scan of the source for start tags (skipping comments and raw-text elements, as the
parser does) lists the tags of each name in order, so the n-th element of a name is the n-th
tag of that name; the line libxml2 gives checks the pairing and, where the parser added or
dropped an element, finds the nearest tag of that name that ends on that line. The result is
what html.parser reported: the 1-based line and column of the tag's `<`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

MAX_LINE = 65535  # libxml2 reports later lines as this one
RESYNC = 64  # how far to look for the right tag when the counts drift
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_RAW = "script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext"
_TOKEN = re.compile(
    rf"<!--.*?(?:-->|\Z)"  # a comment: no tags inside
    rf"|<({_RAW})(?=[\s/>]){_ATTRS}>.*?(?:</\1\s*>|\Z)"  # raw text: only its own tag
    rf"|<([a-zA-Z][^\t\n\r\f />\x00]*){_ATTRS}>",
    re.S | re.I,
)
_NEWLINE = re.compile("\n")

Position = tuple[int, int]


class SourceTags:
    """The start tags of a document's source, by name, in order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in _NEWLINE.finditer(text)]
        self.tags: dict[str, list[tuple[int, int]]] = defaultdict(list)  # name -> ("<", ">")
        for m in _TOKEN.finditer(text):
            name = m.group(1) or m.group(2)
            if name:
                self.tags[name.lower()].append((m.start(), m.end() - 1))

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

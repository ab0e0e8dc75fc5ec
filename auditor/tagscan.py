"""The tags of an HTML source, in order, as libxml2's tokenizer reads them, in linear time.

A start tag is `<`, a name, then anything up to a `>` outside a quoted value; an end tag is
`</`, a name and anything up to `>`. Comments hold no tags (as HTML5 ends them: `<!-->` is a
whole one, `--!>` ends one; `<!DOCTYPE>`, `<?php ?>` and `</ p>` run to the first `>`), nor
does the text of raw-text elements (script, style, title...). A `<` that starts no tag (no
name, or a tag that never ends: an unclosed quote, no `>`) is text, and the scan goes on
from the next character. There, what a scan from a quote or `>` found is remembered, so the
scans from later `<` that reach the same character stop there instead of reading to the end
of the text again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

RAW_TEXT = "script|style|textarea|title|xmp|iframe|noembed|noframes|plaintext"
_RAW = re.compile(rf"({RAW_TEXT})(?=[\s/>])", re.I)
_COMMENT = re.compile(r"<!--(?:-?>|.*?(?:--!?>|\Z))", re.S)  # "<!-->" is a whole comment
_BOGUS_COMMENT = re.compile(r"<(?:[!?]|/(?![a-zA-Z>]))")
_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_SPECIAL = re.compile(r"""[>"']""")  # where a run of attribute text stops
# the usual case, read by one match that stops at the next "<": quoted values without "<"
_PLAIN_END = re.compile(r"""(?:[^<>"']++|"[^<"]*+"|'[^<']*+')*+>""")
_PLAIN_END_TAG = re.compile(r"[^<>]*+>")
NO_END = -1


class Tag(NamedTuple):
    """One tag of the source."""

    name: str  # lower case
    start: int  # offset of its "<"
    end: int  # offset of its ">"; for a raw-text element, of the last character of its end tag
    closing: bool  # an end tag


class _TagEnds:
    """The `>` that ends a tag whose attributes begin at an offset, skipping quoted values."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.specials: list[int] = []  # offsets of ">", '"' and "'", read when first needed
        self.quotes: dict[str, list[int]] = {}  # offsets of '"', "'" and ">", read with specials
        self.found: dict[int, int] = {}  # index in specials -> its tag's ">" or NO_END

    def _read_specials(self) -> None:
        self.specials = [m.start() for m in _SPECIAL.finditer(self.text)]
        self.quotes = {q: [i for i in self.specials if self.text[i] == q] for q in "\"'>"}

    def _closing(self, quote: str, after: int) -> int | None:
        """The index in specials of the first `quote` after offset `after`."""
        offsets = self.quotes[quote]
        i = bisect_right(offsets, after)
        return bisect_left(self.specials, offsets[i]) if i < len(offsets) else None

    def start_tag(self, start: int) -> int:
        """The offset of the `>` ending the attributes that begin at `start`, or NO_END."""
        if plain := _PLAIN_END.match(self.text, start):
            return plain.end() - 1
        if not self.quotes:
            self._read_specials()
        i = bisect_left(self.specials, start)
        path = []
        end = NO_END
        while i < len(self.specials):
            if i in self.found:
                end = self.found[i]
                break
            path.append(i)
            kind = self.text[self.specials[i]]
            if kind == ">":
                end = self.specials[i]
                break
            closing = self._closing(kind, self.specials[i])
            if closing is None:
                break
            i = closing + 1
        for i in path:
            self.found[i] = end
        return end

    def end_tag(self, start: int) -> int:
        """The offset of the first `>` from `start`, or NO_END."""
        if plain := _PLAIN_END_TAG.match(self.text, start):
            return plain.end() - 1
        if not self.quotes:
            self._read_specials()
        closers = self.quotes[">"]
        i = bisect_left(closers, start)
        return closers[i] if i < len(closers) else NO_END


def scan_tags(text: str) -> Iterator[Tag]:
    """The start and end tags of `text`, in order."""
    ends = _TagEnds(text)
    name_run = (0, 0)  # the span of the last tag name read: a "<" inside it ends at its end
    pos = 0
    while (lt := text.find("<", pos)) >= 0:
        pos = lt + 1
        if comment := _COMMENT.match(text, lt):  # no tags inside
            pos = comment.end()
        elif _BOGUS_COMMENT.match(text, lt):  # <!DOCTYPE>, <?php ?>, </ p>: up to the first ">"
            close = text.find(">", lt)
            pos = len(text) if close < 0 else close + 1
        elif (raw := _RAW.match(text, lt + 1)) and (gt := ends.start_tag(raw.end())) != NO_END:
            close = re.compile(rf"</{raw.group(1)}\s*>", re.I).search(text, gt + 1)
            pos = len(text) if close is None else close.end()
            yield Tag(raw.group(1).lower(), lt, pos - 1, closing=False)
        else:
            closing = text.startswith("/", pos)
            first = pos + closing
            if not (text[first : first + 1].isascii() and text[first : first + 1].isalpha()):
                continue
            if first >= name_run[1]:
                name_run = _NAME.match(text, first).span()  # type: ignore[union-attr]
            find_end = ends.end_tag if closing else ends.start_tag
            if (gt := find_end(name_run[1])) != NO_END:
                yield Tag(text[first : name_run[1]].lower(), lt, gt, closing)
                pos = gt + 1

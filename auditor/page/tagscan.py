"""The tags of an HTML source, in order, as an HTML5 tokenizer (libxml2 2.14's) reads them.

A tag is `<` or `</`, a name, attributes and `>`. A quote opens a value only after `=`; a
quote anywhere else is part of a name. Comments hold no tags (`<!-->` is a whole one, `--!>`
ends one; `<!DOCTYPE>`, `<?php ?>` and `</ p>` run to the first `>`), nor does the text of a
raw-text element (script, style, title...) up to its end tag, or of `<plaintext>`. A tag
still open at the end of the text (an unclosed quote, no `>`) swallows the rest: nothing
more is emitted. Each character is read a bounded number of times: linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
)
_SPACE = r"\t\n\f "
# after "<" or "</": the name, then attributes (a value after "=": quoted, unquoted or none)
_VALUE = rf"""(?: "[^"]*+" | '[^']*+' | (?=>) | [^{_SPACE}>"'][^{_SPACE}>]*+ )"""
_TAG = re.compile(
    rf"""([a-zA-Z][^{_SPACE}/>]*+)
    (?: [{_SPACE}/]++
      | [^{_SPACE}/>][^{_SPACE}/>=]*+  # an attribute's name
        (?: [{_SPACE}]*+ = [{_SPACE}]*+ {_VALUE} | (?! [{_SPACE}]*+ = ) )
    )*+ >""",
    re.X,
)
_COMMENT = re.compile(r"<!--(?:-?>|.*?(?:--!?>|\Z))", re.S)  # "<!-->" is a whole comment
_BOGUS_COMMENT = re.compile(r"<(?:[!?]|/(?![a-zA-Z>]))")  # up to the first ">"
_START = re.compile(r"</?(?=[a-zA-Z])")  # any other "<" is text ("</>" is nothing)


class Tag(NamedTuple):
    """One tag of the source."""

    name: str  # lower case
    start: int  # offset of its "<"
    end: int  # offset of its ">"; for a raw-text element, of the last character of its end tag
    closing: bool  # an end tag


def _raw_text_end(text: str, name: str, after: int) -> int | None:
    """The offset just past the end tag of the raw-text element `name` whose text starts at
    `after`; None when the text ends first."""
    close = re.compile(rf"</{name}(?=[{_SPACE}/>])", re.I).search(text, after)
    end_tag = _TAG.match(text, close.start() + 2) if close else None
    return end_tag.end() if end_tag else None


def scan_tags(text: str) -> Iterator[Tag]:
    """The start and end tags of `text`, in order."""
    pos = 0
    while (lt := text.find("<", pos)) >= 0:
        pos = lt + 1
        if comment := _COMMENT.match(text, lt):  # no tags inside
            pos = comment.end()
        elif _BOGUS_COMMENT.match(text, lt):
            close = text.find(">", lt)
            pos = len(text) if close < 0 else close + 1
        elif start := _START.match(text, lt):
            closing = start.group() == "</"
            tag = _TAG.match(text, start.end())
            if tag is None:
                return  # open at the end of the text
            name, pos = tag.group(1).lower(), tag.end()
            if name == "plaintext" and not closing:  # the rest of the text is its text
                yield Tag(name, lt, len(text) - 1, closing=False)
                return
            if name in RAW_TEXT and not closing:
                end = _raw_text_end(text, name, pos)
                yield Tag(name, lt, (end or len(text)) - 1, closing=False)
                if end is None:
                    return
                pos = end
            else:
                yield Tag(name, lt, pos - 1, closing)

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
_NAME_AND_ATTRIBUTES = rf"""(?P<name>[a-zA-Z][^{_SPACE}/>]*+)
    (?: [{_SPACE}/]++
      | [^{_SPACE}/>][^{_SPACE}/>=]*+  # an attribute's name
        (?: [{_SPACE}]*+ = [{_SPACE}]*+ {_VALUE} | (?! [{_SPACE}]*+ = ) )
    )*+ >"""
_TAG = re.compile(_NAME_AND_ATTRIBUTES, re.X)
# from the next "<" that is not text: a comment ("<!-->" is a whole one), a bogus comment
# (up to the first ">"), a tag, or a tag still open at the end of the text; any other "<"
# is text ("</>" is nothing)
_NEXT = re.compile(
    rf"""<(?:
      (?P<comment> !-- (?: -?> | .*? (?: --!?> | \Z ) ) )
    | (?P<bogus> (?: [!?] | /(?![a-zA-Z>]) ) [^>]*+ >? )
    | (?P<closing>/)?+ {_NAME_AND_ATTRIBUTES}
    | (?P<open> /?[a-zA-Z] )
    )""",
    re.X | re.S,
)
_TEXT_AFTER = RAW_TEXT | {"plaintext"}  # start tags whose element's text holds no tags


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


def scan_tags(text: str, ends: bool = True) -> Iterator[Tag]:
    """The start and end tags of `text` (`ends`: else its start tags alone), in order."""
    search, pos = _NEXT.search, 0
    while found := search(text, pos):
        pos = found.end()
        name = found.group("name")
        if name is None:  # a comment (no tags inside), or a tag open at the end of the text
            if found.group("open") is not None:
                return
            continue
        if found.group("closing") is not None:
            if ends:
                yield Tag(name.lower(), found.start(), pos - 1, closing=True)
            continue
        name, lt = name.lower(), found.start()
        if name not in _TEXT_AFTER:
            yield Tag(name, lt, pos - 1, closing=False)
        elif name == "plaintext":  # the rest of the text is its text
            yield Tag(name, lt, len(text) - 1, closing=False)
            return
        else:
            end = _raw_text_end(text, name, pos)
            yield Tag(name, lt, (end or len(text)) - 1, closing=False)
            if end is None:
                return
            pos = end

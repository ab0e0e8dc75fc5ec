"""Bound how deep a page nests, for a page lxml cannot read whole (see parse.py).

libxml2 stops at 2,048 levels of elements; a page of 10,000 unclosed tags is read again with
its depth bounded here. Real pages nest a few dozen levels. Beyond WRAPPER_DEPTH, a tag that
only wraps another one is blanked out (with its end tag); beyond MAX_DEPTH every tag is. Text
stays, and every other character keeps its line and column, so a deep chain of wrappers keeps
the paragraphs and links at its bottom.
"""

from __future__ import annotations

import re

from auditor.page import tagscan

WRAPPER_DEPTH = 400
MAX_DEPTH = 500
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_WRAPS = re.compile(r"\s*<[a-zA-Z]")  # right after a start tag: it only wraps another tag


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def bound_depth(html: str) -> str:
    """`html` with the tags that open too deep (and their end tags) blanked out."""
    open_tags: list[str] = []
    open_counts: dict[str, int] = {}  # how many of each name are open
    dropped: dict[str, int] = {}  # start tags blanked out, by name, not yet closed
    cuts: list[tuple[int, int]] = []
    for tag in tagscan.scan_tags(html):
        name, span = tag.name, (tag.start, tag.end + 1)
        if tag.closing:
            if dropped.get(name):
                dropped[name] -= 1
                cuts.append(span)
            elif open_counts.get(name):  # as bs4 does: close it and all opened inside it
                while (top := open_tags.pop()) != name:
                    open_counts[top] -= 1
                open_counts[name] -= 1
            continue
        if name in tagscan.RAW_TEXT or name in VOID or html[tag.end - 1] == "/":
            continue
        depth = len(open_tags)
        if depth < WRAPPER_DEPTH or (depth < MAX_DEPTH and not _WRAPS.match(html, tag.end + 1)):
            open_tags.append(name)
            open_counts[name] = open_counts.get(name, 0) + 1
        else:
            dropped[name] = dropped.get(name, 0) + 1
            cuts.append(span)
    if not cuts:
        return html
    parts, last = [], 0
    for start, end in cuts:
        parts += [html[last:start], _blank(html[start:end])]
        last = end
    return "".join(parts) + html[last:]

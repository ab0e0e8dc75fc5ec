"""Bound how deep a page nests, for a page lxml cannot read whole (see parse.py).

libxml2 stops at 2,048 levels of elements; a page of 10,000 unclosed tags is read again with
its depth bounded here. Real pages nest a few dozen levels. Beyond WRAPPER_DEPTH, a tag that
only wraps another one is blanked out (with its end tag); beyond MAX_DEPTH every tag is. Text
stays, and every other character keeps its line and column, so a deep chain of wrappers keeps
the paragraphs and links at its bottom.
"""

from __future__ import annotations

import re

WRAPPER_DEPTH = 400
MAX_DEPTH = 500
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
RAW_TEXT = frozenset({"script", "style"})  # what Python's html.parser reads as raw text
_TAG = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][\w:.-]*)[^>]*>)")
_WRAPS = re.compile(r"\s*<[a-zA-Z]")  # right after a start tag: it only wraps another tag


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def bound_depth(html: str) -> str:
    """`html` with the tags that open too deep (and their end tags) blanked out."""
    open_tags: list[str] = []
    open_counts: dict[str, int] = {}  # how many of each name are open
    dropped: dict[str, int] = {}  # start tags blanked out, by name, not yet closed
    cuts: list[tuple[int, int]] = []
    pos = 0
    while match := _TAG.search(html, pos):
        pos = match.end()
        if match.group(1):  # a comment: skip to its end
            end = html.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
            continue
        closing, name = match.group(2), match.group(3).lower()
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                cuts.append(match.span())
            elif open_counts.get(name):  # as bs4 does: close it and all opened inside it
                while (top := open_tags.pop()) != name:
                    open_counts[top] -= 1
                open_counts[name] -= 1
            continue
        if name in RAW_TEXT:  # its content is text up to its end tag (or the end of the page)
            end = re.compile(rf"</{re.escape(name)}\s*>", re.I).search(html, pos)
            if end is None:
                break
            pos = end.end()
            continue
        if name in VOID or match.group().endswith("/>"):
            continue
        depth = len(open_tags)
        if depth < WRAPPER_DEPTH or (depth < MAX_DEPTH and not _WRAPS.match(html, pos)):
            open_tags.append(name)
            open_counts[name] = open_counts.get(name, 0) + 1
        else:
            dropped[name] = dropped.get(name, 0) + 1
            cuts.append(match.span())
    if not cuts:
        return html
    parts, last = [], 0
    for start, end in cuts:
        parts += [html[last:start], _blank(html[start:end])]
        last = end
    return "".join(parts) + html[last:]

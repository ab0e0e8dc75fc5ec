"""Styled title blocks act as headings on pages that mark up none below h1.

Page builders and hand-made sites often set a section's title in a `div` or `p` made bold or
given a class such as "title": such a page has no h2-h6, so no sections. On a page whose copy
has no h2-h6 at all, a block is a title (a heading of level 2, below the page's h1) when

- it is a paragraph of its own: a `p`, `div` or `summary` whose whole text it is (no list item,
  cell or quote), of at most MAX_TITLE_CHARS characters, not ending like a sentence or a lead-in
  (".", ",", ";", ":");
- it stands out: all its text is bold (`b`, `strong`, an inline font-weight of 600 or more)
  or a class token of the element or its only child names a title or heading; and
- longer copy follows: the next block is a paragraph or list item of at least
  MIN_FOLLOWING_CHARS characters, longer than the title.

MAX_TITLE_CHARS: real section titles are a few words (the longest h2 on the corpus's sites is
about 70 characters); MIN_FOLLOWING_CHARS is about one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from auditor.model import Block

Tag = etree._Element

MAX_TITLE_CHARS = 80
MIN_FOLLOWING_CHARS = 60
TITLE_TAGS = frozenset({"p", "div", "summary"})
MAX_ELEMENTS = 12  # a title element holds a few inline elements, not a subtree
_BOLD_TAGS = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_TITLE_CLASS = re.compile(r"title|heading|headline|titel|kop(?:je)?\b|ueberschrift", re.I)
_SENTENCE_END = (".", ",", ";", ":", "\u2026")


def _is_bold(tag: Tag) -> bool:
    return tag.tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(str(tag.get("style") or "")))


def _names_title(tag: Tag) -> bool:
    return bool(_TITLE_CLASS.search(str(tag.get("class") or "")[:500]))


def stands_out(tag: Tag, text: str, clean: Callable[[str], str]) -> bool:
    """Is `text` the whole text of `tag`, set in bold or under a class naming a title?

    Reads at most MAX_ELEMENTS elements: a title is a small element."""
    parts: list[str] = []
    bold: list[str] = []
    in_bold: dict[Tag, bool] = {}  # is the text inside this element bold?
    for n, el in enumerate(tag.iter(etree.Element)):
        if n >= MAX_ELEMENTS:
            return False
        parent = el.getparent()
        outer = in_bold.get(parent, False) if el is not tag and parent is not None else False
        in_bold[el] = outer or _is_bold(el)
        for piece, bolded in ((el.text, in_bold[el]), (el.tail if el is not tag else None, outer)):
            if piece:
                parts.append(piece)
                if bolded:
                    bold.append(piece)
    if clean("".join(parts)) != text:
        return False
    children = list(tag.iterchildren(etree.Element))
    named = _names_title(tag) or (len(children) == 1 and _names_title(children[0]))
    return named or "".join("".join(bold).split()) == "".join(text.split())


def promote_titles(blocks: list[Block], candidates: list[int]) -> None:
    """Make the candidate title blocks headings where the page has no h2-h6, and set every
    block's section again."""
    if not candidates or any(b.kind == "heading" and b.level >= 2 for b in blocks):
        return
    promoted = False
    for i in candidates:
        title = blocks[i]
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            following is None
            or following.kind not in ("paragraph", "item")
            or len(following.text) < max(MIN_FOLLOWING_CHARS, len(title.text) + 1)
        ):
            continue
        title.kind, title.level = "heading", 2
        promoted = True
    if promoted:
        section = ""
        for block in blocks:
            if block.kind == "heading":
                section = block.text
            block.section = section


def is_title_text(text: str) -> bool:
    """Short, and not ending like a sentence or a lead-in."""
    return len(text) <= MAX_TITLE_CHARS and not text.endswith(_SENTENCE_END)

"""Styled title blocks act as headings on pages that mark up none below h1, and in cards.

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

On a page that has headings, such a title still acts as one (a level below the heading before
it) when it stands in a card: one of two or more sibling elements of the same tag and class
(a builder's repeated offer or service cards), each holding a title of the same kind with copy
under it. A lone bold line between paragraphs stays a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from auditor.page.model import Block

Tag = etree._Element

MAX_TITLE_CHARS = 80
MIN_FOLLOWING_CHARS = 60
TITLE_TAGS = frozenset({"p", "div", "summary"})
MAX_ELEMENTS = 12  # a title element holds a few inline elements, not a subtree
MAX_CARD_DEPTH = 4  # how far above a title its card may be
MAX_SIBLINGS = 50  # a card's parent holds a few cards, not a page of elements
Card = tuple[int, str, str]  # the cards' parent (its id), their tag and class
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


def card_of(tag: Tag) -> Card | None:
    """The card a title stands in: an ancestor (up to MAX_CARD_DEPTH above it) that has a
    sibling of the same tag and class."""
    element = tag.getparent()
    for _ in range(MAX_CARD_DEPTH):
        parent = element.getparent() if element is not None else None
        if element is None or parent is None:
            return None
        cls = str(element.get("class") or "")
        if cls and len(parent) <= MAX_SIBLINGS:
            same = sum(1 for c in parent if c.tag == element.tag and c.get("class") == cls)
            if same >= 2:
                return id(parent), str(element.tag), cls
        element = parent
    return None


def _titles_copy(blocks: list[Block], i: int) -> bool:
    """Longer copy follows the title at `i`."""
    title = blocks[i]
    following = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        following is not None
        and following.kind in ("paragraph", "item")
        and len(following.text) >= max(MIN_FOLLOWING_CHARS, len(title.text) + 1)
    )


def _card_titles(blocks: list[Block], candidates: list[int], cards: dict[int, Card]) -> list[int]:
    """The candidates that title two or more cards of one kind, each over its own copy."""
    groups: dict[Card, list[int]] = {}
    for i in candidates:
        if (card := cards.get(i)) is not None and _titles_copy(blocks, i):
            groups.setdefault(card, []).append(i)
    return sorted(i for group in groups.values() if len(group) >= 2 for i in group)


def promote_titles(
    blocks: list[Block], candidates: list[int], cards: dict[int, Card] | None = None
) -> None:
    """Make the candidate title blocks headings where the page has no h2-h6, or where they
    title repeated cards, and set every block's section again."""
    if not candidates:
        return
    if not any(b.kind == "heading" and b.level >= 2 for b in blocks):
        titles = [i for i in candidates if _titles_copy(blocks, i)]
    else:
        titles = _card_titles(blocks, candidates, cards or {})
    levels, above = {}, 1  # each title one level below the real heading before it
    for block in blocks:
        if block.index in titles:
            levels[block.index] = min(above + 1, 6)
        elif block.kind == "heading":
            above = block.level
    for i, level in levels.items():
        blocks[i].kind, blocks[i].level = "heading", level
    if titles:
        section = ""
        for block in blocks:
            if block.kind == "heading":
                section = block.text
            block.section = section


def is_title_text(text: str) -> bool:
    """Short, and not ending like a sentence or a lead-in."""
    return len(text) <= MAX_TITLE_CHARS and not text.endswith(_SENTENCE_END)

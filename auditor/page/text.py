"""The text of elements: their strings joined, cleaned, or only the start of a long one."""

from __future__ import annotations

import re

from lxml import etree

Tag = etree._Element

_WS = re.compile(r"\s+")
WORD = re.compile(r"\w")
# control characters, and lone surrogates (from character references like &#xD800;)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# the text nodes of a subtree, but those of script, style and template (not the tag's text)
_STRINGS = etree.XPath(
    "descendant-or-self::text()[not(parent::script or parent::style or parent::template"
    " or parent::rt or parent::rp)]",
    smart_strings=False,
)


def clean(text: str) -> str:
    """Collapse white space and drop control characters."""
    return _WS.sub(" ", _CONTROL.sub(" ", text)).strip()


def clean_start(text: str, limit: int) -> str:
    """clean(text), or a start of it longer than `limit` with a word in it: its first `limit`
    characters are clean(text)'s (white space is collapsed and stripped, never added), and a
    5 MB paragraph is not cleaned whole to keep 200,000 characters of it."""
    if len(text) > 2 * limit + 1000:
        start = clean(text[: 2 * limit + 1000])
        if len(start) > limit and WORD.search(start):
            return start
    return clean(text)


def text_of(tag: Tag) -> str:
    """The strings in a tag, joined by spaces (as bs4's get_text(" "): no script or style)."""
    return " ".join(_STRINGS(tag))


_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})


def text_start(tag: Tag, limit: int = 500) -> str:
    """The start of text_of(tag), reading no further than `limit` characters: a label, not
    the page an unclosed <button> or <label> swallows (read once per such element)."""
    pieces: list[str] = []
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text:
            pieces.append(text)
            size += len(text) + 1

    add(tag.text if tag.tag not in _NOT_TEXT else None)
    stack = [(tag, iter(tag))]  # the open elements, with their children still to read
    while stack and size <= limit:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and stack[-1][0].tag not in _NOT_TEXT:
                add(element.tail)
        elif isinstance(child.tag, str):
            add(child.text if child.tag not in _NOT_TEXT else None)
            stack.append((child, iter(child)))
        elif element.tag not in _NOT_TEXT:  # a comment: no text of its own, but what follows
            add(child.tail)
    return " ".join(pieces)[:limit]


def primary_language(tag: str) -> str:
    """The language of a language tag ("en-GB" -> "en"), lower case."""
    return tag.strip().lower().replace("_", "-").split("-")[0]

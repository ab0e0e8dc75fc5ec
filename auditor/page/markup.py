"""Markup knowledge (rules/markup.yml) compiled into matchers of builders' classes and ids."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from lxml import etree

from auditor.page.form_fields import email_pattern

Tag = etree._Element

KNOWN_CLASSES = 4096  # class attributes whose matches a class matcher remembers
KNOWN_CLASS_CHARS = 300  # longer class attributes are matched each time


def classes_of(tag: Tag) -> str:
    """A tag's class attribute, its first 5,000 characters: a real one has a few classes, a
    hostile one megabytes, read again for every link inside it."""
    return (tag.get("class") or "")[:5000]


def _token_pattern(patterns: list[str]) -> re.Pattern[str]:
    """Matches (fullmatch) a class token that a pattern matches ("*": any characters)."""
    tokens = (r"\S*".join(map(re.escape, p.split("*"))) for p in patterns)
    return re.compile(f"(?:{'|'.join(tokens)})" if patterns else r"(?!x)x")


def _token_search(patterns: list[str]) -> Callable[[str], re.Match[str] | None]:
    """Finds a white-space separated token that matches a pattern ("*": any characters)."""
    return re.compile(rf"(?<!\S){_token_pattern(patterns).pattern}(?!\S)").search


# what a class attribute can make an element, one bit each (Markup.flags)
SKIP, CLONE, TESTIMONIAL, SECTION, PANEL, BUTTON, NOT_BUTTON = (1 << bit for bit in range(7))


class ClassFlags:
    """Which of the markup's class lists one of a class attribute's tokens matches, as bits.

    A site repeats a few hundred class attributes and tokens on every page: the bits of each
    attribute and of each token are kept (up to KNOWN_CLASSES short ones of each; a memo
    starts again when it is full). A builder gives each element a token of its own
    ("elementor-element-3f2a1b"): its attribute is new, but only that token is matched."""

    def __init__(self, lists: dict[int, list[str]]) -> None:
        self.patterns = [
            (bit, _token_pattern(patterns).fullmatch) for bit, patterns in lists.items()
        ]
        self.any = _token_pattern([p for patterns in lists.values() for p in patterns]).fullmatch
        self.known: dict[str, int] = {}  # class attribute -> bits
        self.tokens: dict[str, int] = {}  # class token -> bits

    def __call__(self, classes: str) -> int:
        """The bits of the lists that one of the tokens of `classes` matches."""
        flags = self.known.get(classes)
        if flags is None:
            flags = 0
            for token in classes.split():
                flags |= self._token(token)
            _remember(self.known, classes, flags)
        return flags

    def _token(self, token: str) -> int:
        flags = self.tokens.get(token)
        if flags is None:
            flags = 0
            if self.any(token) is not None:  # most tokens are in none of the lists
                for bit, fullmatch in self.patterns:
                    if fullmatch(token) is not None:
                        flags |= bit
            _remember(self.tokens, token, flags)
        return flags


def _remember(memo: dict[str, int], key: str, flags: int) -> None:
    """Keep a short key's bits (a memo that is full starts again)."""
    if len(key) <= KNOWN_CLASS_CHARS:
        if len(memo) >= KNOWN_CLASSES:
            memo.clear()
        memo[key] = flags


def _class_or_id_matcher(patterns: list[str]) -> Callable[[Tag], bool]:
    """Does a tag's id, or one of its class tokens, match a pattern?"""
    search = _token_search([p.lower() for p in patterns])

    def matches(tag: Tag) -> bool:
        words = f"{classes_of(tag)} {str(tag.get('id') or '')[:500]}".lower()
        return not words.isspace() and search(words) is not None

    return matches


class Markup:
    """Markup knowledge (rules/markup.yml) compiled into matchers."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        not_copy = data["not_copy"]
        self.skip_tags = frozenset(not_copy["tags"])
        self.skip_ids = frozenset(not_copy["ids"])
        self.class_flags = ClassFlags({
            SKIP: not_copy["classes"], CLONE: data["clone_classes"],
            TESTIMONIAL: data["testimonial_classes"], SECTION: data["section_classes"],
            PANEL: data["hidden"]["panel_classes"], BUTTON: data["button_classes"],
            NOT_BUTTON: data["not_button_classes"],
        })  # fmt: skip
        self.review_hosts = tuple(data["review_hosts"])
        self.hidden_not_copy = _class_or_id_matcher(data["hidden"]["not_copy"])
        self.email_field = email_pattern(data["email_field_words"])
        self.js_shell: Mapping[str, Any] = data["js_shell"]

    def flags(self, tag: Tag) -> int:
        """The class lists (SKIP, CLONE, ... bits) that one of the tag's classes matches."""
        classes = classes_of(tag)
        return self.class_flags(classes) if classes else 0

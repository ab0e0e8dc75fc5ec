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


def _token_search(patterns: list[str]) -> Callable[[str], re.Match[str] | None]:
    """Finds a white-space separated token that matches a pattern ("*": any characters)."""
    tokens = (r"\S*".join(map(re.escape, p.split("*"))) for p in patterns)
    return re.compile(rf"(?<!\S)(?:{'|'.join(tokens)})(?!\S)").search


def _class_matcher(patterns: list[str]) -> Callable[[Tag], bool]:
    """Does one of a tag's class tokens match a pattern ("*" stands for any characters)?

    A site repeats a few hundred class attributes on every page: each one's answer is kept
    (up to KNOWN_CLASSES short ones; the memo starts again when it is full)."""
    search = _token_search(patterns)
    known: dict[str, bool] = {}

    def matches(tag: Tag) -> bool:
        classes = classes_of(tag)
        if not classes:
            return False
        hit = known.get(classes)
        if hit is None:
            hit = search(classes) is not None
            if len(classes) <= KNOWN_CLASS_CHARS:
                if len(known) >= KNOWN_CLASSES:
                    known.clear()
                known[classes] = hit
        return hit

    return matches


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
        self.skip_tags = set(not_copy["tags"])
        self.skip_ids = set(not_copy["ids"])
        self.skip_class = _class_matcher(not_copy["classes"])
        self.button_class = _class_matcher(data["button_classes"])
        self.not_button_class = _class_matcher(data["not_button_classes"])
        self.testimonial_class = _class_matcher(data["testimonial_classes"])
        self.review_hosts = tuple(data["review_hosts"])
        self.panel_class = _class_matcher(data["hidden"]["panel_classes"])
        self.hidden_not_copy = _class_or_id_matcher(data["hidden"]["not_copy"])
        self.clone_class = _class_matcher(data["clone_classes"])
        self.email_field = email_pattern(data["email_field_words"])
        self.section_class = _class_matcher(data["section_classes"])
        self.js_shell: Mapping[str, Any] = data["js_shell"]

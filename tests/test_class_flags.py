"""Markup.flags: an element's class matched once against every class list of rules/markup.yml,
by token, gives what a search of the whole attribute for a token of each list gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.markup import (
    BUTTON,
    CLONE,
    NOT_BUTTON,
    PANEL,
    SECTION,
    SKIP,
    TESTIMONIAL,
    ClassFlags,
    Markup,
)

PATTERNS = ["cky-*", "*-clone", "*slide*", "sr-only", "a*b", "btn"]


def _searched(patterns: list[str], classes: str) -> bool:
    """The plain definition: a white-space separated token that a pattern matches whole."""
    tokens = (r"\S*".join(map(re.escape, p.split("*"))) for p in patterns)
    regex = re.compile(rf"(?<!\S)(?:{'|'.join(tokens)})(?!\S)")
    return regex.search(classes) is not None


PIECES = st.sampled_from(
    ["cky-", "banner", "-clone", "slide", "sr-only", "a", "b", "ab", "axb", "btn", "btn-x",
     "x", " ", "  ", "\t", "\n", "\u00a0", "-", "é"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12))
def test_flags_equal_a_search_of_the_whole_attribute(pieces: list[str]) -> None:
    classes = "".join(pieces)
    flags = ClassFlags({1 << i: [p] for i, p in enumerate(PATTERNS)})
    for _ in range(2):  # the second time from the memo
        bits = flags(classes)
        for i, pattern in enumerate(PATTERNS):
            assert bool(bits & (1 << i)) == _searched([pattern], classes), (pattern, classes)


def test_an_empty_list_matches_nothing() -> None:
    assert ClassFlags({1: []})(" a  b ") == 0


def _tag(classes: str) -> etree._Element:
    return etree.fromstring(f'<div class="{classes}"></div>')


def test_bundled_lists_give_their_bits() -> None:
    m = Markup(load_knowledge().markup)
    assert m.flags(_tag("elementor-element elementor-element-3f2a1b")) == 0
    assert m.flags(_tag("x cmplz-cookiebanner")) & SKIP
    assert m.flags(_tag("slick-slide slick-cloned")) & CLONE
    assert m.flags(etree.fromstring("<div></div>")) == 0
    bundled = load_knowledge().markup
    lists = {
        SKIP: bundled["not_copy"]["classes"], CLONE: bundled["clone_classes"],
        TESTIMONIAL: bundled["testimonial_classes"], SECTION: bundled["section_classes"],
        PANEL: bundled["hidden"]["panel_classes"], BUTTON: bundled["button_classes"],
        NOT_BUTTON: bundled["not_button_classes"],
    }  # fmt: skip
    for bit, patterns in lists.items():
        for pattern in patterns:
            token = pattern.replace("*", "x")
            assert m.flags(_tag(f"first {token} last")) & bit, (pattern, token)

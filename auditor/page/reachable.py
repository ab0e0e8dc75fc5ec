"""Hidden markup that a reader can still reach: tab and accordion panels, read-more windows.

Inline `display:none` or `visibility:hidden`, the `hidden` attribute and `aria-hidden="true"`
hide copy that a click reveals (a tab, an accordion panel, a "read more" window) as well as
things that are never copy (an icon, a honeypot field, a "thank you" message, a closed menu).
A hidden element is read as copy when it holds words, is not mostly link text (a menu), is no
live message (role alert or status, aria-live: a form's feedback) and does not name a cookie or
consent banner, and

- the page opens it: an in-page link (`href="#id"`), `aria-controls`, `data-target` or
  `data-bs-target` names its id, or it is marked up as a panel (`role="tabpanel"`,
  `aria-labelledby`, a builder's tab or accordion class from rules/markup.yml); or
- it holds a heading or paragraph and at least MIN_HIDDEN_COPY characters of text.

MIN_HIDDEN_COPY: the messages and placeholders that pages hide until a form is sent ("Thank
you, I'll get back to you within a few days", "Oops, something went wrong") are one or two
sentences, under 250 characters in the corpus; a panel of copy is a paragraph or more. 300
characters is about 50 words, a short paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

Tag = etree._Element

MIN_HIDDEN_COPY = 300  # characters of text in a hidden element with no sign that it opens
MAX_LINK_SHARE = 0.5  # more of its text in links than this: a menu, not copy
MEASURE_CHARS = 2_000  # a hidden element is measured on its first characters and elements
MEASURE_ELEMENTS = 400  # (so that hidden elements nested in hidden ones stay linear)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORD = re.compile(r"\w")
_COPY_ELEMENTS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "dd"})
_NOT_TEXT = frozenset({"script", "style", "template", "noscript", "svg"})
_OPENERS = ("aria-controls", "data-target", "data-bs-target")


def is_hidden(tag: Tag) -> bool:
    """Does the element's own markup hide it (not its stylesheet, which is not read)?"""
    if "hidden" in tag.attrib or tag.get("aria-hidden") == "true":
        return True
    if tag.tag == "input" and str(tag.get("type", "")).lower() == "hidden":
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _measure(tag: Tag) -> tuple[int, int, bool]:
    """Characters of text (in strings with a word), of them in links, and whether a heading or
    paragraph holds some: of the element's first MEASURE_CHARS characters and MEASURE_ELEMENTS
    elements."""
    chars = link_chars = elements = 0
    links = skipped = copy = 0  # open <a>, not-text and copy elements around the current node
    copy_element = False
    for event, node in etree.iterwalk(tag, events=("start", "end")):
        name = node.tag if isinstance(node.tag, str) else ""
        step = 1 if event == "start" else -1
        links += step * (name == "a")
        skipped += step * (name in _NOT_TEXT)
        copy += step * (name in _COPY_ELEMENTS)
        if event == "start":
            elements += 1
            text = node.text if name else None
        else:
            text = node.tail if node is not tag else None
        if text and not skipped and _WORD.search(text):
            size = len(text.strip())
            chars += size
            link_chars += size if links else 0
            copy_element = copy_element or copy > 0
        if chars >= MEASURE_CHARS or elements >= MEASURE_ELEMENTS:
            break
    return chars, link_chars, copy_element


class Reachable:
    """Decides, for the hidden elements of one document, which are copy a reader can reach."""

    def __init__(
        self, root: Tag, panel: Callable[[Tag], bool], not_copy: Callable[[Tag], bool]
    ) -> None:
        self.root = root
        self.panel = panel  # a builder's tab or accordion panel class
        self.not_copy = not_copy  # names a cookie or consent banner
        self._opened: set[str] | None = None

    def opened(self) -> set[str]:
        """The ids that something on the page opens (read once, when first needed)."""
        if self._opened is None:
            ids: set[str] = set()
            for el in self.root.iter(etree.Element):
                href = el.get("href")
                if href and href.startswith("#"):
                    ids.add(href[1:])
                for name in _OPENERS:
                    if value := el.get(name):
                        ids.update(v.lstrip("#") for v in value.split())
            self._opened = ids
        return self._opened

    def is_copy(self, tag: Tag) -> bool:
        """Is this hidden element copy a reader reaches (see the module's docstring)?"""
        if tag.tag == "input" or self.not_copy(tag) or tag.get("aria-live"):
            return False
        if tag.get("role") in ("alert", "status", "alertdialog"):
            return False
        chars, link_chars, copy_element = _measure(tag)
        if not chars or link_chars > chars * MAX_LINK_SHARE:
            return False
        tag_id = tag.get("id")
        opens = (
            tag.get("role") == "tabpanel"
            or tag.get("aria-labelledby") is not None
            or self.panel(tag)
            or (tag_id is not None and tag_id in self.opened())
        )
        return opens or (copy_element and chars >= MIN_HIDDEN_COPY)

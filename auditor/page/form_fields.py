"""What an input field asks for, read from its markup: is it an e-mail field?

A field asks for an e-mail address when it is `type="email"`, or a text-like field (any type
a visitor types a line into: text, none, tel, search, url, or one a browser does not know)
whose name, id, placeholder, aria-label, autocomplete or <label> (by `for=` or around it) holds
an e-mail word of rules/markup.yml. The words, not the type, decide: builders emit e-mail
fields as `type="text"` and even `type="tel"`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

Tag = etree._Element

NOT_TEXT_TYPES = frozenset({
    "hidden", "checkbox", "radio", "submit", "button", "image", "reset", "file", "password",
    "number", "range", "color", "date", "datetime-local", "month", "week", "time",
})  # fmt: skip
_OWN_WORDS = ("name", "id", "placeholder", "aria-label", "autocomplete", "title")
MAX_LABEL_DEPTH = 8  # a <label> around a field is one of its nearest ancestors


def email_pattern(words: list[str]) -> re.Pattern[str]:
    """One pattern for the e-mail words (found anywhere in a word, any case)."""
    return re.compile("|".join(re.escape(w) for w in words), re.I)


class FieldReader:
    """Reads the input fields of one document; its labels are gathered once, when needed."""

    def __init__(self, root: Tag, pattern: re.Pattern[str], text_of: Callable[[Tag], str]):
        self.root = root
        self.pattern = pattern
        self.text_of = text_of
        self._labels: dict[str, str] | None = None
        self._around: dict[Tag, bool] = {}  # <label>s around a field: do they name e-mail?

    def labels(self) -> dict[str, str]:
        """The text of each <label for=...>, by the id it names."""
        if self._labels is None:
            self._labels = {}
            for label in self.root.iter("label"):
                target = label.get("for")
                if target:
                    self._labels.setdefault(target, self.text_of(label))
        return self._labels

    def is_email(self, tag: Tag) -> bool:
        """Does this <input> ask for an e-mail address?"""
        kind = str(tag.get("type") or "text").strip().lower()
        if kind == "email":
            return True
        if kind in NOT_TEXT_TYPES:
            return False
        own = " ".join(str(tag.get(a) or "")[:500] for a in _OWN_WORDS)
        if self.pattern.search(own):
            return True
        field_id = tag.get("id")
        if field_id and self.pattern.search(self.labels().get(field_id, "")):
            return True
        for depth, parent in enumerate(tag.iterancestors()):
            if depth >= MAX_LABEL_DEPTH or parent.tag == "form":
                break
            if parent.tag == "label":
                if parent not in self._around:
                    text = self.text_of(parent)
                    self._around[parent] = self.pattern.search(text) is not None
                return self._around[parent]
        return False

"""Inline suppressions in a page's HTML, recorded while the parser walks it.

`<!-- auditor-disable RULE[, RULE] -- reason -->` ... `<!-- auditor-enable RULE -->`,
`<!-- auditor-disable-next RULE -->` (the next element and its subtree) and the attribute
`data-auditor-ignore="RULE"` (its element's subtree). No rule, or `all`, means every rule.
A directive covers the elements (blocks, links, forms) that start inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from auditor.page.model import Directive

ATTRIBUTE = "data-auditor-ignore"
_DIRECTIVE = re.compile(r"\s*auditor-([\w-]*)(.*)", re.S)

Position = dict[str, int]  # element kind -> how many of them have started so far


def _rules(text: str) -> list[str | None]:
    """The rule ids of a directive; [None] (every rule) for none or `all`."""
    ids = [r for r in re.split(r"[\s,]+", text) if r]
    return [None] if not ids or "all" in ids else list(dict.fromkeys(ids))


def _spans(start: Position, stop: Position) -> dict[str, tuple[int, int]]:
    return {kind: (start[kind], stop[kind]) for kind in start}


class DirectiveRecorder:
    """Collects the directives of one page: told of comments, and of elements entered and left.

    `position` says how many elements of each kind have started so far; `source` is the HTML,
    to find the line of a comment (the parser keeps lines for tags only). `original` is the
    HTML as decoded, when the parser read `source` with its lone "\r" made spaces (the same
    length): a directive's text is taken from it, as written.
    """

    def __init__(
        self, position: Callable[[], Position], source: str, original: str | None = None
    ) -> None:
        self.position = position
        self.source = source
        self.original = original
        self.cursor = 0  # where the search for the next directive starts
        self.line, self.line_start = 1, 0  # the line at the cursor, and where that line starts
        self.directives: list[Directive] = []
        # disables waiting for their enable, by rule (None: all rules), in order of opening
        self.open: dict[str | None, list[tuple[int, Directive, Position]]] = {}
        self.opened = 0  # how many disables were opened
        self.next: list[Directive] = []  # disable-next waiting for the next element
        self.elements: dict[int, tuple[list[Directive], Position]] = {}  # by id() of the tag

    def _locate(self, comment: str) -> tuple[str, int | None, int | None]:
        """The comment as written in the original, and the line and column of its `<!--`."""
        at = self.source.find(f"<!--{comment}", self.cursor)
        if at == -1:
            return comment, None, None
        # counted on from the last directive: a page of many directives stays linear
        self.line += self.source.count("\n", self.cursor, at)
        self.line_start = max(self.line_start, self.source.rfind("\n", self.cursor, at) + 1)
        self.cursor = at + 4
        if self.original is not None:
            comment = self.original[at + 4 : at + 4 + len(comment)]
        return comment, self.line, at - self.line_start + 1

    def comment(self, comment: str) -> None:
        """A comment in the page: record it when it is a directive."""
        if not _DIRECTIVE.fullmatch(comment):
            return
        comment, line, column = self._locate(comment)
        match = _DIRECTIVE.fullmatch(comment)
        if not match:
            return
        word, rest = match.groups()
        rules_text, _, reason = rest.partition("--")
        text = " ".join(comment.split())

        def made(kind: str, rule: str | None) -> Directive:
            return Directive(kind, rule, text, reason.strip(), line, column)

        if word == "disable":
            for rule in _rules(rules_text):
                self.opened += 1
                self.open.setdefault(rule, []).append(
                    (self.opened, made("disable", rule), self.position())
                )
        elif word == "disable-next":
            self.next += [made("disable-next", rule) for rule in _rules(rules_text)]
        elif word == "enable":
            for rule in _rules(rules_text):
                if not self._close(rule):
                    self.directives.append(made("enable", rule))
        else:
            self.directives.append(made("unknown", None))

    def _close(self, rule: str | None) -> bool:
        """End the open disables of `rule` (None: all of them); False when there was none.

        Looked up by rule, so that a page of many disables and enables stays linear."""
        if rule is None:
            closing = sorted(entry for entries in self.open.values() for entry in entries)
            self.open = {}
        else:
            closing = self.open.pop(rule, [])
        stop = self.position()
        for _, directive, start in closing:
            directive.spans = _spans(start, stop)
            self.directives.append(directive)
        return bool(closing)

    def enter(
        self, tag: etree._Element, at: Callable[[etree._Element], tuple[int | None, int | None]]
    ) -> None:
        """An element starts (`at(tag)`: the line and column of its `<`, asked only when it
        carries a directive): it is what waiting disable-next directives and its attribute
        cover."""
        value = tag.get(ATTRIBUTE)
        if value is None and not self.next:
            return
        covering, self.next = self.next, []
        if value is not None:
            text = f'{ATTRIBUTE}="{value}"'
            covering += [Directive("attribute", rule, text, "", *at(tag)) for rule in _rules(value)]
        if covering:
            self.elements[id(tag)] = (covering, self.position())

    def exit(self, tag: etree._Element) -> None:
        """An element ends: so do the directives that cover it."""
        if self.elements and id(tag) in self.elements:
            covering, start = self.elements.pop(id(tag))
            for directive in covering:
                directive.spans = _spans(start, self.position())
                self.directives.append(directive)

    def finish(self) -> list[Directive]:
        """Every directive of the page in source order; open disables run to the end."""
        self._close(None)
        end = self.position()
        for directive in self.next:  # nothing came after it
            directive.spans = _spans(end, end)
            self.directives.append(directive)
        self.next = []
        return sorted(self.directives, key=lambda d: (d.line or 0, d.column or 0))

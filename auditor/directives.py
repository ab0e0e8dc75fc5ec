"""Inline suppressions in a page's HTML, recorded while the parser walks it.

`<!-- auditor-disable RULE[, RULE] -- reason -->` ... `<!-- auditor-enable RULE -->`,
`<!-- auditor-disable-next RULE -->` (the next element and its subtree) and the attribute
`data-auditor-ignore="RULE"` (its element's subtree). No rule, or `all`, means every rule.
A directive covers the elements (blocks, links, forms) that start inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import Tag

from auditor.model import Directive

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
    to find the line of a comment (the parser keeps lines for tags only).
    """

    def __init__(self, position: Callable[[], Position], source: str) -> None:
        self.position = position
        self.source = source
        self.cursor = 0  # where the search for the next directive starts
        self.line, self.line_start = 1, 0  # the line at the cursor, and where that line starts
        self.directives: list[Directive] = []
        self.open: list[tuple[Directive, Position]] = []  # disables waiting for their enable
        self.next: list[Directive] = []  # disable-next waiting for the next element
        self.elements: dict[int, tuple[list[Directive], Position]] = {}  # by id() of the tag

    def _locate(self, comment: str) -> tuple[int | None, int | None]:
        at = self.source.find(f"<!--{comment}", self.cursor)
        if at == -1:
            return None, None
        # counted on from the last directive: a page of many directives stays linear
        self.line += self.source.count("\n", self.cursor, at)
        self.line_start = max(self.line_start, self.source.rfind("\n", self.cursor, at) + 1)
        self.cursor = at + 4
        return self.line, at - self.line_start + 1

    def comment(self, comment: str) -> None:
        """A comment in the page: record it when it is a directive."""
        match = _DIRECTIVE.fullmatch(comment)
        if not match:
            return
        word, rest = match.groups()
        rules_text, _, reason = rest.partition("--")
        line, column = self._locate(comment)
        text = " ".join(comment.split())

        def made(kind: str, rule: str | None) -> Directive:
            return Directive(kind, rule, text, reason.strip(), line, column)

        if word == "disable":
            self.open += [(made("disable", rule), self.position()) for rule in _rules(rules_text)]
        elif word == "disable-next":
            self.next += [made("disable-next", rule) for rule in _rules(rules_text)]
        elif word == "enable":
            for rule in _rules(rules_text):
                if not self._close(rule):
                    self.directives.append(made("enable", rule))
        else:
            self.directives.append(made("unknown", None))

    def _close(self, rule: str | None) -> bool:
        """End the open disables of `rule` (None: all of them); False when there was none."""
        closing = [(d, start) for d, start in self.open if rule is None or d.rule == rule]
        stop = self.position()
        for directive, start in closing:
            directive.spans = _spans(start, stop)
            self.directives.append(directive)
        closed = {id(d) for d, _ in closing}
        self.open = [(d, start) for d, start in self.open if id(d) not in closed]
        return bool(closing)

    def enter(self, tag: Tag) -> None:
        """An element starts: it is what waiting disable-next directives and its attribute cover."""
        covering, self.next = self.next, []
        if tag.has_attr(ATTRIBUTE):
            value = str(tag.get(ATTRIBUTE) or "")
            text = f'{ATTRIBUTE}="{value}"'
            covering += [
                Directive("attribute", rule, text, "", tag.sourceline,
                          tag.sourcepos + 1 if tag.sourcepos is not None else None)
                for rule in _rules(value)
            ]  # fmt: skip
        if covering:
            self.elements[id(tag)] = (covering, self.position())

    def exit(self, tag: Tag) -> None:
        """An element ends: so do the directives that cover it."""
        if id(tag) in self.elements:
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

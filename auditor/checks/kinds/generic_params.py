"""The params of the generic check kinds (users' own rules): read, validated, one-line errors.

Every generic kind takes `roles` (the page roles it looks at; default every page) and `region`
(`opening`, `main` or `ending` of the page's own copy; default `main`). Phrases are given as a
list (any language), a mapping of language to list, or `{lexicon: KEY}` (a lexicon's list).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from auditor.checks.kinds.coverage import missing_pages
from auditor.checks.kinds.homepage_opening import opening
from auditor.checks.kinds.own_copy import own_copy
from auditor.checks.rule import NotChecked
from auditor.lexicons.lexicon import Lexicon, Phrases
from auditor.lexicons.schema import PHRASE_LISTS
from auditor.page.model import Block, Page
from auditor.site.model import Site
from auditor.site.roles import ROLES

REGIONS = ("opening", "main", "ending")
COMMON = ("roles", "region")
OPENING_WORDS = 150  # the opening: the first section, at most this many words
ENDING_BLOCKS = 3  # the ending: the last blocks of the page's own copy


@cache
def _compiled(phrases: tuple[str, ...]) -> Phrases:
    return Phrases(phrases)


@dataclass(frozen=True)
class PhraseSet:
    """Phrases from a rule's params: the same in every language, per language, or a lexicon's."""

    everywhere: tuple[str, ...] = ()
    by_lang: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lexicon_key: str | None = None

    def for_page(self, page: Page, lex: Lexicon) -> Phrases | None:
        """The phrases for the page's language; None when the rule has none for it."""
        if self.lexicon_key:
            return lex[self.lexicon_key]
        if self.by_lang:
            phrases = self.by_lang.get(page.lang)
            return _compiled(phrases) if phrases else None
        return _compiled(self.everywhere)


@dataclass(frozen=True)
class Scope:
    """Which pages a rule reads (by role) and which part of each (its region)."""

    roles: frozenset[str] | None
    region: str

    def pages(self, site: Site) -> list[Page]:
        """The pages of the rule's roles whose copy can be read (JavaScript shells left out)."""
        return [
            p for p in site.pages if (self.roles is None or p.role in self.roles) and not p.js_shell
        ]

    def missing(self, site: Site) -> NotChecked:
        """Why the rule has no page to read: its pages are JavaScript shells or unreadable,
        or no page has its roles."""
        roles = ", ".join(sorted(self.roles or ROLES))
        return missing_pages(
            site, self.roles or ROLES, NotChecked("no_pages", params={"roles": roles})
        )

    def blocks(self, page: Page, lex: Lexicon) -> list[Block]:
        """The page's own copy in the region (quotes and testimonials left out)."""
        if self.region == "opening":
            return opening(page, 1, OPENING_WORDS)
        copy = own_copy(page, lex)
        return copy[-ENDING_BLOCKS:] if self.region == "ending" else copy

    def block_range(self, page: Page, lex: Lexicon) -> tuple[float, float]:
        """The block indexes (inclusive) that links and forms in the region stand at."""
        blocks = self.blocks(page, lex)
        if self.region == "opening":
            return -1, (blocks[-1].index + 1 if blocks else 0)
        if self.region == "ending":
            return (blocks[0].index if blocks else math.inf), math.inf
        return -math.inf, math.inf


class Params:
    """A generic rule's params; each reader raises ValueError naming the param."""

    def __init__(self, params: Any, known: tuple[str, ...]) -> None:
        if not isinstance(params, dict):
            raise ValueError("params must be a mapping")
        allowed = (*COMMON, *known)
        for key in params:
            if key not in allowed:
                raise ValueError(f"params.{key}: unknown param (known: {', '.join(allowed)})")
        self.params = params

    def scope(self) -> Scope:
        roles = self.params.get("roles")
        if roles is not None:
            roles = [roles] if isinstance(roles, str) else roles
            if not isinstance(roles, list) or not roles:
                raise ValueError("params.roles: give a list of page roles")
            for role in roles:
                if role not in ROLES:
                    raise ValueError(f"params.roles: '{role}' is not one of {', '.join(ROLES)}")
        return Scope(frozenset(roles) if roles else None, self.choice("region", "main", REGIONS))

    def choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.params.get(key, default)
        if value not in choices:
            raise ValueError(f"params.{key}: must be one of {', '.join(choices)}")
        return str(value)

    def number(self, key: str, default: float, low: float, high: float = math.inf) -> float:
        value = self.params.get(key, default)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= high:
            bounds = f"from {low:g} to {high:g}" if high < math.inf else f"of at least {low:g}"
            raise ValueError(f"params.{key}: must be a number {bounds}")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.params.get(key, [])
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise ValueError(f"params.{key}: give a list of texts")
        return tuple(items)

    def phrases(self, key: str) -> PhraseSet:
        value = self.params.get(key)
        if value is None:
            raise ValueError(f"params.{key}: missing (a list of phrases, or {{lexicon: KEY}})")
        if isinstance(value, dict) and "lexicon" in value:
            if len(value) > 1:
                raise ValueError(f"params.{key}: {{lexicon: KEY}} takes nothing else")
            return PhraseSet(lexicon_key=_lexicon_key(key, value["lexicon"]))
        if isinstance(value, dict):
            return PhraseSet(by_lang={str(lang): _phrase_list(key, v) for lang, v in value.items()})
        return PhraseSet(everywhere=_phrase_list(key, value))

    def optional_phrases(self, key: str) -> PhraseSet | None:
        return self.phrases(key) if key in self.params else None


def _phrase_list(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError(
            f"params.{key}: give a list of phrases, a mapping of language to phrases,"
            " or {lexicon: KEY}"
        )
    for phrase in value:
        if isinstance(phrase, bool) or not isinstance(phrase, str | int | float) or not phrase:
            raise ValueError(f"params.{key}: {phrase!r} is not a phrase (quote it)")
        if not re.search(r"\w", str(phrase).replace("*", "")):
            raise ValueError(f"params.{key}: {phrase!r} has no word in it: it would match anywhere")
    return tuple(str(p) for p in value)


def _lexicon_key(key: str, name: Any) -> str:
    if not isinstance(name, str) or name not in PHRASE_LISTS:
        raise ValueError(f"params.{key}: no lexicon has a phrase list '{name}'")
    return name


def sample(phrases: Phrases, count: int = 3) -> str:
    """A few of the phrases, for a message: "'a', 'b', 'c'"."""
    return ", ".join(f"'{p}'" for p in phrases.phrases[:count])

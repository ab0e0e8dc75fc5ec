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

from auditor.checks.kinds.scope import COMMON, Scope, known_params, read_scope
from auditor.lexicons.lexicon import Lexicon, Phrases
from auditor.lexicons.schema import PHRASE_LISTS
from auditor.page.model import Page


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


class Params:
    """A generic rule's params; each reader raises ValueError naming the param."""

    def __init__(self, params: Any, known: tuple[str, ...]) -> None:
        self.params = known_params(params, (*COMMON, *known))

    def scope(self) -> Scope:
        return read_scope(self.params, "main")

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

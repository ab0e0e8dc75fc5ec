"""Word classes of a lexicon (its `words:` section), matched word by word with inflection.

A class lists base forms ("klacht", "volwassene", "Klientin"); a word of the text belongs to it
when the word, or the word less one of the language's `endings`, is listed. A class's `heads`
also match as the last part of a compound ("gezondheids-klachten", "Rückenschmerzen"), with at
least three letters before them, so "alles" is never "les". Tokens drop the parentheses of
"(jong)volwassenen" and split "en/of"; a hyphen stays inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PARENS = re.compile(r"\((\w+)\)(?=\w)")
_TOKEN = re.compile(r"[\w'-]*\w")
_MIN_STEM = 3  # letters before a compound's head
_MAX_KNOWN = 50_000  # answers a class keeps (a language's working vocabulary; random text stops it)


def tokens(text: str) -> list[str]:
    """The words of a text, lower-cased, in order."""
    text = text.replace("\u2019", "'").replace("\u00ad", "")
    if "(" in text:  # (the substitution costs more than the look)
        text = _PARENS.sub(r"\1", text)
    return [t.strip("'-") for t in _TOKEN.findall(text.lower())]


@dataclass(frozen=True)
class WordClass:
    """One class: its base forms and its compound heads."""

    forms: frozenset[str]
    heads: tuple[str, ...]
    endings: tuple[str, ...]
    # the answer for each word asked before (a page asks the same words many times)
    _known: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def _stems(self, word: str) -> list[str]:
        return [word] + [word[: -len(e)] for e in self.endings
                         if word.endswith(e) and len(word) - len(e) >= _MIN_STEM]  # fmt: skip

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._member(word)
            if len(self._known) < _MAX_KNOWN:
                self._known[word] = known
        return known

    def _member(self, word: str) -> bool:
        for stem in self._stems(word):
            if stem in self.forms:
                return True
            last = stem.rsplit("-", 1)[-1]
            if last != stem and last in self.forms:
                return True
            if any(stem.endswith(h) and len(stem) - len(h) >= _MIN_STEM for h in self.heads):
                return True
        return False


@dataclass(frozen=True)
class Words:
    """A language's word classes, by name; an unknown class is empty."""

    classes: dict[str, WordClass]

    def __getitem__(self, name: str) -> WordClass:
        return self.classes.get(name) or WordClass(frozenset(), (), ())


def build_words(data: dict[str, object]) -> Words:
    """The classes of a lexicon's `words:` mapping: `<class>` lists forms, `<class>_heads`
    compound heads, `endings` the inflections."""
    endings = tuple(
        sorted((str(e).lower() for e in data.get("endings") or []), key=len, reverse=True)
    )
    classes = {}
    for name, forms in data.items():
        if name == "endings" or name.endswith("_heads") or not isinstance(forms, list):
            continue
        heads = data.get(f"{name}_heads") or []
        classes[name] = WordClass(
            frozenset(str(f).lower() for f in forms),
            tuple(str(h).lower() for h in heads) if isinstance(heads, list) else (),
            endings,
        )
    return Words(classes)

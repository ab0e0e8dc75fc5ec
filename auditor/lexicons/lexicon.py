"""Language lexicons (rules/lexicons/<lang>.yml) and the phrase matcher built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from auditor.core.errors import InputError
from auditor.core.yamlfile import Invalid, YamlFile, YamlProblem, read_yaml
from auditor.lexicons.schema import check_lexicon, check_required, has_phrases, value_at
from auditor.lexicons.wordclass import Words, build_words

_HERE = Path(__file__).resolve().parent.parent  # the package folder
# the lexicons and markup.yml ship with the package: libyaml, where PyYAML has it, reads them
# ten times faster than the pure-Python loaders (the same data and lines)
_BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_dir() -> Path:
    """The bundled rules folder: inside the installed package, or beside it in a checkout."""
    for candidate in (_HERE / "rules", _HERE.parent / "rules"):
        if (candidate / "lexicons").is_dir():
            return candidate
    raise FileNotFoundError("the bundled rules folder is missing; reinstall copy-auditor")


class LexiconError(InputError):
    """A lexicon or markup file is malformed (one line naming the file)."""


def read_lexicon_file(path: Path, loader: type = _BASE_LOADER) -> YamlFile:
    """A lexicon or markup file read with its lines; LexiconError when it is not YAML.

    BaseLoader (the default) keeps every entry a string: "on", "no" and "off" are words here.
    """
    try:
        return read_yaml(path, loader)
    except YamlProblem as exc:
        raise LexiconError(str(exc)) from None


def lexicon_data(doc: YamlFile, complete: bool) -> dict[str, Any]:
    """A lexicon file's data, checked: its lists hold phrases and (`complete`: a language of
    its own, not one that extends another) it gives every required key; else LexiconError."""
    try:
        data = check_lexicon(doc)
        if complete:
            check_required(doc, data)
    except Invalid as exc:
        raise LexiconError(str(exc)) from None
    return data


def read_markup(path: Path) -> dict[str, Any]:
    """The language-independent markup knowledge (rules/markup.yml); LexiconError when broken."""
    try:
        return check_lexicon(read_lexicon_file(path, _SAFE_LOADER))
    except Invalid as exc:
        raise LexiconError(str(exc)) from None


def normalise(text: str) -> str:
    """Fold typographic quotes and dashes so phrases match what builders emit."""
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u00a0", " ")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )


def _phrase_pattern(phrase: str) -> str:
    if re.fullmatch(r"[A-Z][A-Z0-9&-]+", phrase):  # an acronym: matches only in capitals
        return rf"(?-i:{re.escape(phrase)})"
    words = []
    for word in normalise(phrase.lower()).split():
        # a word of the text, taken whole (possessive); one that starts the phrase starts a
        # word of the text too: a search from each hyphen of "a-a-a-..." was quadratic
        any_word = r"[\w'-]++" if words else r"(?<![\w'-])[\w'-]++"
        if word == "*":
            words.append(any_word)
            continue
        if word == "...":  # one to four words: a separable verb's particle comes last
            words.append(any_word + r"(?:\s+[\w'-]++){0,3}")
            continue
        head, tail = word.startswith("*"), word.endswith("*") and len(word) > 1
        core = re.escape(word.strip("*"))
        words.append((r"\w*" if head else "") + core + (r"\w*" if tail else ""))
    return r"\s+".join(words)


class Phrases:
    """A list of phrases compiled into one case-insensitive, whole-word regex.

    An entry written in capitals ("NLP", "TA") is an acronym and matches only in capitals;
    "..." stands for one to four words ("meld ... aan": "Meld je nu aan").
    """

    def __init__(self, phrases: list[str] | tuple[str, ...]) -> None:
        self.phrases = tuple(str(p) for p in phrases)
        # longest first, so "welkom op mijn website" wins over "welkom"
        ordered = sorted(self.phrases, key=len, reverse=True)
        body = "|".join(_phrase_pattern(p) for p in ordered) or r"(?!x)x"
        self.regex = re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)
        self.whole = re.compile(body, re.IGNORECASE)  # for fullmatch: any one phrase

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(normalise(text))

    def findall(self, text: str) -> list[str]:
        return [m.group(0) for m in self.regex.finditer(normalise(text))]

    def count(self, text: str) -> int:
        return sum(1 for _ in self.regex.finditer(normalise(text)))

    def fullmatch(self, text: str) -> bool:
        """True when the whole text (trimmed of punctuation) is one of the phrases."""
        core = normalise(text).strip(" \t\n.,:;!?-»›→>…\"'()[]|•·")
        return bool(core) and self.whole.fullmatch(core) is not None


@dataclass
class Lexicon:
    """One language's phrase lists, looked up by dotted key ("cta.buy"), and the
    language-independent markup knowledge a page in that language is read with."""

    lang: str
    data: dict[str, Any]
    markup: dict[str, Any] = field(repr=False)
    _cache: dict[str, Phrases] = field(default_factory=dict, repr=False)

    def lacking(self, keys: Iterable[str]) -> tuple[str, ...]:
        """Those of `keys` the lexicon gives no phrases (a list with a phrase in it)."""
        return tuple(key for key in keys if not has_phrases(self.data, key))

    def raw(self, key: str) -> Any:
        """The value at a dotted key; [] when the lexicon has none."""
        return value_at(self.data, key, [])

    def __getitem__(self, key: str) -> Phrases:
        if key not in self._cache:
            value = self.raw(key)
            self._cache[key] = Phrases(value if isinstance(value, list) else [])
        return self._cache[key]

    @cached_property
    def words(self) -> Words:
        """The lexicon's word classes (its `words:` section)."""
        data = self.raw("words")
        return build_words(data if isinstance(data, dict) else {})

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.raw("stopwords"))

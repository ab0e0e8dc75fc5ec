"""Language lexicons (rules/lexicons/<lang>.yml) and the phrase matcher built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from auditor.core.errors import InputError
from auditor.core.yamlfile import (
    BASE_LOADER,
    SAFE_LOADER,
    Invalid,
    YamlFile,
    YamlProblem,
    read_yaml,
)
from auditor.lexicons.schema import check_lexicon, check_required, has_phrases, value_at
from auditor.lexicons.wordclass import Words, build_words

_HERE = Path(__file__).resolve().parent.parent  # the package folder


def rules_dir() -> Path:
    """The bundled rules folder: inside the installed package, or beside it in a checkout."""
    for candidate in (_HERE / "rules", _HERE.parent / "rules"):
        if (candidate / "lexicons").is_dir():
            return candidate
    raise FileNotFoundError("the bundled rules folder is missing; reinstall copy-auditor")


class LexiconError(InputError):
    """A lexicon or markup file is malformed (one line naming the file)."""


def read_lexicon_file(path: Path, loader: type = BASE_LOADER) -> YamlFile:
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
        return check_lexicon(read_lexicon_file(path, SAFE_LOADER))
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


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]+")
# the characters (lower-cased) that a case-insensitive regex matches to other characters than
# str.lower() tells (re._casefix: "ı" and "i", "ſ" and "s", Greek and Cyrillic letter forms);
# a text with one of them is matched without the literal prefilter
_UNUSUAL = re.compile(
    "[\xb5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0"
    "\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434"
    "\u043e\u0441\u0442\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b"
    "\ufb05\ufb06]"
)
# the regexes of candidate phrases a Phrases keeps (about 1 KB each: the corpus's 2,000-page
# bench site makes 67 for its busiest list); past it, the whole regex runs
MAX_SUBSETS = 256
# a list with two or more literals this short ("i", "you": "ik", "me", "je", "u") has one in most
# texts: its whole regex runs faster than the prefilter would (bench/phrases.py)
COMMON_LITERAL = 2


def folded(text: str) -> str | None:
    """`text` lower-cased so that a case-insensitive regex's literal matches in it only where
    its lower-cased literal is a substring; None for a text where that may not hold."""
    low = text.lower()
    if text.isascii() or (len(low) == len(text) and not _UNUSUAL.search(low)):
        return low
    return None


def _phrase_words(phrase: str) -> list[str]:
    return normalise(phrase.lower()).split()


def _phrase_pattern(phrase: str) -> str:
    if _ACRONYM.fullmatch(phrase):  # an acronym: matches only in capitals
        return rf"(?-i:{re.escape(phrase)})"
    words = []
    for word in _phrase_words(phrase):
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


def _phrase_literal(phrase: str) -> tuple[str, bool] | None:
    """A text every match of the phrase holds, and whether it is case-sensitive (an acronym;
    else it is lower-cased, as `folded`); None when the phrase has no such text to go by."""
    if _ACRONYM.fullmatch(phrase):
        return phrase, True
    cores = [w.strip("*") for w in _phrase_words(phrase) if w not in ("*", "...")]
    usable = [c.lower() for c in cores if c and folded(c) == c.lower()]
    return (max(usable, key=len), False) if usable else None


class Phrases:
    """A list of phrases compiled into one case-insensitive, whole-word regex.

    An entry written in capitals ("NLP", "TA") is an acronym and matches only in capitals;
    "..." stands for one to four words ("meld ... aan": "Meld je nu aan").

    A text is searched only for the phrases whose literal (their longest word, less its
    wildcards) it holds: the same regex, without the alternatives that cannot match there
    (`prefilter`: always, never, or None: unless two literals are COMMON_LITERAL long or less).
    """

    def __init__(self, phrases: list[str] | tuple[str, ...], prefilter: bool | None = None) -> None:
        self.phrases = tuple(str(p) for p in phrases)
        # longest first, so "welkom op mijn website" wins over "welkom"
        ordered = sorted(self.phrases, key=len, reverse=True)
        self._patterns = tuple(_phrase_pattern(p) for p in ordered)
        body = "|".join(self._patterns) or r"(?!x)x"
        self.regex = re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)
        self.whole = re.compile(body, re.IGNORECASE)  # for fullmatch: any one phrase
        self._always: list[int] = []  # the phrases with no literal: always searched for
        self._lower: dict[str, list[int]] = {}  # lower-cased literal -> its phrases
        self._capitals: dict[str, list[int]] = {}  # an acronym -> its phrases
        for i, phrase in enumerate(ordered):
            if (literal := _phrase_literal(phrase)) is None:
                self._always.append(i)
            else:
                by = self._capitals if literal[1] else self._lower
                by.setdefault(literal[0], []).append(i)
        self._lowers, self._acronyms = tuple(self._lower), tuple(self._capitals)
        if prefilter is None:
            prefilter = sum(len(literal) <= COMMON_LITERAL for literal in self._lowers) < 2
        self._prefilter = prefilter and bool(self._lowers or self._acronyms)
        self._subsets: dict[tuple[tuple[str, ...], tuple[str, ...]], re.Pattern[str]] = {}

    def _regex_for(self, text: str) -> re.Pattern[str] | None:
        """The regex of the phrases that may match in `text` (normalised); None: none may."""
        if not self._prefilter or (low := folded(text)) is None:
            return self.regex
        held = tuple([literal for literal in self._lowers if literal in low])
        acronyms = tuple([a for a in self._acronyms if a in text]) if self._acronyms else ()
        if not (held or acronyms or self._always):
            return None
        regex = self._subsets.get((held, acronyms))
        if regex is None:
            picked = sorted(
                [*self._always, *(i for a in acronyms for i in self._capitals[a]),
                 *(i for literal in held for i in self._lower[literal])]
            )  # fmt: skip
            if len(picked) == len(self._patterns) or len(self._subsets) >= MAX_SUBSETS:
                return self.regex
            body = "|".join(self._patterns[i] for i in picked)
            regex = re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)
            self._subsets[(held, acronyms)] = regex
        return regex

    def search(self, text: str) -> re.Match[str] | None:
        text = normalise(text)
        regex = self._regex_for(text)
        return regex.search(text) if regex else None

    def findall(self, text: str) -> list[str]:
        text = normalise(text)
        regex = self._regex_for(text)
        return [m.group(0) for m in regex.finditer(text)] if regex else []

    def count(self, text: str) -> int:
        return len(self.findall(text))

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

    def list_keys(self) -> list[str]:
        """The dotted keys of its non-empty lists ("cta.buy", "words.persons"), in file order."""
        return _list_keys(self.data, "")

    def __getitem__(self, key: str) -> Phrases:
        phrases = self._cache.get(key)
        if phrases is None:
            value = self.raw(key)
            phrases = self._cache[key] = Phrases(value if isinstance(value, list) else [])
        return phrases

    @cached_property
    def words(self) -> Words:
        """The lexicon's word classes (its `words:` section)."""
        data = self.raw("words")
        return build_words(data if isinstance(data, dict) else {})

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.raw("stopwords"))

    @cached_property
    def first_person(self) -> frozenset[str]:
        """The owner's first-person words ("ik", "mijn"), lower-cased: the `i` list as words."""
        return frozenset(str(w).lower() for w in self.raw("i"))


def _list_keys(data: dict[str, Any], prefix: str) -> list[str]:
    keys = []
    for key, value in data.items():
        if isinstance(value, dict):
            keys += _list_keys(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value:
            keys.append(prefix + key)
    return keys

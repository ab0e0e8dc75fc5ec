"""The phrase matcher's prefilter: a text is searched only for the phrases whose literal it
holds, and that must find exactly what the whole regex finds."""

from __future__ import annotations

import _sre
import sys

import pytest
from conftest import CORPUS, EXAMPLE_SITES, EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.lexicons.knowledge import load_knowledge
from auditor.lexicons.lexicon import MAX_SUBSETS, Phrases, folded, normalise
from auditor.lexicons.schema import PHRASE_LISTS
from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.parse import parse_or_error
from auditor.sources.folder import read_folder


def plain(phrases: Phrases, text: str) -> list[tuple[tuple[int, int], str]]:
    """What the whole regex finds: the reference the prefiltered matching must equal."""
    return [(m.span(), m.group()) for m in phrases.regex.finditer(normalise(text))]


def assert_same(phrases: Phrases, text: str) -> None:
    expected = plain(phrases, text)
    assert phrases.findall(text) == [found for _, found in expected], text
    assert phrases.count(text) == len(expected), text
    match = phrases.search(text)
    assert (match.span() if match else None) == (expected[0][0] if expected else None), text


def test_folding_agrees_with_the_regex_engine_on_every_character() -> None:
    """A character `folded` lets through lower-cases as the case-insensitive regex does, and the
    engine matches it to no other lower-cased character ("i" and "s" aside, whose partners
    "ı" and "ſ" are never let through): so a literal matches only where its lower case is."""
    extra = pytest.importorskip("re._casefix")._EXTRA_CASES
    for partner in (*extra[ord("i")], *extra[ord("s")]):
        assert folded(chr(partner)) is None
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        low = folded(char)
        if low is None:
            continue
        engine = _sre.unicode_tolower(code)
        assert low == chr(engine), hex(code)
        assert engine not in extra or chr(engine) in "is", hex(code)


def test_folding_keeps_length_and_sends_unusual_texts_to_the_whole_regex() -> None:
    assert folded("Ça Coûte ÉÉN Euro") == "ça coûte één euro"
    assert folded("ΟΔΟΣ") is None  # a final sigma lower-cases by its context
    assert folded("İstanbul") is None  # lower-cases to two characters
    assert folded("ſtudie") is None and folded("dıploma") is None


EDGE_PHRASES = [
    "NLP",
    "ACT",
    "TA",
    "e-course",
    "meld ... aan",
    "* per sessie",
    "*coaching",
    "coach*",
    "*opleiding*",
    "kennismaking",
    "kennismakingsgesprek",
    "lid van",
    "i'm",
    "don't",
    "Prüfung",
    "*therapie",
    "studie",
    "ſtudie",  # a literal the prefilter cannot go by: always searched for
    "dıploma",
    "**",
]
EDGE_TEXTS = [
    "NLP en nlp, Nlp; ACT now, act, TA-da, ta",
    "Meld je nu aan! meld je vandaag nog gratis aan; Meld aan",
    "Een half-uur per sessie, 60 euro per sessie",
    "life-coaching, Lifecoaching, COACHING, coachen, Coach's",
    "Opleidingen, beroepsopleiding, OPLEIDINGSINSTITUUT",
    "I'm here, I\u2019m there, i\u2018m, don\u2019t, DON'T",
    "Kennismakingsgesprek of kennismaking?",
    "Lid\u00a0van de NOBCO, lid  van",
    "e\u2013course, e-course, E\u2014COURSE",
    "PRÜFUNG, prüfung, Prufung",
    "İstanbul studie, STUDİE, ſtudie, Studie",
    "DIPLOMA, dıploma, Dıploma",
    "ΟΔΟΣ studie",
    "",
    "   ",
    "a-a-a-a-a-a-a-a coaching",
]


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_the_prefilter_finds_what_the_whole_regex_finds_in_edge_cases(text: str) -> None:
    phrases = Phrases(EDGE_PHRASES, prefilter=True)
    assert_same(phrases, text)
    for phrase in EDGE_PHRASES:
        assert_same(Phrases([phrase], prefilter=True), text)


def test_a_text_with_no_phrase_literal_is_not_searched_at_all() -> None:
    phrases = Phrases(["coach*", "*therapie"], prefilter=True)
    assert phrases._regex_for("een tekst over iets anders") is None
    assert phrases._regex_for("coachen") is not phrases.regex  # only the candidate phrase


def test_past_its_bound_a_phrase_list_runs_the_whole_regex() -> None:
    words = [f"w{n}x" for n in range(12)]
    phrases = Phrases(words, prefilter=True)
    texts = [" ".join(w for bit, w in enumerate(words) if n >> bit & 1) for n in range(1, 4096)]
    for text in texts[: MAX_SUBSETS + 50]:
        assert_same(phrases, text)
    assert len(phrases._subsets) == MAX_SUBSETS


PIECES = [
    "coach",
    "Coaching",
    "COACH",
    "sessie",
    "per",
    "NLP",
    "nlp",
    "meld",
    "je",
    "aan",
    "opleiding",
    "'",
    "\u2019",
    "-",
    "\u2013",
    "\u00a0",
    " ",
    ".",
    "é",
    "ü",
    "ı",
    "İ",
    "ſ",
    "Σ",
    "s",
    "i",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_prefilter_finds_what_the_whole_regex_finds_in_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    listed = ["coach*", "*sessie", "meld ... aan", "NLP", "opleiding", "i'm", "* per"]
    phrases = Phrases(listed, prefilter=True)
    assert_same(phrases, text)


@pytest.mark.slow
def test_the_prefilter_finds_what_the_whole_regex_finds_in_the_corpus() -> None:
    """Every lexicon's every phrase list over the copy and link texts of the corpus pages in
    its language (and of the example sites)."""
    corpus = sorted(p for p in CORPUS.glob("*") if p.is_dir())
    folders = [*corpus, *(EXAMPLES / site for site in EXAMPLE_SITES)]
    knowledge = load_knowledge()
    context = ParseContext(knowledge)
    texts: dict[str, set[str]] = {lang: set() for lang in knowledge.lexicons}
    for folder in folders:
        raws, _ = read_folder(folder)
        for raw in raws:
            page = parse_or_error(raw, context)
            if isinstance(page, Page):
                mine = texts[knowledge.lexicon(page.lang).lang]
                mine.update(b.text for b in page.blocks)
                mine.update(link.text for link in page.links)
    assert all(len(mine) > 100 for mine in texts.values())
    for lang, lex in knowledge.lexicons.items():
        keys = lex.list_keys()
        assert set(keys) & PHRASE_LISTS
        for key in keys:
            phrases = lex[key]
            for text in texts[lang]:
                expected = plain(phrases, text)
                assert phrases.findall(text) == [found for _, found in expected], (key, text)


def test_a_list_of_common_short_words_runs_its_whole_regex() -> None:
    common = Phrases(["ik", "me", "mijn", "mezelf"])
    rare = Phrases(["ik", "mijn", "mezelf"])
    assert common._regex_for("mijn") is common.regex
    assert rare._regex_for("mijn") is not rare.regex
    assert rare._regex_for("nothing here") is None
    assert Phrases(["mijn"], prefilter=False)._regex_for("nothing here") is not None

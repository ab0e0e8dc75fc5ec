"""The phrase matcher the lexicons are built on."""

from __future__ import annotations

import time

from auditor.lexicons.lexicon import Phrases


def test_phrases_match_whole_words_case_insensitively_with_wildcards() -> None:
    phrases = Phrases(["coach*", "met vriendelijke groet"])
    assert phrases.findall("Coaching en MET VRIENDELIJKE GROET") == [
        "Coaching",
        "MET VRIENDELIJKE GROET",
    ]
    assert phrases.search("autocoach") is None


def test_an_entry_in_capitals_is_an_acronym_matched_only_in_capitals() -> None:
    phrases = Phrases(["ACT", "TA", "voice dialogue"])
    assert phrases.findall("Act now: ACT and TA, ta-da, Voice Dialogue") == [
        "ACT",
        "TA",
        "Voice Dialogue",
    ]
    assert phrases.fullmatch("ACT") and not phrases.fullmatch("act")


def test_three_dots_stand_for_one_to_four_words() -> None:
    phrases = Phrases(["meld ... aan"])
    assert phrases.fullmatch("Meld je nu aan")
    assert phrases.fullmatch("Meld je vandaag nog gratis aan")
    assert not phrases.search("Meld aan")  # at least one word between
    assert not phrases.search("Meld je vandaag nog hier gratis aan")  # at most four
    assert not phrases.search("meldt zich aan")  # whole words


def test_a_phrase_that_starts_with_a_wildcard_stays_linear() -> None:
    phrases = Phrases(["* per sessie"])
    assert phrases.findall("Een half-uur per sessie, 60 euro per sessie") == [
        "half-uur per sessie",
        "euro per sessie",
    ]
    started = time.monotonic()
    for hostile in ("a-" * 50_000, "-" * 100_000, "a-" * 50_000 + " per sessie"):
        phrases.search(hostile)  # each start inside a hyphenated run once scanned the whole run
    assert time.monotonic() - started < 1  # was minutes

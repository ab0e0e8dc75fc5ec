"""The phrase matcher the lexicons are built on."""

from __future__ import annotations

from auditor.lexicon import Phrases


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

"""The sentence model: sentences (abbreviations and ordinals do not end one; lists and headings
are one), who speaks in each and to whom, and the word classes that name audiences."""

from __future__ import annotations

import pytest

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.model import Block, Page
from auditor.page.sentences import (
    block_sentences,
    is_testimonial_heading,
    page_sentences,
    split_sentences,
)
from auditor.site.audience import audiences


@pytest.mark.parametrize(
    ("lang", "text", "sentences"),
    [
        ("nl", "Ik werk o.a. met ouders. Dr. Jansen zei: “Kom.” Daarna ging ik.",
         ["Ik werk o.a. met ouders.", "Dr. Jansen zei: “Kom.”", "Daarna ging ik."]),
        ("de", "Seit dem 17. Mai 2000 bin ich Heilpraktiker. Ich arbeite z.B. mit Kindern bzw. "
               "Eltern. Das ist schön!",
         ["Seit dem 17. Mai 2000 bin ich Heilpraktiker.",
          "Ich arbeite z.B. mit Kindern bzw. Eltern.", "Das ist schön!"]),
        ("en", "I trained in 2010. Since then, e.g. in London, I work with couples! Why? "
               "2 reasons.",
         ["I trained in 2010.", "Since then, e.g. in London, I work with couples!", "Why?",
          "2 reasons."]),
        ("en", "no end", ["no end"]),
    ],
)  # fmt: skip
def test_split_sentences(lang: str, text: str, sentences: list[str]) -> None:
    assert split_sentences(text, load_knowledge().lexicons[lang]) == sentences


def test_a_list_item_or_heading_is_one_unit() -> None:
    lex = load_knowledge().lexicons["en"]
    item = Block(0, "item", "2010. Degree in psychology. University of York.")
    assert block_sentences(item, lex) == [item.text]


LEX = load_knowledge().lexicons


def _page(lang: str, *blocks: Block) -> Page:
    return Page("/", None, lang, "", "", list(blocks), [], [], [])


def _tags(lang: str, *blocks: Block) -> list[tuple[str, str, bool]]:
    sentences = page_sentences(_page(lang, *blocks), LEX[lang])
    return [(s.text, s.speaker, s.to_reader) for s in sentences]


def test_who_speaks_and_to_whom() -> None:
    assert _tags(
        "nl",
        Block(0, "paragraph", "Ik ben Anna en ik woon in Utrecht. Ik help je weer te slapen."),
        Block(1, "paragraph", "Bel 06-12345678 of mail info@anna.nl."),
        Block(2, "quote", "Ik sliep na drie weken weer door.", quoted=True),
        Block(3, "paragraph", "Coaching helpt bij stress."),
    ) == [
        ("Ik ben Anna en ik woon in Utrecht.", "owner", False),
        ("Ik help je weer te slapen.", "copy", True),
        ("Bel 06-12345678 of mail info@anna.nl.", "logistics", False),
        ("Ik sliep na drie weken weer door.", "client", False),
        ("Coaching helpt bij stress.", "copy", False),
    ]


def test_a_signed_passage_is_a_client_in_any_person() -> None:
    tags = _tags(
        "en",
        Block(0, "paragraph", "Louise was always proactive and very informative to us all."),
        Block(1, "paragraph", "- Head teacher, Leeds"),
    )
    assert [speaker for _, speaker, _ in tags] == ["client", "client"]


def test_a_testimonial_heading_in_any_inflection_opens_clients_words() -> None:
    heading = Block(0, "heading", "Stimmen meiner Klientinnen", level=2)
    assert is_testimonial_heading(heading, LEX["de"])
    assert is_testimonial_heading(Block(0, "heading", "Klantervaringen", level=2), LEX["nl"])
    for cv in ("Mijn werkervaring", "Werkervaringen"):  # a CV's heading, not clients' words
        assert not is_testimonial_heading(Block(0, "heading", cv, level=2), LEX["nl"])
    assert not is_testimonial_heading(Block(0, "heading", "Berufserfahrungen", level=2), LEX["de"])
    tags = _tags("de", heading, Block(1, "paragraph", "Sie hat mir sehr geholfen."))
    assert tags[1][1] == "client"


@pytest.mark.parametrize(
    ("word", "cls", "member"),
    [
        ("gezondheidsklachten", "problems", True),  # a compound's head, with its ending
        ("gezondheids-klachten", "problems", True),
        ("rückenschmerzen", "problems", True),
        ("klientinnen", "persons", True),  # klient + innen
        ("volwassenen", "persons", True),
        ("alles", "problems", False),  # a head needs three letters before it
        ("iedereen", "persons", False),
    ],
)
def test_word_classes_with_endings_and_compounds(word: str, cls: str, member: bool) -> None:
    lang = "de" if word in ("rückenschmerzen", "klientinnen") else "nl"
    assert (word in LEX[lang].words[cls]) is member


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("nl", "De praktijk behandelt (jong)volwassenen die vastlopen.", ["jongvolwassenen die"]),
        ("nl", "Voor iedereen die wil groeien.", []),  # names no one
        ("nl", "Dit is tijd voor mijn gezin.", []),  # the owner's family
        ("nl", "Ik werk met kinderen met ADHD.", ["kinderen met"]),
        ("en", "Counselling for teens and their parents.", ["for teens"]),
        ("en", "People with anxiety find calm here.", ["people with"]),
        ("en", "People love this place.", []),  # the generic word alone names no one
        ("de", "Ich begleite Frauen, die neu anfangen wollen.", ["frauen die"]),
    ],
)  # fmt: skip
def test_audiences(lang: str, text: str, named: list[str]) -> None:
    (sentence,) = page_sentences(_page(lang, Block(0, "paragraph", text)), LEX[lang])
    assert audiences(sentence, LEX[lang]) == named

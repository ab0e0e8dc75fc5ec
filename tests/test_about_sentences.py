"""What each sentence of an about page is: the reader, the CV, the owner's story, or neither."""

from __future__ import annotations

import pytest

from auditor.checks.kinds.about_page import is_credential, sentence_kind
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.model import Block, Page, Sentence
from auditor.page.sentences import page_sentences

LEX = load_knowledge().lexicons


@pytest.mark.parametrize(
    ("lang", "sentence", "kind"),
    [
        ("nl", "Bij mij vertel je je verhaal in je eigen tempo.", "reader"),
        ("nl", "Ik studeerde psychologie aan de Vrije Universiteit.", "cv"),
        ("nl", "Daarna werkte ik tien jaar in de GGZ.", "cv"),
        ("nl", "Ik ben getrouwd en heb twee dochters.", "life"),
        ("nl", "Ik begon hiermee omdat ik zelf vastliep.", "story"),
        ("nl", "Deze opleiding sprak mij aan omdat ze uitgaat van wie je bent.", "reader"),
        ("nl", "Ik koos deze opleiding omdat ze niet uitgaat van presteren.", "story"),
        ("nl", "Ik werk met vrouwen die na een bevalling niet meer slapen.", "reader"),
        ("nl", "Je kunt mij bereiken via info@praktijk.nl.", None),
        ("nl", "KvK 12345678", None),
        ("en", "I have provided therapy in private practice, supporting clients of all ages.",
         "clients"),
        ("en", "I graduated from the University of York in 2005.", "cv"),
        ("de", "Seit 2002 arbeite ich als Heilpraktikerin in eigener Praxis.", "cv"),
        ("de", "Ich liebe das Wandern mit meinem Hund.", "life"),
        # a CV that names whom the owner worked with is still her CV
        ("en", "I also worked extensively with children and adolescents with anxiety.", "cv"),
        # whom she works for, described, even in words of a career
        ("de", "Ich begleite Frauen, die beruflich neu anfangen wollen.", "reader"),
        ("de", "Bei mir findest du Ruhe und einen klaren Plan.", "reader"),
    ],
)  # fmt: skip
def test_sentence_kind(lang: str, sentence: str, kind: str | None) -> None:
    assert sentence_kind(_one(Block(0, "paragraph", sentence), lang), LEX[lang]) == kind


def _one(block: Block, lang: str) -> Sentence:
    page = Page("/over/", None, lang, "", "", [block], [], [], [])
    (sentence,) = page_sentences(page, LEX[lang])
    return sentence


def test_a_line_under_a_credentials_heading_is_cv_at_any_length() -> None:
    line = "Postmaster opleiding tot gezondheidszorgpsycholoog " + "met veel praktijk " * 10
    block = Block(0, "item", line, section="Opleidingen")
    assert sentence_kind(_one(block, "nl"), LEX["nl"]) == "cv"
    assert is_credential(block, LEX["nl"], max_words=25)

"""What each sentence of an about page is: the reader, the CV, the owner's story, or neither."""

from __future__ import annotations

import pytest

from auditor.checks.about_page import sentence_kind
from auditor.lexicon import load_lexicons
from auditor.model import Block


@pytest.mark.parametrize(
    ("lang", "sentence", "kind"),
    [
        ("nl", "Bij mij vertel je je verhaal in je eigen tempo.", "reader"),
        ("nl", "Ik studeerde psychologie aan de Vrije Universiteit.", "cv"),
        ("nl", "Daarna werkte ik tien jaar in de GGZ.", "cv"),
        ("nl", "Ik ben getrouwd en heb twee dochters.", "story"),
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
        ("de", "Ich liebe das Wandern mit meinem Hund.", "story"),
        ("de", "Bei mir findest du Ruhe und einen klaren Plan.", "reader"),
    ],
)  # fmt: skip
def test_sentence_kind(lang: str, sentence: str, kind: str | None) -> None:
    block = Block(0, "paragraph", sentence)
    assert sentence_kind(sentence, block, load_lexicons()[lang]) == kind


def test_a_line_under_a_credentials_heading_is_cv_at_any_length() -> None:
    line = "Postmaster opleiding tot gezondheidszorgpsycholoog " + "met veel praktijk " * 10
    block = Block(3, "item", line, section="Opleidingen")
    assert sentence_kind(line, block, load_lexicons()["nl"]) == "cv"

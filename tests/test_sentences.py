"""Sentences of a block: abbreviations and ordinals do not end one; lists and headings are one."""

from __future__ import annotations

import pytest

from auditor.lexicon import load_lexicons
from auditor.model import Block
from auditor.sentences import block_sentences, split_sentences


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
    assert split_sentences(text, load_lexicons()[lang]) == sentences


def test_a_list_item_or_heading_is_one_unit() -> None:
    lex = load_lexicons()["en"]
    item = Block(0, "item", "2010. Degree in psychology. University of York.")
    assert block_sentences(item, lex) == [item.text]

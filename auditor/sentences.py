"""Sentences of a block of copy: a list item, table cell or heading is one unit; a paragraph
splits after . ! ? before a capital, a digit or a quote, but not after an abbreviation of the
language ("o.a.", "bzw.", "e.g.", "Dr.") or an ordinal ("am 17. Mai")."""

from __future__ import annotations

import re
from functools import cache

from auditor.lexicon import Lexicon
from auditor.model import Block

_END = re.compile(r"[.!?…]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZÀ-ÖØ-Þ0-9])")
_ORDINAL = re.compile(r"(?<!\d)\d{1,2}\.$")


@cache
def _abbreviations(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def split_sentences(text: str, lex: Lexicon) -> list[str]:
    """The sentences of a paragraph, in order, stripped."""
    known = _abbreviations(tuple(lex.raw("abbreviations")))
    sentences, start = [], 0
    for end in _END.finditer(text):
        head = text[start : end.end()].strip()
        last = head.split()[-1].lower() if head.split() else ""
        if last in known or _ORDINAL.search(last):
            continue
        sentences.append(head)
        start = end.end()
    tail = text[start:].strip()
    return [*sentences, tail] if tail else sentences


def block_sentences(block: Block, lex: Lexicon) -> list[str]:
    """A block's sentences: headings, list items and table cells are one unit each."""
    if block.kind in ("heading", "item", "cell"):
        return [block.text]
    return split_sentences(block.text, lex)

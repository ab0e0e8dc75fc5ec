"""The sentence model of a page: its sentences, each with who speaks and whether to the reader.

A list item, table cell or heading is one unit; a paragraph splits after . ! ? before a capital,
a digit or a quote, but not after an abbreviation of the language ("o.a.", "bzw.", "e.g.") or
an ordinal ("am 17. Mai").

Who speaks:
- client: a quote (blockquote or testimonial markup), copy under a testimonial heading, or a
  passage followed by an attribution line ("- Anna, 34"): a client's words in any person;
- logistics: a short sentence that gives an address, a phone number, an e-mail address, a
  registration code or opening hours, which no measure of the reader counts;
- owner: the owner speaks of herself (more I than you);
- copy: the rest (to the reader, or about the subject in the third person).
A sentence is to the reader when it says you (je/jij/u, you, du and the formal "Sie", told from
"sie" by its capital inside the sentence) at least as often as I.
"""

from __future__ import annotations

import re
import sys
from functools import cache

from auditor.lexicons.lexicon import Lexicon
from auditor.lexicons.wordclass import tokens
from auditor.page.model import Block, Page, Sentence

_END = re.compile(r"[.!?…]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-ZÀ-ÖØ-Þ0-9])")
_ORDINAL = re.compile(r"(?<!\d)\d{1,2}\.$")
_ATTRIBUTION = re.compile(r"^\s*[-\u2013\u2014~]\s*\w")
_ATTRIBUTION_WORDS = 8  # "- Anna de Vries, moeder van twee" is an attribution, not copy
# an e-mail address, or a run of five or more digits (phone, postcode, KvK, BIG or AGB code)
_LOGISTICS = re.compile(r"\S@\S|\d[\d ./-]{4,}\d|\b\d{1,2}[:.]\d{2}\s*[-\u2013]\s*\d{1,2}[:.]\d{2}")
_LOGISTICS_WORDS = 15  # a longer sentence with a number in it is copy, not logistics


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


def is_testimonial_heading(block: Block, lex: Lexicon) -> bool:
    """A short heading above testimonials: "Wat klanten zeggen", "Kind words", or one whose
    words name testimonials in any inflection ("Klientinnenstimmen", "Ervaringen van ouders")."""
    if block.kind != "heading" or len(block.text.split()) > 6:
        return False
    if lex["testimonial_headings"].search(block.text) is not None:
        return True
    testimonial = lex.words["testimonial"]
    return any(w in testimonial for w in tokens(block.text))


def _signs(line: Block, passage: Block) -> bool:
    """Whether a short line under a passage signs it: "- Anna, 34", or inside the same quote
    markup a name or role with no sentence in it ("SENCO", "Parent")."""
    text = line.text.strip()
    if len(text.split()) > _ATTRIBUTION_WORDS or passage.kind == "heading":
        return False
    if _ATTRIBUTION.match(text):
        return True
    return line.quoted and passage.quoted and not text.endswith((".", "!", "?", ":"))


def attributed_blocks(page: Page) -> set[int]:
    """The indexes of passages signed by a short attribution line below them, and the lines."""
    found: set[int] = set()
    for b in page.blocks[1:]:
        before = page.blocks[b.index - 1]
        if len(before.text.split()) > _ATTRIBUTION_WORDS and _signs(b, before):
            found.update((before.index, b.index))
    return found


def testimonial_sections(page: Page, lex: Lexicon) -> tuple[set[int], set[int]]:
    """The testimonial headings of the page, and the blocks under them (down to the next
    heading of their level or higher), by index."""
    headings: set[int] = set()
    under: set[int] = set()
    in_section, level = False, 0
    for b in page.blocks:
        if b.kind == "heading" and (not in_section or b.level <= level):
            in_section = is_testimonial_heading(b, lex)
            level = b.level
            if in_section:
                headings.add(b.index)
        elif in_section:
            under.add(b.index)
    return headings, under


def testimonial_blocks(page: Page, lex: Lexicon) -> set[int]:
    """The indexes of blocks in a testimonial section, quoted blocks and attributed passages."""
    _, under = testimonial_sections(page, lex)
    return attributed_blocks(page) | under | {b.index for b in page.blocks if b.quoted}


def reader_count(sentence: str, lex: Lexicon) -> int:
    """How often a sentence says you, the formal "Sie" included (not sentence-initial "Sie"
    before a verb in the singular, which is "she")."""
    count = lex["you"].count(sentence)
    formal = lex.words["formal_you"].forms
    if formal:
        words = re.findall(r"\w+", sentence)
        for i, w in enumerate(words):
            if w.lower() not in formal or not w[0].isupper():
                continue
            if i > 0 or (i + 1 < len(words) and words[i + 1].endswith("en")):
                count += 1
    return count


def _is_logistics(text: str, words: list[str], lex: Lexicon) -> bool:
    """A short sentence that gives an address, a number, an e-mail address or opening hours."""
    n = len(text.split())
    return n < _LOGISTICS_WORDS and bool(
        _LOGISTICS.search(text) or (n <= 8 and any(w in lex.words["logistics"] for w in words))
    )


def page_sentences(page: Page, lex: Lexicon) -> list[Sentence]:
    """Every sentence of the page, in order, tagged with its speaker; built once a page."""
    if page.sentences is None:
        page.sentences = _build(page, lex)
    return page.sentences


def _build(page: Page, lex: Lexicon) -> list[Sentence]:
    clients = testimonial_blocks(page, lex)
    out = []
    for b in page.blocks:
        for text in block_sentences(b, lex):
            words = tokens(text)
            mine, yours = lex["i"].count(text), reader_count(text, lex)
            if b.index in clients:
                speaker = "client"
            elif _is_logistics(text, words, lex):
                speaker = "logistics"
            else:
                speaker = "owner" if mine > yours else "copy"
            # a site's pages say the same words: one copy of each, held by every sentence
            out.append(Sentence(text, b, speaker, tuple(map(sys.intern, words)), mine, yours))
    return out

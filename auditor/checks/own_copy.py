"""The owner's own copy on a page: without quotes and testimonial sections (clients' words)."""

from __future__ import annotations

from auditor.lexicon import Lexicon
from auditor.model import Block, Page
from auditor.sentences import is_testimonial_heading


def own_copy(page: Page, lex: Lexicon) -> list[Block]:
    """The page's blocks minus quoted ones and those under a testimonial heading."""
    blocks, in_testimonials, level = [], False, 0
    for b in page.blocks:
        if b.kind == "heading" and (not in_testimonials or b.level <= level):
            in_testimonials = is_testimonial_heading(b, lex)
            level = b.level
        if not b.quoted and not in_testimonials:
            blocks.append(b)
    return blocks

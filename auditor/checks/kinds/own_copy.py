"""The owner's own copy on a page: without quotes and testimonial sections (clients' words)."""

from __future__ import annotations

from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Page
from auditor.page.sentences import testimonial_sections


def own_copy(page: Page, lex: Lexicon) -> list[Block]:
    """The page's blocks minus quoted ones and testimonial sections, their headings included."""
    headings, under = testimonial_sections(page, lex)
    clients = headings | under
    return [b for b in page.blocks if not b.quoted and b.index not in clients]

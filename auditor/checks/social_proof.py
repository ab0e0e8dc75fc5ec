"""Check kind `social_proof`: proof from clients on the homepage or an offer page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from auditor.checks.coverage import no_home
from auditor.checks.own_copy import is_testimonial_heading
from auditor.identity import HOMEPAGE
from auditor.lexicon import Lexicon
from auditor.model import Block, Page, Site
from auditor.rules import Hit, NotChecked, Rule, check_kind

_ATTRIBUTION = re.compile(r"^\s*[-\u2013\u2014~]\s*\w")


def _client_voice(block: Block, lex: Lexicon, min_words: int) -> bool:
    """A quoted passage in a client's voice: long enough, and more 'I' than 'you'."""
    if block.kind == "heading" or len(block.text.split()) < min_words:
        return False
    mine, yours = lex["i"].count(block.text), lex["you"].count(block.text)
    return mine >= 1 and mine >= yours


def proof_on(page: Page, lex: Lexicon, min_words: int) -> str | None:
    """What shows proof from clients on the page, or None."""
    if page.review_widget:
        return "review widget"
    for i, b in enumerate(page.blocks):
        if is_testimonial_heading(b, lex):
            following = page.blocks[i + 1 : i + 4]
            if any(n.kind != "heading" and len(n.text.split()) >= min_words for n in following):
                return f"heading '{b.text}'"
    voices = [b for b in page.blocks if b.quoted and _client_voice(b, lex, min_words)]
    attributed = any(
        b.quoted and _ATTRIBUTION.match(b.text) and page.blocks[b.index - 1] in voices
        for b in page.blocks[1:]
    )
    if len(voices) >= 2 or (voices and attributed):
        return "client quotes"
    return None


@check_kind("social_proof")
def social_proof(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    home = site.home
    if home is None:  # (on a homepage that is a JavaScript shell, the hit is not a finding)
        yield no_home(site)
        return
    offer_pages = {o.page.url: o.page for o in site.offers}
    offer_pages.update({p.url: p for p in site.pages if p.role == "offer"})
    pages = [home, *(p for url, p in offer_pages.items() if url != home.url)]
    min_words = rule.params.get("min_quote_words", 8)
    if any(proof_on(p, lexicon(p), min_words) for p in pages):
        return
    block = next((b for b in home.blocks if b.kind == "heading"), None)
    excerpt = block.text if block else home.title
    yield Hit(home, excerpt, block=block, params={"count": str(len(pages))}, subject=HOMEPAGE,
              evidence={"pages_checked": [p.url for p in pages]})  # fmt: skip

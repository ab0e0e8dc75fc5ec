"""Check kind `social_proof`: proof from clients on the homepage or an offer page.

Proof is a review widget, a testimonial heading with copy under it, or clients' words read from
the sentence model that do not speak to the reader (a saying or a pull quote does): a passage
signed with an attribution line, in any person ("Louise was always ..." - SENCO); two quoted
passages in the first person; or a client's words quoted inside the owner's copy ("een cliënt
zei: '...'").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.coverage import no_home
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.page.sentences import attributed_blocks, is_testimonial_heading, page_sentences
from auditor.site.model import Site

# a testimonial heading marks the copy under it as clients' words: a short one counts, a
# button ("Lees meer") does not
_UNDER_HEADING = 5
_INLINE_QUOTE = re.compile(r"[\"'“‘„]([^\"'“”‘’„]+)[\"'”’“]")


@dataclass(frozen=True, kw_only=True)
class ProofParams(KindParams):
    """`roles`: home (the homepage) and offer (the pages that hold an offer)."""

    min_quote_words: int  # a client quote has at least this many words


def _quoted_client(text: str, words: tuple[str, ...], lex: Lexicon, min_words: int) -> bool:
    """A client's words quoted in the owner's sentence: a client named and a long quote."""
    clients = lex.words["clients"]
    return any(w in clients for w in words) and any(
        len(m.group(1).split()) >= min_words for m in _INLINE_QUOTE.finditer(text)
    )


def proof_on(page: Page, lex: Lexicon, min_words: int, keep: set[int] | None = None) -> str | None:
    """What shows proof from clients on the page (in the blocks `keep`, None: all), or None."""
    if page.review_widget:
        return "review widget"
    for i, b in enumerate(page.blocks):
        if (keep is None or i in keep) and is_testimonial_heading(b, lex):
            following = page.blocks[i + 1 : i + 4]
            words = (len(n.text.split()) for n in following if n.kind != "heading")
            if any(n >= _UNDER_HEADING for n in words):
                return f"heading '{b.text}'"
    signed = attributed_blocks(page)
    long_enough = {b.index for b in page.blocks if len(b.text.split()) >= min_words}
    voices: set[int] = set()
    for s in page_sentences(page, lex):
        b = s.block
        if keep is not None and b.index not in keep:
            continue
        if b.kind == "heading" or b.index not in long_enough:
            if s.speaker != "client" and _quoted_client(s.text, s.words, lex, min_words):
                return "a client quoted"
            continue
        if s.to_reader:  # a saying or a pull quote for the reader, not a client's experience
            continue
        if b.index in signed:
            return "attributed quote"
        if b.quoted and s.mine >= 1 and s.mine >= s.yours:
            voices.add(b.index)
        elif s.speaker != "client" and _quoted_client(s.text, s.words, lex, min_words):
            return "a client quoted"
    return "client quotes" if len(voices) >= 2 else None


@check_kind("social_proof", params=ProofParams, lexicon=("words.clients",))
def social_proof(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    home = site.home
    if home is None:  # (on a homepage that is a JavaScript shell, the hit is not a finding)
        yield no_home(site)
        return
    offer_pages = {o.page.url: o.page for o in site.offers}
    offer_pages.update({p.url: p for p in site.pages if p.role == "offer"})
    params: ProofParams = rule.params
    scope = params.scope
    pages = [home] if scope.reads(home, "home") else []
    pages += [p for url, p in offer_pages.items() if url != home.url and scope.reads(p, "offer")]
    if not pages:
        yield scope.left_out()
        return
    min_words = params.min_quote_words
    if any(proof_on(p, lex := lexicon(p), min_words, scope.keeps(p, lex)) for p in pages):
        return
    block = next((b for b in home.blocks if b.kind == "heading"), None)
    excerpt = block.text if block else home.title
    yield Hit(home, excerpt, block=block, params={"count": str(len(pages))}, subject=HOMEPAGE,
              evidence={"pages_checked": [p.url for p in pages]})  # fmt: skip

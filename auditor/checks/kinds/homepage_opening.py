"""Check kind `homepage_opening`: the homepage opens with the reader, not the owner."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.scope import KindParams, opening
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Page, Sentence
from auditor.page.sentences import page_sentences
from auditor.site.model import Site
from auditor.site.roles import role_of_label

_MIN_STORY = 2  # one remark about the kids is no life story


@dataclass(frozen=True, kw_only=True)
class OpeningParams(KindParams):
    opening_sections: int  # the opening: the first sections of the homepage
    opening_words: int  # and at most this many words of them
    welcome_within: int  # a welcome starts within this many characters of its block
    biography_share: float  # the owner's life story, as a share of the sentences
    credentials_min: int  # credentials named in the opening
    first_copy_units: int  # a welcome or introduction counts in the page's first units


def first_copy(page: Page, units: int) -> list[Block]:
    """The page's first copy: its first `units` units, a run of headings or a single other
    block each (quotes left out). A welcome after copy for the reader is no opening."""
    blocks: list[Block] = []
    seen, previous = 0, None
    for b in page.blocks:
        if b.quoted:
            continue
        if not (b.kind == "heading" and previous is not None and previous.kind == "heading"):
            seen += 1
        if seen > units:
            break
        blocks.append(b)
        previous = b
    return blocks


def sentence_at(text: str, start: int) -> str:
    """The sentence of `text` around position `start`."""
    begin = max(text.rfind(s, 0, start) for s in (". ", "! ", "? ")) + 2
    ends = [i for s in (". ", "! ", "? ") if (i := text.find(s, start)) != -1]
    return text[max(begin, 0) if begin > 1 else 0 : (min(ends) + 1) if ends else len(text)]


def _life_story(page: Page, lex: Lexicon, skip: set[int]) -> tuple[list[Sentence], int]:
    """The owner's sentences that tell her life (family, home, the job she left), and how
    many sentences of copy the page has (headings, quotes, logistics and an about section
    left out)."""
    copy = [
        s for s in page_sentences(page, lex)
        if s.speaker in ("owner", "copy") and s.block.kind != "heading"
        and s.block.index not in skip and not s.fragment
    ]  # fmt: skip
    story = [
        s for s in copy
        if s.speaker == "owner"
        and (lex["biography"].search(s.text) or lex["life"].search(s.text))
    ]  # fmt: skip
    return story, len(copy)


@check_kind(
    "homepage_opening", params=OpeningParams,
    variants=("welcome", "self_intro", "credentials", "biography"),
    lexicon=("welcome", "self_intro", "life"),
)  # fmt: skip
def homepage_opening(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: OpeningParams = rule.params
    home = params.scope.home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    keep = params.scope.keeps(home, lex)
    top = opening(home, params.opening_sections, params.opening_words)
    lead = first_copy(home, params.first_copy_units)
    if keep is not None:
        top, lead = [b for b in top if b.index in keep], [b for b in lead if b.index in keep]
    for b in lead:
        welcome = lex["welcome"].search(b.text)
        if welcome and welcome.start() <= params.welcome_within:
            yield Hit(home, b.text, block=b, variant="welcome",
                      params={"quote": sentence_at(b.text, welcome.start())},
                      subject=HOMEPAGE,
                      evidence={"signal": "welcome", "phrase": welcome.group(0)})  # fmt: skip
            return
    for b in lead:
        intro = lex["self_intro"].search(b.text)
        about = b.kind == "heading" and role_of_label(b.text, lex) == "about"
        if (intro and len(b.text[: intro.start()].split()) <= 2) or about:
            quote = sentence_at(b.text, intro.start()) if intro else b.text
            yield Hit(home, b.text, block=b, variant="self_intro", params={"quote": quote},
                      subject=HOMEPAGE, evidence={"signal": "self_intro"})  # fmt: skip
            return
    credentials = [c for b in top for c in lex["credentials"].findall(b.text)]
    if len(credentials) >= params.credentials_min:
        first = next(b for b in top if lex["credentials"].search(b.text))
        yield Hit(home, first.text, block=first, variant="credentials",
                  params={"quote": first.text, "count": str(len(credentials))},
                  subject=HOMEPAGE,
                  evidence={"signal": "credentials", "credentials": credentials[:8]})  # fmt: skip
        return
    about_blocks = {
        i
        for r in site.regions_of("about")
        if r.page is home
        for i in range(r.first_block, r.last_block + 1)
    }
    if keep is not None:  # outside the region, as the about section, is left out
        about_blocks |= {b.index for b in home.blocks if b.index not in keep}
    story, sentences = _life_story(home, lex, about_blocks)
    share = len(story) / max(sentences, 1)
    if len(story) >= _MIN_STORY and share >= params.biography_share:
        quotes = [re.sub(r"\s+", " ", s.text) for s in story[:3]]
        yield Hit(home, " ... ".join(quotes), block=story[0].block, variant="biography",
                  params={"quote": quotes[0], "count": str(len(story))},
                  subject=HOMEPAGE,
                  evidence={"signal": "biography", "markers": quotes,
                            "share": round(share, 2)})  # fmt: skip

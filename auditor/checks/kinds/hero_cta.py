"""Check kind `hero_cta`: the opening of the homepage has a call to action."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.scope import KindParams, opening
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Link, Page
from auditor.site.model import Site
from auditor.site.offers import is_buy_action, is_message_link


@dataclass(frozen=True, kw_only=True)
class HeroParams(KindParams):
    opening_sections: int  # the opening: the first section (a run of headings and the
    opening_words: int  # copy under them), at most this many words


def _weak(link: Link, lex: Lexicon) -> bool:
    return bool(lex["cta.weak"].search(link.text) or lex["cta.contact"].search(link.text))


def is_call_to_action(link: Link, lex: Lexicon) -> bool:
    """A link that asks the reader to act: book, buy, sign up, or a button that is not weak."""
    if is_buy_action(link, lex):  # booking and checkout hosts included
        return True
    return (
        link.is_button and bool(link.text) and not _weak(link, lex)
        and not is_message_link(link.href, lex.markup)
    )  # fmt: skip


@check_kind("hero_cta", params=HeroParams, variants=("weak", "none"))
def hero_cta(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: HeroParams = rule.params
    home = params.scope.home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    top = opening(home, params.opening_sections, params.opening_words)
    if (keep := params.scope.keeps(home, lex)) is not None:
        top = [b for b in top if b.index in keep]
    last = top[-1].index + 1 if top else 0
    low, high = params.scope.block_range(home, lex)
    # a booking button in the header counts; other header or banner buttons ("Ok") do not
    header = [k for k in home.nav_links if is_buy_action(k, lex)]
    links = [k for k in home.links if low <= k.block_index <= last and k.block_index <= high]
    links += header
    if any(is_call_to_action(k, lex) for k in links):
        return
    # the first five weak routes are what the finding shows (a page may have 20,000 links)
    weak = list(islice(
        (k for k in links if k.text and (is_message_link(k.href, lex.markup) or _weak(k, lex))), 5
    ))  # fmt: skip
    first = top[0] if top else home.blocks[0]
    if weak:
        texts = [k.text for k in weak[:5]]
        yield Hit(home, weak[0].text, link=weak[0], variant="weak", subject=HOMEPAGE,
                  params={"route": weak[0].text}, evidence={"links": texts})  # fmt: skip
    else:
        yield Hit(home, first.text, block=first, variant="none", subject=HOMEPAGE,
                  params={"quote": first.text})  # fmt: skip

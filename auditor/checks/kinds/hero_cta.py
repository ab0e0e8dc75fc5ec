"""Check kind `hero_cta`: the opening of the homepage has a call to action."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.coverage import readable_home
from auditor.checks.kinds.homepage_opening import opening
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Link, Page
from auditor.site.model import Site
from auditor.site.offers import is_buy_action, is_message_link


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


@check_kind("hero_cta")
def hero_cta(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    home = readable_home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    params = rule.params
    top = opening(home, params.get("opening_sections", 1), params.get("opening_words", 150))
    last = top[-1].index + 1 if top else 0
    # a booking button in the header counts; other header or banner buttons ("Ok") do not
    header = [k for k in home.nav_links if is_buy_action(k, lex)]
    links = [k for k in home.links if k.block_index <= last] + header
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

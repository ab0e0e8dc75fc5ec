"""Check kind `offer_price`: every offer shows its price where it is described."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from auditor.checks.identity import offer_subject
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.site.model import Offer, Region, Site
from auditor.site.offers import name_words
from auditor.site.prices import find_prices
from auditor.site.roles import role_of_label


class PricingIndex:
    """The blocks of the pricing regions that hold a price, indexed by the words around them:
    the first such block that shares a word with an offer's name is found in one look-up a
    word, not by reading every block again for every offer."""

    def __init__(self, regions: list[Region], lexicon: Callable[[Page], Lexicon]) -> None:
        self.priced: list[tuple[str, str]] = []  # (page, price) of each priced block, in order
        self.pages: list[Page] = []  # the page of each priced block
        self.contexts: list[frozenset[str]] = []  # the words of each one's section and text
        self.by_word: dict[str, list[int]] = {}  # word -> the priced blocks with it, in order
        for region in regions:
            traps = lexicon(region.page).raw("price_traps")
            for block in region.blocks:
                prices = find_prices(block.text, traps)
                if not prices:
                    continue
                context = frozenset(re.findall(r"\w+", f"{block.section} {block.text}".lower()))
                for word in context:
                    self.by_word.setdefault(word, []).append(len(self.priced))
                self.priced.append((region.page.url, prices[0].text))
                self.pages.append(region.page)
                self.contexts.append(context)

    def price_for(self, offer: Offer) -> tuple[str | None, str]:
        """The page of a pricing block with a price for this offer (by name if possible)."""
        hits = [self.by_word[w][0] for w in name_words(offer.name) if w in self.by_word]
        if hits:
            return self.priced[min(hits)]
        return self.priced[0] if self.priced else (None, "")

    def named_prices(self, offer: Offer) -> dict[str, str]:
        """Page -> the first price a pricing block of another page gives in a block that names
        the offer (every word of its name), looked up from its rarest word's blocks."""
        words = name_words(offer.name)
        if not words or any(w not in self.by_word for w in words):
            return {}
        rarest = min((self.by_word[w] for w in words), key=len)
        found: dict[str, str] = {}
        for n in rarest:
            page, price = self.priced[n]
            if self.pages[n] is not offer.page and page not in found and words <= self.contexts[n]:
                found[page] = price
        return found


def price_on_its_page(offer: Offer, lex: Lexicon) -> str | None:
    """A price elsewhere on the offer's own page, as written, in a block or section that names
    the offer (a fees section of a one-page site); for an offer named only "Services" or
    "Aanbod", whose services the fees name one by one, any price on the page."""
    words = name_words(offer.name)
    # "Services", "Aanbod": a menu word, not the name of a service ("Therapie" is one)
    named = lex["offer_words"].search(offer.name)
    generic = role_of_label(offer.name, lex) == "offer" and not named
    traps = lex.raw("price_traps")
    for block in offer.page.blocks:
        if block.quoted or offer.first_block <= block.index <= offer.last_block:
            continue
        prices = find_prices(block.text, traps)
        if not prices:
            continue
        context = set(re.findall(r"\w+", f"{block.section} {block.text}".lower()))
        if generic or words & context:
            return prices[0].text
    return None


@check_kind("offer_price", params=KindParams, variants=("elsewhere", "on_request", "nowhere"))
def offer_price(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: KindParams = rule.params
    offers = params.scope.offers_read(site, lexicon)
    if isinstance(offers, NotChecked):
        yield offers
        return
    pricing: PricingIndex | None = None  # built when an offer first needs it
    for offer in offers:
        if offer.prices or price_on_its_page(offer, lexicon(offer.page)) is not None:
            continue
        pricing = pricing or PricingIndex(site.regions_of("pricing"), lexicon)
        found_on, price = pricing.price_for(offer)
        if found_on:
            variant = "elsewhere"
        elif offer.price_on_request:
            variant = "on_request"
        else:
            variant = "nowhere"
        yield Hit(
            page=offer.page,
            excerpt=offer.name,
            subject=offer_subject(offer),
            block=offer.page.blocks[offer.first_block],
            variant=variant,
            params={"offer": offer.name, "price_page": found_on or ""},
            evidence={"offer": offer.name, "price_found_on": found_on, "price": price or None},
        )

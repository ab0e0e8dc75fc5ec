"""Check kind `offer_action`: every offer has a button to buy, book or sign up."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from auditor.checks.coverage import no_offers
from auditor.lexicon import Lexicon
from auditor.model import Link, Page, Site
from auditor.offers import is_message_link
from auditor.rules import Hit, NotChecked, Rule, check_kind


def _variant(route: Link | None) -> str:
    if route is None:
        return "none"
    return "contact_only" if is_message_link(route.href) else "contact_page"


@check_kind("offer_action")
def offer_action(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    if not site.offers:
        yield no_offers(site, lexicon)
        return
    for offer in site.offers:
        if offer.actions:
            continue
        route = offer.contact_only[0] if offer.contact_only else None
        yield Hit(
            page=offer.page,
            excerpt=route.text or route.href if route else offer.name,
            block=offer.page.blocks[offer.first_block],
            link=route,
            variant=_variant(route),
            params={"offer": offer.name, "route": (route.text or route.href) if route else ""},
            evidence={
                "offer": offer.name,
                "only_route": route.href if route else None,
            },
        )

"""Check kind `offer_action`: every offer has a button to buy, book or sign up.

A button counts by where it leads (auditor/site/destinations.py): "Boek nu" to a page that only
gives an e-mail address is "mail me" in disguise. An offer with no action of its own passes
when its page carries a booking or checkout action outside the other offers on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from auditor.checks.identity import offer_subject
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Link, Page
from auditor.site.destinations import DISGUISED
from auditor.site.model import Destination, Offer, Site
from auditor.site.offers import is_buy_label, is_message_link


def _leads_to(offer: Offer, link: Link) -> Destination | None:
    return next((dest for lk, dest in offer.leads if lk is link), None)


def _variant(route: Link | None, dest: Destination | None, disguised: bool, lex: Lexicon) -> str:
    if route is None:
        return "none"
    if disguised and dest is not None:
        return f"disguised_{dest.kind}"
    return "contact_only" if is_message_link(route.href, lex.markup) else "contact_page"


@check_kind(
    "offer_action", params=KindParams,
    variants=("none", "contact_only", "contact_page", *(f"disguised_{k}" for k in DISGUISED)),
)  # fmt: skip
def offer_action(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: KindParams = rule.params
    offers = params.scope.offers_read(site, lexicon)
    if isinstance(offers, NotChecked):
        yield offers
        return
    for offer in offers:
        if offer.actions or offer.page_actions:
            continue
        lex = lexicon(offer.page)
        routes = [(lk, _leads_to(offer, lk)) for lk in offer.contact_only]
        # a button that says it books but leads only to a way to write comes first
        disguised = [
            (lk, dest)
            for lk, dest in routes
            if dest is not None and dest.kind in DISGUISED and is_buy_label(lk, lex)
        ]
        route, dest = (disguised or routes or [(None, None)])[0]
        label = (route.text or route.href) if route else ""
        leads_to = dest.target if dest else (route.href if route else None)
        yield Hit(
            page=offer.page,
            excerpt=label or offer.name,
            subject=offer_subject(offer),
            block=offer.page.blocks[offer.first_block],
            link=route,
            variant=_variant(route, dest, bool(disguised), lex),
            params={"offer": offer.name, "route": label, "leads_to": leads_to or ""},
            evidence={
                "offer": offer.name,
                "only_route": route.href if route else None,
                "button": label or None,
                "leads_to": leads_to,
                # "unknown": the page it opens was not read, so its label was judged
                "destination_kind": dest.kind if dest else None,
                "destination": dest.reason if dest else None,
            },
        )

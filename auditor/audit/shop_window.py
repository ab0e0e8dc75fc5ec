"""The shop window: each offer as a visitor meets it. Its price as written (or the page that
shows it instead), its call to action and where that leads, a client's words near it, how
many clicks it is from the homepage, and the prices that differ for it on other pages.

Computed from the Site model once the rules ran; the reports (and `auditor inspect`) show it.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from auditor.audit.report_data import ShopItem
from auditor.checks.kinds.offer_price import PricingIndex, price_on_its_page
from auditor.core.urls import page_key
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Link, Page
from auditor.site.build import site_host
from auditor.site.model import Destination, Offer, Site
from auditor.site.offers import action_host_kind
from auditor.site.prices import find_prices

QUOTE_AFTER = 3  # blocks after an offer that may hold a client's words about it
QUOTE_CHARS = 200
MIN_QUOTE_WORDS = 6


def clicks_from_home(site: Site) -> dict[str, int]:
    """Page URL -> the fewest links to follow from the homepage (menus count), for the pages a
    link leads to; pages whose copy was not kept (auditor/audit/pagework.py) are dead ends."""
    home = site.home
    if home is None:
        return {}
    host = site_host(site.target, site.pages)
    by_key = {page_key(p.url, host): p for p in site.pages}
    depth = {home.url: 0}
    queue = deque([home])
    while queue:
        page = queue.popleft()
        for link in [*page.nav_links, *page.links]:
            target = by_key.get(page_key(link.href, host))
            if target is not None and target.url not in depth:
                depth[target.url] = depth[page.url] + 1
                queue.append(target)
    return depth


def _action(offer: Offer) -> tuple[Link | None, Destination | None]:
    """Its call to action: a buy or book link, else a contact route; and where it leads."""
    leads = {id(link): dest for link, dest in offer.leads}
    link = next(iter(offer.actions or offer.contact_only), None)
    if link is None:
        return None, (offer.page_actions[0] if offer.page_actions else None)
    return link, leads.get(id(link))


def _leads(
    link: Link | None, dest: Destination | None, markup: Mapping[str, Any]
) -> tuple[str | None, str | None]:
    """What kind of place the action opens, and which (`markup`: the markup knowledge)."""
    href = link.href if link else ""
    if href.lower().startswith("mailto:"):
        return "mail", href[7:].split("?")[0]
    if href.lower().startswith(("tel:", "whatsapp:", "https://wa.me")):
        return "phone", href.split(":", 1)[-1]
    if dest is not None and dest.kind != "unknown":
        return dest.kind, dest.target
    if link is None:
        return None, None
    kind = action_host_kind(href, markup)
    return (("checkout" if kind == "payment" else kind) or "page"), href


def _quote(offer: Offer) -> str | None:
    """A client's words in the offer or just after it, if any."""
    last = min(offer.last_block + QUOTE_AFTER, len(offer.page.blocks) - 1)
    for block in offer.page.blocks[offer.first_block : last + 1]:
        if block.quoted and block.kind != "heading" and len(block.text.split()) >= MIN_QUOTE_WORDS:
            text = block.text
            return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
    return None


def _key(name: str) -> str:
    """An offer's name for matching it across pages: lower case, words only."""
    return " ".join(re.findall(r"\w+", name.lower()))


def _amount(text: str) -> float | None:
    """The amount of a price as written ("€ 1.250,-" is 1250), or None."""
    prices = find_prices(text)
    return prices[0].amount if prices else None


def shop_window(site: Site) -> list[ShopItem]:
    """Each offer of the site, in the order found."""

    def lexicon(page: Page) -> Lexicon:
        return site.knowledge.lexicon(page.lang)

    clicks = clicks_from_home(site)
    pricing = PricingIndex(site.regions_of("pricing"), lexicon)
    items = [_item(offer, lexicon, pricing, clicks) for offer in site.offers]
    return _flag_prices(items, site, pricing)


def _item(
    offer: Offer,
    lexicon: Callable[[Page], Lexicon],
    pricing: PricingIndex,
    clicks: dict[str, int],
) -> ShopItem:
    price = offer.prices[0].text if offer.prices else price_on_its_page(offer, lexicon(offer.page))
    price_on = None
    if price is None:
        found_on, _ = pricing.price_for(offer)
        price_on = found_on if found_on != offer.page.url else None
    link, dest = _action(offer)
    leads_to, target = _leads(link, dest, lexicon(offer.page).markup)
    return ShopItem(
        name=offer.name,
        page=offer.page.url,
        price=price,
        price_on=price_on,
        price_on_request=offer.price_on_request,
        action=(link.text or link.href) if link else None,
        leads_to=leads_to,
        leads_target=target,
        quote=_quote(offer),
        clicks=clicks.get(offer.page.url),
    )


def _flag_prices(items: list[ShopItem], site: Site, pricing: PricingIndex) -> list[ShopItem]:
    """Each item with the prices other pages give the same offer when they differ from its own:
    the same offer described on two pages, or a pricing section that names it."""
    by_name: dict[str, list[ShopItem]] = {}
    for item in items:
        by_name.setdefault(_key(item.name), []).append(item)
    flagged = []
    for offer, item in zip(site.offers, items, strict=True):
        own = _amount(item.price or "")
        others = pricing.named_prices(offer) if own is not None else {}
        for twin in by_name[_key(item.name)]:
            if twin.page != item.page and twin.price:
                others.setdefault(twin.page, twin.price)
        differ = {
            page: price
            for page, price in others.items()
            if own is not None and _amount(price) not in (None, own)
        }
        flagged.append(replace(item, other_prices=differ) if differ else item)
    return flagged

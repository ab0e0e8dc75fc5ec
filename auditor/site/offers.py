"""Find the offers on a site: pages and sections that describe something to buy."""

from __future__ import annotations

import re
from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlsplit

from auditor.core.urls import page_key, plain_path, slug_words
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Link, Page
from auditor.site.model import Destination, LeadsTo, Offer, Price, Region
from auditor.site.prices import find_prices

MAX_NAME_WORDS = 6
NOT_DESCRIBING = {"home", "contact", "about", "privacy", "pricing"}


def _host_rule_matches(rule: str, host: str, path: str) -> bool:
    rule_host, _, rule_path = rule.partition("/")
    host_ok = fnmatchcase(host, rule_host) or (rule_host.startswith("*.") and host == rule_host[2:])
    if rule_host.endswith(".*"):
        host_ok = host.startswith(rule_host[:-1]) or f".{rule_host[:-1]}" in host
    return host_ok and path.lstrip("/").startswith(rule_path)


def action_host_kind(href: str, markup: Mapping[str, Any]) -> str | None:
    """ "booking", "payment", "checkout" or "events" for a link to such a service (its host
    or path in `markup`, the markup knowledge), else None."""
    if plain_path(href):  # no host, no query: only its path can name a checkout
        target = href.lower()
        return "checkout" if any(p in target for p in markup["action_paths"]) else None
    parts = urlsplit(href)
    host = (parts.hostname or "").lower().removeprefix("www.")
    hosts = markup["hosts"]
    if host:
        for kind, rules in hosts.items():
            if any(_host_rule_matches(rule, host, parts.path) for rule in rules):
                return kind
    target = (parts.path + ("?" + parts.query if parts.query else "")).lower()
    if any(p in target for p in markup["action_paths"]):
        return "checkout"
    return None


def is_message_link(href: str, markup: Mapping[str, Any]) -> bool:
    """A mailto, phone, WhatsApp or webmail link (`markup`'s contact schemes): it opens a
    message, not a page."""
    href = href.lower()
    return any(s in href for s in markup["contact_schemes"])


def is_contact_only(link: Link, lex: Lexicon, leads_to: Destination | None = None) -> bool:
    """A message link, a link that leads only to a way to write (when `leads_to` is known),
    or a "contact me" label: a way to ask, not to buy."""
    if is_message_link(link.href, lex.markup):
        return True
    if leads_to is not None and leads_to.kind != "unknown" and leads_to.kind != "page":
        return not leads_to.buys
    return bool(link.text) and lex["cta.contact"].fullmatch(link.text)


def is_buy_label(link: Link, lex: Lexicon) -> bool:
    """A label that buys, books or signs up ("Boek nu", "Vraag een consult aan")."""
    text = link.text
    if not text or len(text.split()) > 10 or lex["cta.weak"].fullmatch(text):
        return False
    match = lex["cta.buy"].search(text)
    # the verb leads a call to action: "Boek nu", "Plan een gesprek", "Book your call"
    return bool(match) and len(text[: match.start()].split()) <= 2


def is_buy_action(link: Link, lex: Lexicon, leads_to: Destination | None = None) -> bool:
    """A link or button that buys, books or signs up (not "mail me", not "read more").

    Where it leads decides when that is known (`leads_to`, see auditor/site/destinations.py):
    a booking tool, checkout or booking form buys whatever the label; a page that only
    offers a way to write does not. Otherwise the label decides.
    """
    if leads_to is not None and leads_to.kind not in ("unknown", "page"):
        return leads_to.buys
    if link.href.lower().startswith(("mailto:", "tel:", "sms:")):
        return False
    if action_host_kind(link.href, lex.markup):
        return True
    return is_buy_label(link, lex)


def _card_headings(blocks: list[Block], lex: Lexicon) -> list[Block]:
    """Headings that name an offer, at the level used by at least two of them."""
    named = [
        b
        for b in blocks
        if b.kind == "heading"
        and b.level >= 2
        and not b.quoted
        and not b.text.rstrip().endswith(("?", ":"))
        and len(b.text.split()) <= MAX_NAME_WORDS
        and not lex["question_words"].search(b.text.split()[0])
        and lex["offer_words"].search(b.text)
    ]
    by_level: dict[int, list[Block]] = {}
    for b in named:
        by_level.setdefault(b.level, []).append(b)
    levels = [lvl for lvl, hs in sorted(by_level.items()) if len(hs) >= 2]
    return by_level[levels[0]] if levels else []


def prices_in(blocks: list[Block], lex: Lexicon) -> list[Price]:
    """The prices in these blocks, with the language's income-claim traps left out."""
    traps = lex.raw("price_traps")
    return [p for b in blocks for p in find_prices(b.text, traps)]


def _carries_terms(page: Page, first: int, last: int, lex: Lexicon) -> bool:
    """An offer card carries its own price, link or button."""
    if prices_in(page.blocks[first : last + 1], lex):
        return True
    return any(first <= lk.block_index <= last for lk in page.links)


def _section_end(blocks: list[Block], start: int, last: int) -> int:
    """The last block of the section a heading at `start` opens (up to `last`)."""
    level = blocks[start].level
    for b in blocks[start + 1 : last + 1]:
        if b.kind == "heading" and b.level <= level:
            return b.index - 1
    return last


def _make_offer(
    page: Page, name: str, first: int, last: int, lex: Lexicon, leads: LeadsTo | None = None
) -> Offer:
    blocks = page.blocks[first : last + 1]
    prices = prices_in([b for b in blocks if not b.quoted], lex)
    on_request = any(lex["price_on_request"].search(b.text) for b in blocks)
    # links inside the description, and a button right after it, with where each leads
    near = [
        (lk, leads.of(lk, page) if leads else None)
        for lk in page.links
        if first <= lk.block_index <= last + 1
    ]
    return Offer(
        name=name[:120],
        page=page,
        first_block=first,
        last_block=last,
        prices=prices,
        price_on_request=on_request,
        actions=[lk for lk, dest in near if is_buy_action(lk, lex, dest)],
        contact_only=[lk for lk, dest in near if is_contact_only(lk, lex, dest)],
        leads=[(lk, dest) for lk, dest in near if dest is not None],
    )


def name_words(text: str) -> set[str]:
    """The words of a name that can tell two names apart (four letters or more)."""
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4}


def _describes(target: Page, name: str, host: str) -> bool:
    """Does the offer page `target` describe the thing a card names ("Familieopstellingen",
    "Lees meer" -> /aanbod/familie-opstellingen)?"""
    own = name_words(f"{target.h1} {target.title} {slug_words(page_key(target.url, host) or '')}")
    return bool(name_words(name) & own)


def _is_teaser(
    page: Page,
    first: int,
    last: int,
    pages: dict[str, Page],
    host: str,
    lex: Lexicon,
    name: str | None = None,
) -> bool:
    """A description that defers to an offer page of its own (here or on another site).

    A card (`name`: its heading) defers when it links to an offer page that describes the
    same thing. A whole region (`name` None) defers only when it is an overview: it links to
    two or more offer pages, from at least half of its sections; an offer page that points
    to other offers in a "see also" list still describes its own.
    """
    own = page_key(page.url, host)
    sections: dict[str, str] = {}  # offer page linked -> the section the link stands in
    for lk in page.links:
        if not first <= lk.block_index <= last + 1:
            continue
        key = page_key(lk.href, host)
        target = pages.get(key) if key and key != own else None
        if target is not None and target.role == "offer":
            if name is not None and _describes(target, name, host):
                return True
            sections[key] = page.blocks[lk.block_index].section if lk.block_index >= 0 else ""
        if key is None and lk.is_button and lk.href.startswith("http"):
            # "Visit FINO": described on another site (a webmail or booking link is no teaser)
            return not (action_host_kind(lk.href, lex.markup) or is_contact_only(lk, lex))
    if name is not None:
        return False
    linking = set(sections.values())
    own_sections = {b.section for b in page.blocks[first : last + 1]}
    return len(sections) >= 2 and 2 * len(linking) >= len(own_sections)


def offers_in(
    region: Region, lex: Lexicon, pages: dict[str, Page], host: str, leads: LeadsTo | None = None
) -> list[Offer]:
    """The offers described in a region: one per offer card, or the region as one offer.

    `pages`: the site's pages by key; `leads` judges where their links lead (without it,
    their labels decide)."""
    page = region.page
    blocks = page.blocks[region.first_block : region.last_block + 1]
    cards = [
        (h.text, h.index, _section_end(page.blocks, h.index, region.last_block))
        for h in _card_headings(blocks, lex)
    ]
    # cards are separate offers only when at least two carry their own terms
    if sum(_carries_terms(page, first, last, lex) for _, first, last in cards) < 2:
        cards = []
    spans = cards or [(region.name, region.first_block, region.last_block)]
    offers = []
    for name, first, last in spans:
        teaser = _is_teaser(page, first, last, pages, host, lex, name if cards else None)
        if lex["free"].search(name) or teaser:
            continue
        offers.append(_make_offer(page, name, first, last, lex, leads))
    return offers


def sells(page: Page, lex: Lexicon) -> bool:
    """A page that names a service in a heading, or shows a price: it sells something."""
    copy = [b for b in page.blocks if not b.quoted]
    return any(b.kind == "heading" and lex["offer_words"].search(b.text) for b in copy) or bool(
        prices_in(copy, lex)
    )

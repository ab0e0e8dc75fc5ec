"""Page roles from content: what a page's copy says it is when its name says nothing.

A page named after the practitioner ("Behandelaar"), the method ("Werkwijze"), the complaint
("Klachten") or the practice ("Praktijk") gets no role from its slug, menu label or h1. Its
copy still tells: several prices make a pricing page, a first-person account of the owner's
background an about page, a description of a service with its terms (or its terms alone: a
price with a duration or a booking button) an offer page.

The thresholds were read off a table of these counts for the 199 labelled pages of
../shared/corpus (46 sites, nl/en/de) as values that separate the roles with room on both
sides (not cross-validated: they decide roles, not findings); each is a share or a count of
word classes, never a site's wording. `python -m auditor.evaluate CORPUS --roles` prints how
the roles compare with the labelled pages.
"""

from __future__ import annotations

import re
from functools import cache

from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import ContentSignals, Page
from auditor.site.offers import is_buy_action
from auditor.site.prices import find_prices

MIN_WORDS = 40  # a page with less copy says too little to judge by it
PRICING_MIN_PRICED = 3  # blocks with a price: "several prices"
PRICING_MIN_SHARE = 0.2  # ... and at least this share of the copy's blocks carry one
ABOUT_MIN_FIRST_PERSON = 0.35  # share of copy blocks in the first person (offer pages: < 0.35)
ABOUT_MIN_BACKGROUND = 2  # credential, career or biography phrases
THIRD_PERSON_MIN_BACKGROUND = 4  # a CV in the third person ("Monique studeerde..."), only
# when no page of the site is the about page by name or first-person copy
OFFER_MIN_WORDS = 3  # service words (sessions, treatments, courses) in the copy
OFFER_DENSE_WORDS = 5  # so many describe a service even without its terms on the page


@cache
def _duration(units: tuple[str, ...]) -> re.Pattern[str]:
    """A number followed by a unit of time: "60 minuten", "1,5 uur", "90 min"."""
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"\b\d+(?:[.,]\d+)?\s?(?:{alternatives})\b", re.IGNORECASE)


def content_signals(page: Page, lex: Lexicon) -> ContentSignals:
    """Count what the page's own copy (not quotes) says about what kind of page it is."""
    copy = [b for b in page.blocks if not b.quoted]
    traps = lex.raw("price_traps")
    duration = _duration(tuple(lex.raw("duration_units")))
    first_person, offer_words = lex["i"], lex["offer_words"]
    offers = [offer_words.count(b.text) for b in copy]
    return ContentSignals(
        blocks=len(copy),
        words=sum(len(b.text.split()) for b in copy),
        first_person=sum(1 for b in copy if first_person.search(b.text)),
        priced=sum(1 for b in copy if find_prices(b.text, traps)),
        durations=sum(1 for b in copy if duration.search(b.text)),
        offer_words=sum(offers),
        offer_headings=sum(
            1 for b, n in zip(copy, offers, strict=True) if n and b.kind == "heading"
        ),
        background=sum(
            lex["credentials"].count(b.text) + lex["biography"].count(b.text) for b in copy
        ),
        buy_actions=sum(1 for link in page.links if is_buy_action(link, lex)),
    )


def content_role(signals: ContentSignals) -> tuple[str, str] | None:
    """The role the copy gives a page, with the reason, or None when it does not tell."""
    s = signals
    if s.words < MIN_WORDS or not s.blocks:
        return None
    if s.priced >= PRICING_MIN_PRICED and s.priced >= PRICING_MIN_SHARE * s.blocks:
        return "pricing", f"{s.priced} of its {s.blocks} blocks of copy carry a price"
    if s.first_person >= ABOUT_MIN_FIRST_PERSON * s.blocks and s.background >= ABOUT_MIN_BACKGROUND:
        return "about", (
            f"{s.first_person} of its {s.blocks} blocks are in the first person, with "
            f"{s.background} words of training, career or life story"
        )
    signs = (
        ("a price", s.priced),
        ("a duration", s.durations),
        ("a booking button", s.buy_actions),
    )
    terms = [name for name, n in signs if n]
    if 0 < s.offer_words <= s.background:  # "training", "cursus": the owner's own path
        return None
    described = s.offer_words >= OFFER_MIN_WORDS or s.offer_headings > 0
    if (described and terms) or len(terms) >= 2 or s.offer_words >= OFFER_DENSE_WORDS:
        what = f"{s.offer_words} words naming a service"
        return "offer", f"{what} and {', '.join(terms)}" if terms else what
    return None


def third_person_about(signals: ContentSignals) -> str | None:
    """Why a page reads as the owner's CV told in the third person, or None: mostly training,
    career and registrations, far more of them than words naming a service."""
    s = signals
    if s.words < MIN_WORDS or s.background < THIRD_PERSON_MIN_BACKGROUND:
        return None
    if s.background < 2 * s.offer_words:
        return None
    return f"{s.background} words of training, career or registration, and no other about page"

"""Check kinds: the Python behind the rules. Importing this package registers them all."""

from auditor.checks import (
    about_page,
    generic,
    hero_cta,
    homepage_opening,
    ideal_client,
    jargon,
    letter_signoff,
    offer_action,
    offer_price,
    self_focus,
    signup_form,
    social_proof,
    unused_suppression,
)

__all__ = [
    "about_page",
    "generic",
    "hero_cta",
    "homepage_opening",
    "ideal_client",
    "jargon",
    "letter_signoff",
    "offer_action",
    "offer_price",
    "self_focus",
    "signup_form",
    "social_proof",
    "unused_suppression",
]

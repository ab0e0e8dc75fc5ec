"""Check kinds: the Python behind the rules. Importing this package registers them all."""

from auditor.checks import about_page, homepage_opening, offer_action, offer_price

__all__ = ["about_page", "homepage_opening", "offer_action", "offer_price"]

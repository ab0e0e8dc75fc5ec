"""The check kinds: the Python behind the rules, by the name rule files give in `check:`."""

from collections.abc import Mapping
from types import MappingProxyType, ModuleType

from auditor.checks.kinds import (
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
from auditor.checks.rule import CheckKind

_MODULES: tuple[ModuleType, ...] = (
    about_page, generic, hero_cta, homepage_opening, ideal_client, jargon, letter_signoff,
    offer_action, offer_price, self_focus, signup_form, social_proof, unused_suppression,
)  # fmt: skip

# every kind the modules declare (read-only: a test or a caller passes its own mapping instead)
KINDS: Mapping[str, CheckKind] = MappingProxyType(
    {
        kind.name: kind
        for module in _MODULES
        for kind in vars(module).values()
        if isinstance(kind, CheckKind)
    }
)

"""Check kind `self_focus`: the homepage says "you" more than "I" (quotes excluded)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from auditor.checks.coverage import readable_home
from auditor.checks.own_copy import own_copy
from auditor.identity import HOMEPAGE
from auditor.lexicon import Lexicon
from auditor.model import Page, Site
from auditor.rules import Hit, NotChecked, Rule, check_kind


def pronoun_counts(page: Page, lex: Lexicon) -> tuple[int, int]:
    """How often the page's own copy says I/me/my and you/your (testimonials do not count)."""
    copy = [b.text for b in own_copy(page, lex)]
    return sum(lex["i"].count(t) for t in copy), sum(lex["you"].count(t) for t in copy)


@check_kind("self_focus")
def self_focus(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    home = readable_home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    mine, yours = pronoun_counts(home, lex)
    if mine >= rule.params.get("min_i", 8) and mine > rule.params.get("ratio", 1.5) * yours:
        block = max((b for b in home.blocks if not b.quoted), key=lambda b: lex["i"].count(b.text))
        yield Hit(home, block.text, block=block,
                  params={"i": str(mine), "you": str(yours)}, subject=HOMEPAGE,
                  evidence={"i": mine, "you": yours})  # fmt: skip

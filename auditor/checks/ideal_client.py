"""Check kind `ideal_client`: the homepage says who it is for, or names the reader's problem."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from auditor.checks.coverage import readable_home
from auditor.checks.own_copy import own_copy
from auditor.identity import HOMEPAGE
from auditor.lexicon import Lexicon
from auditor.model import Page, Site
from auditor.rules import Hit, NotChecked, Rule, check_kind

# naming the reader or a problem weighs twice as much as a question to the reader
WEIGHTS = {"audience": 2, "pain": 2, "reader_questions": 1}


def reader_signals(page: Page, lex: Lexicon) -> dict[str, int]:
    """The distinct phrases of the page's own copy (quotes excluded) that speak of its reader."""
    found: dict[str, int] = {}
    for b in own_copy(page, lex):
        for key, weight in WEIGHTS.items():
            for phrase in lex[key].findall(b.text):
                found[phrase.lower()] = max(found.get(phrase.lower(), 0), weight)
    return found


@check_kind("ideal_client")
def ideal_client(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    home = readable_home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    signals = reader_signals(home, lexicon(home))
    if sum(signals.values()) < rule.params.get("min_weight", 2):
        block = next((b for b in home.blocks if b.kind == "heading"), home.blocks[0])
        yield Hit(home, block.text, block=block, params={"quote": block.text}, subject=HOMEPAGE,
                  evidence={"signals": sorted(signals)})  # fmt: skip

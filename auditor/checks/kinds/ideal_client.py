"""Check kind `ideal_client`: the homepage says who it is for, or names the reader's problem.

Read over the homepage's sentences (page/sentences.py): an audience (site/audience.py) or
a "who this is for" section marker in the owner's copy weighs 2; a problem weighs 2 unless the
owner tells it of herself or a client of himself; a question to the reader weighs 1, and so
does each situation of the reader listed under it ("Herken je dit?" and three situations). Each
signal counts once however often it is repeated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.page.sentences import page_sentences
from auditor.site.audience import AUDIENCE_KEYS, audiences, problems
from auditor.site.model import Site

WEIGHTS = {"audience": 2, "problem": 2, "question": 1, "situation": 1}


@dataclass(frozen=True, kw_only=True)
class IdealClientParams(KindParams):
    min_weight: int  # naming the reader or a problem weighs 2, a question to the reader 1


def reader_signals(page: Page, lex: Lexicon, keep: set[int] | None = None) -> dict[str, int]:
    """The distinct signals of the page's own copy (in the blocks `keep`, None: all) that
    speak of its reader, with weights."""
    found: dict[str, int] = {}

    def add(kind: str, what: str) -> None:
        key = f"{kind}: {what.lower()}"
        found[key] = max(found.get(key, 0), WEIGHTS[kind])

    asked = False  # a question to the reader heads the list items after it
    for s in page_sentences(page, lex):
        if s.speaker in ("client", "logistics") or (keep is not None and s.block.index not in keep):
            continue
        if s.block.kind == "heading":
            asked = False
        if asked and s.block.kind == "item" and s.to_reader:
            add("situation", s.text[:60])  # "Herken je dit?" and the reader's situations
        for what in [*audiences(s, lex), *lex["audience"].findall(s.text)]:
            add("audience", what)
        if s.speaker != "owner" and (s.to_reader or s.block.kind in ("item", "cell")):
            for what in problems(s, lex):
                add("problem", what)
        if s.to_reader and s.question:
            add("question", s.text[:60])
            asked = True
    return found


@check_kind("ideal_client", params=IdealClientParams, lexicon=("audience", "pain", *AUDIENCE_KEYS))
def ideal_client(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: IdealClientParams = rule.params
    home = params.scope.home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    signals = reader_signals(home, lex, params.scope.keeps(home, lex))
    if sum(signals.values()) < params.min_weight:
        block = next((b for b in home.blocks if b.kind == "heading"), home.blocks[0])
        yield Hit(home, block.text, block=block, params={"quote": block.text}, subject=HOMEPAGE,
                  evidence={"signals": sorted(signals)})  # fmt: skip

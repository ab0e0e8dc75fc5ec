"""Check kind `self_focus`: the homepage's sentences speak to the reader more than of the owner."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page, Sentence
from auditor.page.sentences import page_sentences
from auditor.site.model import Site


@dataclass(frozen=True, kw_only=True)
class SelfFocusParams(KindParams):
    min_owner: int  # only judge a page with at least this many sentences about the owner
    ratio: float  # flag when those outnumber the sentences to the reader this many times


def focus_counts(
    page: Page, lex: Lexicon, keep: set[int] | None = None
) -> tuple[list[Sentence], int]:
    """The owner's sentences about herself, and how many sentences speak to the reader (in
    the blocks `keep`, None: all)."""
    sentences = [s for s in page_sentences(page, lex) if keep is None or s.block.index in keep]
    owner = [s for s in sentences if s.speaker == "owner"]
    return owner, sum(1 for s in sentences if s.speaker == "copy" and s.to_reader)


@check_kind("self_focus", params=SelfFocusParams)
def self_focus(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: SelfFocusParams = rule.params
    home = params.scope.home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    owner, reader = focus_counts(home, lex, params.scope.keeps(home, lex))
    if len(owner) >= params.min_owner and len(owner) > params.ratio * reader:
        per_block = Counter(s.block.index for s in owner)  # quote the block most about her
        block = home.blocks[per_block.most_common(1)[0][0]]
        yield Hit(home, block.text, block=block,
                  params={"i": str(len(owner)), "you": str(reader)}, subject=HOMEPAGE,
                  evidence={"owner_sentences": len(owner), "reader_sentences": reader})  # fmt: skip

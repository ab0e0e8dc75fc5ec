"""Check kind `self_focus`: the homepage's sentences speak to the reader more than of the owner."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.coverage import readable_home
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page, Sentence
from auditor.page.sentences import page_sentences
from auditor.site.model import Site


def focus_counts(page: Page, lex: Lexicon) -> tuple[list[Sentence], int]:
    """The owner's sentences about herself, and how many sentences speak to the reader."""
    sentences = page_sentences(page, lex)
    owner = [s for s in sentences if s.speaker == "owner"]
    return owner, sum(1 for s in sentences if s.speaker == "copy" and s.to_reader)


@check_kind("self_focus")
def self_focus(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    home = readable_home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    owner, reader = focus_counts(home, lexicon(home))
    if (
        len(owner) >= rule.params.get("min_owner", 5)
        and len(owner) > rule.params.get("ratio", 1.5) * reader
    ):
        per_block = Counter(s.block.index for s in owner)  # quote the block most about her
        block = home.blocks[per_block.most_common(1)[0][0]]
        yield Hit(home, block.text, block=block,
                  params={"i": str(len(owner)), "you": str(reader)}, subject=HOMEPAGE,
                  evidence={"owner_sentences": len(owner), "reader_sentences": reader})  # fmt: skip

"""Check kind `letter_signoff`: the homepage copy does not end like a letter."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from auditor.checks.own_copy import own_copy
from auditor.lexicon import Lexicon, normalise
from auditor.model import Block, Page, Site
from auditor.rules import Hit, Rule, check_kind

_SIGNATURE = "[signature]"
# what may follow a sign-off in its block: a name (capitalised words) or a signature image
_NAME = re.compile(r"(?:[A-ZÀ-Þ][\w'.-]*|&|en|and|van|de|der|den|von|\[signature\])")


def _is_name(text: str, max_words: int) -> bool:
    words = text.replace(",", " ").split()
    return 0 < len(words) <= max_words and all(_NAME.fullmatch(w) for w in words)


def signoff_in(blocks: list[Block], lex: Lexicon, max_name_words: int) -> tuple[Block, str] | None:
    """The block (among `blocks`) that is a letter's closing, and the closing phrase itself."""
    for i, b in enumerate(blocks):
        if b.kind == "heading" or b.quoted:
            continue
        m = lex["signoff"].search(b.text)
        if not m or normalise(b.text[: m.start()]).strip(" \"'"):
            continue
        rest = b.text[m.end() :].strip(" ,.!-\u2013\u2014\u2665\u2764")
        after = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if (
            (not rest and (not after or _is_name(after, max_name_words)))
            or _is_name(rest, max_name_words)
            or rest.startswith(_SIGNATURE)
        ):
            return b, m.group(0)
    return None


@check_kind("letter_signoff")
def letter_signoff(site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]) -> Iterator[Hit]:
    home = site.home
    if home is None:
        return
    lex = lexicon(home)
    last = own_copy(home, lex)[-rule.params.get("last_blocks", 3) :]
    found = signoff_in(last, lex, rule.params.get("max_name_words", 4))
    if found:
        block, phrase = found
        yield Hit(home, block.text, block=block, params={"quote": block.text},
                  evidence={"signoff": phrase})  # fmt: skip

"""Check kind `letter_signoff`: the homepage copy does not end like a letter."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.identity import HOMEPAGE
from auditor.checks.kinds.own_copy import own_copy
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon, normalise
from auditor.page.model import Block, Page
from auditor.site.model import Site

_SIGNATURE = "[signature]"
# a capitalised word of a name, the placeholder the parser leaves for a signature image, or
# the kisses after it ("Sanne x")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w'.-]*|&|\[signature\]|x{1,3}")
# a letter's closing in any words: a short line that ends in a comma ("Tot snel,", "Speak soon,",
# "Have a lovely day,"), with a word in lower case (so not "Amsterdam, Nederland")
_CLOSING = re.compile(r"^\s*(?P<close>[^\W\d][^,.!?:;\d]{1,40}),(?P<rest>.*)$", re.S)
_CLOSING_WORDS = 5


@dataclass(frozen=True, kw_only=True)
class SignoffParams(KindParams):
    last_blocks: int  # look in the last blocks of the main copy (footer excluded)
    max_name_words: int  # a name after the sign-off is at most this many words


def _is_name(text: str, max_words: int, lex: Lexicon) -> bool:
    """A name: capitalised words, with the lexicon's small words between ("van", "deine")."""
    small = {w.lower() for w in lex.raw("signoff_name_words")}
    words = text.replace(",", " ").split()
    return 0 < len(words) <= max_words and all(
        _NAME_WORD.fullmatch(w) or w.lower() in small for w in words
    )


def signoff_in(blocks: list[Block], lex: Lexicon, max_name_words: int) -> tuple[Block, str] | None:
    """The block (among `blocks`) that is a letter's closing, and the closing phrase itself:
    a sign-off of the lexicon, or a short closing line in any words, then a name."""
    for i, b in enumerate(blocks):
        if b.kind == "heading" or b.quoted:
            continue
        after = blocks[i + 1].text if i + 1 < len(blocks) else ""
        for phrase, rest in _closings(b.text, lex):
            rest = rest.strip(" ,.!-\u2013\u2014\u2665\u2764")
            if (
                (not rest and (not after or _is_name(after, max_name_words, lex)))
                or _is_name(rest, max_name_words, lex)
                or rest.startswith(_SIGNATURE)
            ):
                return b, phrase
    return None


def _closings(text: str, lex: Lexicon) -> Iterator[tuple[str, str]]:
    """Where the text may close a letter: (the closing, what follows it)."""
    m = lex["signoff"].search(text)
    if m and not normalise(text[: m.start()]).strip(" \"'"):
        yield m.group(0), text[m.end() :]
    c = _CLOSING.match(text)
    if c and _closing_words(c.group("close")):
        yield c.group("close"), c.group("rest")


def _closing_words(close: str) -> bool:
    """A closing's words: a few, one of them in lower case."""
    words = close.split()
    return 0 < len(words) <= _CLOSING_WORDS and any(w[0].islower() for w in words[1:] or words)


@check_kind("letter_signoff", params=SignoffParams, lexicon=("signoff", "signoff_name_words"))
def letter_signoff(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: SignoffParams = rule.params
    home = params.scope.home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    keep = params.scope.keeps(home, lex)
    copy = [b for b in own_copy(home, lex) if keep is None or b.index in keep]
    found = signoff_in(copy[-params.last_blocks :], lex, params.max_name_words)
    if found:
        block, phrase = found
        yield Hit(home, block.text, block=block, params={"quote": block.text}, subject=HOMEPAGE,
                  evidence={"signoff": phrase})  # fmt: skip

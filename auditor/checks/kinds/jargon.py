"""Check kind `jargon`: method names and acronyms on the homepage come with an explanation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.kinds.homepage_opening import sentence_at
from auditor.checks.kinds.own_copy import own_copy
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon, normalise
from auditor.page.model import Block, Page
from auditor.site.model import Site


@dataclass(frozen=True, kw_only=True)
class JargonParams(KindParams):
    gloss_window: int  # a gloss counts in this many blocks before and after the term
    max_terms: int  # judge at most this many terms (each at its first use)


def _shouting(text: str) -> bool:
    """A block in capitals: acronyms cannot be told from words there."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def explained(term: str, block: Block, near: list[Block], page: Page, lex: Lexicon) -> bool:
    """A gloss: <abbr title>, a parenthesis or dash right after it, a link on it, a gloss phrase."""
    key = term.lower()
    if any(key == a.lower() for a in page.abbreviations):
        return True
    if any(key in k.text.lower() for k in page.links if k.text and not k.is_button):
        return True
    text = normalise(block.text)
    at = text.lower().find(key)
    after = text[at + len(term) : at + len(term) + 3].lstrip()
    if after[:1] in ("(", ":", "-"):
        return True
    if text[max(0, at - 40) : at].rstrip().endswith("("):
        return True
    return any(lex["gloss"].search(b.text) for b in near)


@check_kind("jargon", params=JargonParams, lexicon=("jargon", "gloss"))
def jargon(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: JargonParams = rule.params
    home = params.scope.home(site)
    if isinstance(home, NotChecked):
        yield home
        return
    lex = lexicon(home)
    window = params.gloss_window
    keep = params.scope.keeps(home, lex)
    copy = [b for b in own_copy(home, lex) if keep is None or b.index in keep]
    reported: set[str] = set()
    for i, b in enumerate(copy):
        if _shouting(b.text):
            continue
        for term in dict.fromkeys(lex["jargon"].findall(b.text)):
            if term.lower() in reported:
                continue
            reported.add(term.lower())  # judged at its first use
            near = copy[max(0, i - window) : i + window + 1]
            if not explained(term, b, near, home, lex):
                quote = sentence_at(b.text, max(0, normalise(b.text).find(term)))
                yield Hit(home, quote, block=b, params={"term": term},
                          subject=f"term {term.lower()}",
                          evidence={"term": term})  # fmt: skip
            if len(reported) >= params.max_terms:
                return

"""Check kind `credentials_list`: an about page that is mostly a list of trainings.

Two ways to fail: a list (many short credential lines, a large share of the copy), or a CV in
sentences (most sentences name trainings, degrees, jobs and years, and hardly one speaks to the
reader, says why the owner does the work or tells her life). Sentences that only give an
address, a phone number or a registration code are left out of the count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from auditor.checks.coverage import missing_pages, unreadable
from auditor.identity import region_subject
from auditor.lexicon import Lexicon
from auditor.model import Block, Page, Site
from auditor.rules import Hit, NotChecked, Rule, check_kind
from auditor.sentences import block_sentences

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# an e-mail address, or a run of five or more digits (phone, postcode, KvK, BIG or AGB code)
_LOGISTICS = re.compile(r"\S@\S|\d[\d ./-]{4,}\d")
_LOGISTICS_WORDS = 15  # a longer sentence with a number in it is copy, not logistics
_MIN_WORDS = 3  # shorter fragments ("Neem contact op") are no sentence


def is_credential(block: Block, lex: Lexicon, max_words: int) -> bool:
    """A short line naming a training, diploma or membership, or listed under such a heading."""
    if len(block.text.split()) > max_words:
        return False
    if block.section != block.text and lex["credential_headings"].search(block.section):
        return True
    if block.kind == "item" and _YEAR.search(block.text):
        return True  # a dated list is a CV
    return lex["credentials"].search(block.text) is not None and (
        block.kind in ("item", "cell") or bool(_YEAR.search(block.text))
        or lex["credentials"].count(block.text) >= 2
    )  # fmt: skip


def sentence_kind(sentence: str, block: Block, lex: Lexicon) -> str | None:
    """What a sentence of an about page does:
    reader: speaks to the reader, or names whom the owner works for;
    story: says why the owner does it (even of a training she chose), or tells her life;
    cv: names training, degrees, jobs or years;
    clients: names clients or helping without speaking to the reader (whom she has served:
    neither the CV nor what is beyond it); other; None: logistics, or no sentence."""
    words = len(sentence.split())
    if words < _MIN_WORDS or (words < _LOGISTICS_WORDS and _LOGISTICS.search(sentence)):
        return None
    if lex["you"].search(sentence) or lex["audience"].search(sentence):
        return "reader"  # speaks to the reader, or says whom the owner works for
    if lex["motive"].search(sentence):
        return "story"
    listed = block.kind in ("item", "cell") and lex["credential_headings"].search(block.section)
    if (
        listed or lex["credentials"].search(sentence) or lex["career"].search(sentence)
        or _YEAR.search(sentence)
    ):  # fmt: skip
        return "cv"
    if lex["reader_story"].search(sentence):
        return "clients"
    if any(lex[c].search(sentence) for c in ("biography", "life", "motive")):
        return "story"
    return "other"


@check_kind("credentials_list")
def credentials_list(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params = rule.params
    line_words = params.get("line_words", 25)
    sentence_words = params.get("sentence_words", 8)
    regions = [r for r in site.regions_of("about") if not unreadable(r.page)]
    if not regions:
        yield missing_pages(site, ["about"], NotChecked("no_about_page"))
    judged = False
    for region in regions:
        lex = lexicon(region.page)
        copy = [b for b in region.blocks if b.kind != "heading" and not b.quoted]
        creds = [b for b in copy if is_credential(b, lex, line_words)]
        cred_words = sum(len(b.text.split()) for b in creds)
        # story: the sentences around the list (short fragments like addresses don't count)
        story_words = sum(
            n for b in copy if b not in creds and (n := len(b.text.split())) >= sentence_words
        )
        share = cred_words / max(cred_words + story_words, 1)
        listed = len(creds) >= params.get("min_items", 4) and share >= params.get("min_share", 0.33)
        units = [(s, b) for b in copy for s in block_sentences(b, lex)]
        kinds = Counter(kind for s, b in units if (kind := sentence_kind(s, b, lex)))
        sentences = sum(kinds.values())
        if not sentences:
            continue
        judged = True
        cv = kinds["cv"] / sentences
        beyond = (kinds["reader"] + kinds["story"]) / sentences
        min_cv, max_beyond = params.get("min_cv_share", 0.4), params.get("max_beyond", 0.25)
        prose = cv >= min_cv and beyond <= max_beyond
        if not (listed or prose):
            continue
        quote = creds or [b for b in copy if lex["credentials"].search(b.text)] or copy
        yield Hit(
            region.page,
            " | ".join(b.text for b in quote[:4]),
            block=quote[0],
            subject=region_subject(region),
            variant="default" if listed else "prose",
            params={"items": str(len(creds)), "share": f"{share:.0%}", "cv": f"{cv:.0%}"},
            evidence={"credential_lines": len(creds), "credential_share": round(share, 2),
                      "sentences": sentences, "cv_sentences": kinds["cv"],
                      "reader_sentences": kinds["reader"], "story_sentences": kinds["story"]},
        )  # fmt: skip
    if regions and not judged:  # headings only
        yield NotChecked("no_copy", regions[0].page)

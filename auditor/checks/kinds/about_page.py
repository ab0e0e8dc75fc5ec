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
from dataclasses import dataclass

from auditor.checks.identity import region_subject
from auditor.checks.kinds.coverage import missing_pages, unreadable
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Page, Sentence
from auditor.page.sentences import page_sentences
from auditor.site.audience import AUDIENCE_KEYS, audiences
from auditor.site.model import Site

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True, kw_only=True)
class CredentialsParams(KindParams):
    line_words: int  # a credential line has at most this many words
    sentence_words: int  # a block of story has at least this many
    min_items: int  # a list: at least this many credential lines
    min_share: float  # that are at least this share of the copy's words
    min_cv_lead: float  # a CV in sentences: its share leads the reader's by this much


def is_credential(block: Block, lex: Lexicon, max_words: int) -> bool:
    """A line listed under a credentials heading (at any length), or a short line naming a
    training, diploma or membership."""
    if block.section != block.text and lex["credential_headings"].search(block.section):
        return block.kind in ("item", "cell") or len(block.text.split()) <= max_words
    if len(block.text.split()) > max_words:
        return False
    if block.kind == "item" and _YEAR.search(block.text):
        return True  # a dated list is a CV
    return lex["credentials"].search(block.text) is not None and (
        block.kind in ("item", "cell") or bool(_YEAR.search(block.text))
        or lex["credentials"].count(block.text) >= 2
    )  # fmt: skip


def sentence_kind(sentence: Sentence, lex: Lexicon) -> str | None:
    """What a sentence of an about page does:
    reader: speaks to the reader, or names whom the owner works for;
    story: says why the owner does it (even of a training she chose);
    cv: names training, degrees, jobs or years;
    clients: names clients or helping without speaking to the reader (whom she has served:
    neither the CV nor what is beyond it);
    life: the owner's life outside work (no CV, but no why for the reader either);
    other; None: logistics, a client's words, or no sentence."""
    text, block = sentence.text, sentence.block
    if sentence.speaker in ("logistics", "client") or sentence.fragment:
        return None
    if sentence.to_reader:
        return "reader"
    if lex["motive"].search(text):
        return "story"
    if audiences(sentence, lex, relative_only=True):
        return "reader"  # whom the owner works for, described: "Frauen, die ... wollen"
    listed = block.kind in ("item", "cell") and lex["credential_headings"].search(block.section)
    if (
        listed or lex["credentials"].search(text) or lex["career"].search(text)
        or _YEAR.search(text)
    ):  # fmt: skip
        return "cv"  # (whom she worked with in a job is her CV too)
    if audiences(sentence, lex) or lex["audience"].search(text):
        return "reader"  # says whom the owner works for ("for parents", "I work with")
    if lex["reader_story"].search(text):
        return "clients"
    if lex["biography"].search(text) or lex["life"].search(text):
        return "life"
    return "other"


@check_kind(
    "credentials_list", params=CredentialsParams, variants=("default", "prose"),
    lexicon=("credential_headings", "motive", "career", "audience", "reader_story", "life",
             *AUDIENCE_KEYS),
)  # fmt: skip
def credentials_list(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: CredentialsParams = rule.params
    line_words, sentence_words = params.line_words, params.sentence_words
    regions = [
        r for r in site.regions_of("about") if not unreadable(r.page) and params.scope.reads(r.page)
    ]
    if not regions:
        yield missing_pages(site, ["about"], NotChecked("no_about_page"))
    judged = False
    for region in regions:
        lex = lexicon(region.page)
        keep = params.scope.keeps(region.page, lex)
        copy = [
            b for b in region.blocks
            if b.kind != "heading" and not b.quoted and (keep is None or b.index in keep)
        ]  # fmt: skip
        creds = [b for b in copy if is_credential(b, lex, line_words)]
        cred_words = sum(len(b.text.split()) for b in creds)
        listed_at = {b.index for b in creds}
        # story: the sentences around the list (short fragments like addresses don't count)
        story_words = sum(
            n for b in copy
            if b.index not in listed_at and (n := len(b.text.split())) >= sentence_words
        )  # fmt: skip
        share = cred_words / max(cred_words + story_words, 1)
        listed = len(creds) >= params.min_items and share >= params.min_share
        inside = {b.index for b in copy}
        units = [s for s in page_sentences(region.page, lex) if s.block.index in inside]
        kinds = Counter(kind for s in units if (kind := sentence_kind(s, lex)))
        sentences = sum(kinds.values())
        if not sentences:
            continue
        judged = True
        cv = kinds["cv"] / sentences
        beyond = (kinds["reader"] + kinds["story"]) / sentences
        prose = cv - beyond >= params.min_cv_lead
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

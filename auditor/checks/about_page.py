"""Check kind `credentials_list`: an about page that is mostly a list of trainings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from auditor.checks.coverage import missing_pages, unreadable
from auditor.lexicon import Lexicon
from auditor.model import Block, Page, Site
from auditor.rules import Hit, NotChecked, Rule, check_kind

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


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
        words = sum(len(b.text.split()) for b in copy)
        if not words:
            continue
        judged = True
        text = " ".join(b.text for b in copy)
        share = cred_words / max(cred_words + story_words, 1)
        listed = len(creds) >= params.get("min_items", 4) and share >= params.get("min_share", 0.33)
        # a short CV in prose: credentials everywhere, the reader nowhere
        density = 100 * lex["credentials"].count(text) / words
        reader = 100 * lex["you"].count(text) / words
        prose = density >= params.get("min_density", 3.5) and reader < params.get("max_reader", 0.5)
        if not (listed or prose) or story_words >= params.get("story_words", 250):
            continue
        quote = creds or [b for b in copy if lex["credentials"].search(b.text)] or copy
        yield Hit(
            region.page,
            " | ".join(b.text for b in quote[:4]),
            block=quote[0],
            variant="default" if listed else "prose",
            params={"items": str(len(creds)), "share": f"{share:.0%}"},
            evidence={"credential_lines": len(creds), "credential_share": round(share, 2),
                      "credentials_per_100_words": round(density, 1),
                      "reader_words_per_100_words": round(reader, 1), "story_words": story_words},
        )  # fmt: skip
    if regions and not judged:  # headings only
        yield NotChecked("no_copy", regions[0].page)

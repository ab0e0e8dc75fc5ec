"""Check kind `credentials_list`: an about page that is mostly a list of trainings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from auditor.lexicon import Lexicon
from auditor.model import Block, Page, Site
from auditor.rules import Hit, Rule, check_kind

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def is_credential(block: Block, lex: Lexicon, max_words: int) -> bool:
    """A short line naming a training, course, diploma or membership (often with a year)."""
    words = len(block.text.split())
    if words > max_words:
        return False
    hits = lex["credentials"].count(block.text)
    return hits >= 1 and (block.kind in ("item", "cell") or bool(_YEAR.search(block.text)) or hits >= 2)


@check_kind("credentials_list")
def credentials_list(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit]:
    params = rule.params
    for region in site.regions_of("about"):
        lex = lexicon(region.page)
        copy = [b for b in region.blocks if b.kind != "heading" and not b.quoted]
        total = sum(len(b.text.split()) for b in copy)
        if not copy or total == 0:
            continue
        creds = [b for b in copy if is_credential(b, lex, params.get("line_words", 25))]
        cred_words = sum(len(b.text.split()) for b in creds)
        story_words = total - cred_words
        share = cred_words / total
        if len(creds) < params.get("min_items", 4) or share < params.get("min_share", 0.4):
            continue
        if story_words >= params.get("story_words", 250):
            continue  # a real story around the list
        yield Hit(
            region.page,
            " | ".join(b.text for b in creds[:4]),
            block=creds[0],
            params={"items": str(len(creds)), "share": f"{share:.0%}"},
            evidence={"credential_lines": len(creds), "credential_share": round(share, 2),
                      "story_words": story_words},
        )  # fmt: skip

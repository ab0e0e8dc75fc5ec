"""The language of a page: `<html lang>` when a lexicon exists for it, else its stopwords."""

from __future__ import annotations

import re

from auditor.lexicons.lexicon import load_lexicons

_WORD = re.compile(r"[^\W\d_]+")


def detect_language(declared: str, text: str) -> str:
    """The lexicon language of a page: the declared one, else by stopwords, else "" (unknown)."""
    lexicons = load_lexicons()
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    from_text = language_of_text(text)
    if code in lexicons:
        # a template's default lang="en" on a Dutch page is common: trust clear text evidence
        return from_text if from_text and from_text != code else code
    return from_text or ""  # unknown: the site's language is filled in later


def language_of_text(text: str) -> str | None:
    """The lexicon language whose stopwords make up clearly most of the text, if any."""
    words = _WORD.findall(text.lower())[:3000]
    if len(words) < 8:
        return None
    scores = {
        lang: sum(1 for w in words if w in lex.stopwords) for lang, lex in load_lexicons().items()
    }
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_score >= 4 and best_score >= 1.5 * runner_up:
        return best
    return None

"""The language of a page's copy: the configuration's `content_lang:` where it names one, else
`<html lang>` when a lexicon exists for it, else its stopwords.

`--lang` and the configuration's `lang:` choose the language of the report: its messages, fixes
and headings. They never change how a page is read: each page's copy is read in the language
detected from it, unless the configuration's `content_lang:` names one, for the whole site or
for the pages a glob matches (auditor/core/page_globs.py). One Languages object carries both
from the settings to where pages are parsed and findings are written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from auditor.core.page_globs import matches
from auditor.lexicons.lexicon import Lexicon

EVERY_PAGE = "*"  # the glob of `content_lang: nl`, a language for the whole site
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Languages:
    """`report`: the language the report is written in; None: each finding in the language of
    its page, the headings in that of most pages. `content`: (page glob, language) pairs from
    `content_lang:`, the first that matches a page wins; none: every page's is detected."""

    report: str | None = None
    content: tuple[tuple[str, str], ...] = ()

    def content_of(self, url: str, path: str | None) -> str | None:
        """The language the configuration says the page's copy is in; None: detect it."""
        return next((lang for glob, lang in self.content if matches([glob], url, path)), None)


def detect_language(declared: str, text: str, lexicons: Mapping[str, Lexicon]) -> str:
    """The lexicon language of a page: the declared one, else by stopwords, else "" (unknown)."""
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    from_text = language_of_text(text, lexicons)
    if code in lexicons:
        # a template's default lang="en" on a Dutch page is common: trust clear text evidence
        return from_text if from_text and from_text != code else code
    return from_text or ""  # unknown: the site's language is filled in later


def language_of_text(text: str, lexicons: Mapping[str, Lexicon]) -> str | None:
    """The lexicon language whose stopwords make up clearly most of the text, if any."""
    words = _WORD.findall(text.lower())[:3000]
    if len(words) < 8:
        return None
    scores = {lang: sum(1 for w in words if w in lex.stopwords) for lang, lex in lexicons.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best_score >= 4 and best_score >= 1.5 * runner_up:
        return best
    return None

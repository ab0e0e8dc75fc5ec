"""The languages of an audit: the report's, and the copy's where detection gets it wrong.

`--lang` and the configuration's `lang:` choose the language of the report: its messages, fixes
and headings. They never change how a page is read: each page's copy is read in the language
detected from it (auditor/page/language.py), unless the configuration's `content_lang:` names one,
for the whole site or for the pages a glob matches (auditor/core/page_globs.py). One Languages
object carries both from the settings to where pages are parsed and findings are written.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.core.page_globs import matches

EVERY_PAGE = "*"  # the glob of `content_lang: nl`, a language for the whole site


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

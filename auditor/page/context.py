"""What parsing a page needs to know, passed in: the lexicons and markup, and the language the
configuration gives pages' copy."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from auditor.lexicons.knowledge import Knowledge
from auditor.page.language import Languages
from auditor.page.markup import Markup
from auditor.sources.raw import RawPage


@dataclass(frozen=True, eq=False)
class ParseContext:
    """The knowledge a page is parsed with, and the languages of the audit (`content_lang:`
    overrides the language detected from a page's copy)."""

    knowledge: Knowledge
    languages: Languages = field(default_factory=Languages)

    @cached_property
    def markup(self) -> Markup:
        """The markup knowledge compiled into matchers, once per context."""
        return Markup(self.knowledge.markup)

    def content_lang(self, raw: RawPage) -> str | None:
        """The language the configuration gives the page's copy; None: detect it."""
        return self.languages.content_of(raw.url, raw.path)

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process is sent: the compiled matchers are compiled there again."""
        return {k: v for k, v in self.__dict__.items() if k != "markup"}

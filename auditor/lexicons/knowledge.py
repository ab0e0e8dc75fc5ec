"""What the auditor knows of languages and markup, loaded once and passed down the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.lexicons.lexicon import Lexicon, load_lexicons, load_markup


@dataclass(frozen=True)
class Knowledge:
    """The lexicons by language code, and the language-independent markup knowledge."""

    lexicons: Mapping[str, Lexicon]
    markup: Mapping[str, Any]

    def lexicon(self, lang: str | None) -> Lexicon:
        """The lexicon of `lang`, else the English one."""
        return self.lexicons.get(lang or "") or self.lexicons["en"]


def load_knowledge() -> Knowledge:
    """The bundled lexicons and markup."""
    return Knowledge(load_lexicons(), load_markup())

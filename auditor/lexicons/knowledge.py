"""What the auditor knows of languages and markup, loaded once and passed down the pipeline.

The bundled lexicons and markup.yml come first; then each extra rules folder's `lexicons/`
(the configuration's `rules_paths`) may add a language (`xx.yml`, which must give every
required key) or extend one the package ships (`nl.yml`: its phrases are added to the
bundled lists, its texts replace the bundled ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.lexicons.lexicon import (
    Lexicon,
    lexicon_data,
    read_lexicon_file,
    read_markup,
    rules_dir,
)


@dataclass(frozen=True)
class Knowledge:
    """The lexicons by language code, and the language-independent markup knowledge."""

    lexicons: Mapping[str, Lexicon]
    markup: Mapping[str, Any]

    def lexicon(self, lang: str | None) -> Lexicon:
        """The lexicon of `lang`, else the English one."""
        return self.lexicons.get(lang or "") or self.lexicons["en"]

    @property
    def languages(self) -> list[str]:
        """The language codes, sorted."""
        return sorted(self.lexicons)


def load_knowledge(folders: Iterable[Path] = ()) -> Knowledge:
    """The bundled lexicons and markup, with the lexicons of extra rules folders (in order);
    LexiconError names the file and line of a broken one."""
    bundled = rules_dir()
    markup = read_markup(bundled / "markup.yml")
    datas: dict[str, dict[str, Any]] = {}
    for folder in (bundled, *folders):
        for path in sorted((folder / "lexicons").glob("*.yml")):
            doc = read_lexicon_file(path)
            lang = path.stem
            if isinstance(doc.data, dict) and doc.data.get("lang"):
                lang = str(doc.data["lang"])
            data = lexicon_data(doc, complete=lang not in datas)
            datas[lang] = _extended(datas[lang], data) if lang in datas else data
    return Knowledge({lang: Lexicon(lang, data, markup) for lang, data in datas.items()}, markup)


def _extended(base: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """`base` extended by `more`: lists get its new phrases, mappings merge, texts replace."""
    merged = dict(base)
    for key, value in more.items():
        known = merged.get(key)
        if isinstance(known, dict) and isinstance(value, dict):
            merged[key] = _extended(known, value)
        elif isinstance(known, list) and isinstance(value, list):
            merged[key] = [*known, *(item for item in value if item not in known)]
        else:
            merged[key] = value
    return merged

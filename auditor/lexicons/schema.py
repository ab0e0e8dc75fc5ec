"""What a lexicon or markup file must look like: each problem one line with its file and line."""

from __future__ import annotations

import re
from typing import Any

from auditor.core.yamlfile import Key, YamlFile, key_name

_WORD = re.compile(r"\w")


def check_lexicon(doc: YamlFile) -> dict[str, Any]:
    """The lexicon's data; Invalid unless it is a mapping whose lists hold phrases (texts).

    A phrase needs a letter or digit: an empty one, or only wildcards, would match anywhere.
    """
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise doc.invalid((), "a lexicon or markup file must be a mapping")
    seen: set[int] = set()
    stack: list[tuple[Key, Any]] = [((), doc.data)]
    while stack:
        key, value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            stack.extend(((*key, str(k)), v) for k, v in value.items())
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if not isinstance(item, str):
                    raise doc.invalid((*key, n), f"'{key_name(key)}' holds phrases (texts) only; "
                                "put quotes around a phrase with ': ' or '[' in it")  # fmt: skip
                if not _WORD.search(item.replace("*", "")):
                    problem = f"'{key_name(key)}' has a phrase with no word in it"
                    raise doc.invalid((*key, n), problem)
    return doc.data

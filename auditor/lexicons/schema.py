"""What a lexicon or markup file must look like: each problem one line with its file and line.

A lexicon must give every key in REQUIRED a list with a phrase in it: the page and site model
read them for every page, so a language without one would be read wrong by every rule. The
keys only some check kinds read are declared by those kinds (CheckKind.lexicon); a lexicon
that lacks some of them serves every rule but those (see auditor/checks/run.py).
"""

from __future__ import annotations

import re
from typing import Any

from auditor.core.yamlfile import Key, YamlFile, key_name

_WORD = re.compile(r"\w")


# the keys every lexicon gives: the page model (sentences), the site model (roles, offers,
# prices, destinations, the roles of page content) and language detection read them
REQUIRED = (
    "stopwords", "abbreviations", "i", "you", "testimonial_headings", "words.testimonial",
    "words.logistics", "roles.home", "roles.about", "roles.offer", "roles.pricing",
    "roles.contact", "roles.privacy", "roles.blog", "roles.testimonials", "cta.buy",
    "cta.contact", "cta.weak", "forms.books", "forms.opens_message", "offer_words",
    "price_traps", "price_on_request", "duration_units", "free", "question_words", "biography",
    "credentials",
)  # fmt: skip
# the phrase lists a lexicon may give besides: those only some check kinds read (each kind
# declares its own, CheckKind.lexicon), and word classes only some languages need
OPTIONAL = (
    "welcome", "self_intro", "life", "career", "motive", "reader_story", "audience",
    "credential_headings", "gloss", "jargon", "signoff", "signoff_name_words", "privacy_link",
    "pain", "words.endings", "words.persons", "words.persons_heads", "words.people",
    "words.relative", "words.with", "words.for", "words.nobody", "words.problems",
    "words.problems_heads", "words.clients", "words.testimonial_heads", "words.formal_you",
)  # fmt: skip
PHRASE_LISTS = frozenset(REQUIRED + OPTIONAL)  # what a rule's {lexicon: KEY} may name


_MISSING = object()


def value_at(data: dict[str, Any], key: str, missing: Any = _MISSING) -> Any:
    """The value at a dotted key ("cta.buy"); `missing` when there is none."""
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return missing
        node = node[part]
    return node


def has_phrases(data: dict[str, Any], key: str) -> bool:
    """Does the lexicon give `key` a list with a phrase in it?"""
    value = value_at(data, key)
    return isinstance(value, list) and bool(value)


def check_required(doc: YamlFile, data: dict[str, Any]) -> None:
    """Invalid unless the lexicon gives each REQUIRED key a list with a phrase in it."""
    for key in REQUIRED:
        if not has_phrases(data, key):
            missing = value_at(data, key) is _MISSING
            problem = "is missing" if missing else "must be a list of phrases, not empty"
            where = tuple(key.split("."))
            raise doc.invalid(where, f"'{key}' {problem}: every lexicon needs it")


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

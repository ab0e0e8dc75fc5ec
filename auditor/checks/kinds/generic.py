"""Generic check kinds, for rules written in YAML only (README: Custom rules).

- `phrase_absent`: none of `phrases` may appear; each block that has one is a finding.
- `phrase_present`: one of `phrases` must appear; a page without any is a finding.
- `phrase_ratio`: `phrases` may appear at most `ratio` times as often as `versus`
  (judged from `min_count` occurrences of `phrases` on).
- `list_share`: at most `max_share` of the blocks may be list items (matching `phrases`, when
  given); judged from `min_items` such items on.
- `element_present`: the page must have a `button`, `link` or `form` whose text matches `text`
  or whose address contains one of `href` (either, when both are given; any, when neither is).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from auditor.checks.identity import WHOLE_PAGE
from auditor.checks.kinds.generic_params import Params, PhraseSet, sample
from auditor.checks.kinds.scope import Scope
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon, Phrases
from auditor.page.model import Block, Form, Link, Page
from auditor.site.model import Site
from auditor.site.roles import ROLES

ELEMENTS = ("button", "link", "form")
Lookup = Callable[[Page], Lexicon]


@dataclass(frozen=True)
class GenericRule:
    """What the params of every generic kind have: the pages and the region it reads."""

    scope: Scope

    @property
    def page_roles(self) -> frozenset[str]:
        """The roles of the pages the rule reads (every role when it names none)."""
        return frozenset(ROLES) if self.scope.roles is None else self.scope.roles


@dataclass(frozen=True)
class PhraseRule(GenericRule):
    """The params of `phrase_absent` and `phrase_present`."""

    phrases: PhraseSet

    @classmethod
    def read(cls, params: Any) -> PhraseRule:
        reader = Params(params, ("phrases",))
        return cls(reader.scope(), reader.phrases("phrases"))


@dataclass(frozen=True)
class RatioRule(GenericRule):
    """The params of `phrase_ratio`."""

    phrases: PhraseSet
    versus: PhraseSet
    ratio: float
    min_count: float

    @classmethod
    def read(cls, params: Any) -> RatioRule:
        reader = Params(params, ("phrases", "versus", "ratio", "min_count"))
        return cls(
            reader.scope(), reader.phrases("phrases"), reader.phrases("versus"),
            reader.number("ratio", 1, 0), reader.number("min_count", 1, 0),
        )  # fmt: skip


@dataclass(frozen=True)
class ListRule(GenericRule):
    """The params of `list_share`."""

    phrases: PhraseSet | None
    max_share: float
    min_items: float

    @classmethod
    def read(cls, params: Any) -> ListRule:
        reader = Params(params, ("phrases", "max_share", "min_items"))
        return cls(
            reader.scope(), reader.optional_phrases("phrases"),
            reader.number("max_share", 0.5, 0, 1), reader.number("min_items", 3, 1),
        )  # fmt: skip


@dataclass(frozen=True)
class ElementRule(GenericRule):
    """The params of `element_present`."""

    element: str
    text: PhraseSet | None
    hrefs: tuple[str, ...]

    @classmethod
    def read(cls, params: Any) -> ElementRule:
        reader = Params(params, ("element", "text", "href"))
        element = reader.choice("element", "button", ELEMENTS)
        if element == "form" and "href" in params:
            raise ValueError("params.href: a form has no address to match; use text")
        return cls(reader.scope(), element, reader.optional_phrases("text"), reader.strings("href"))


def _excerpt(page: Page, blocks: list[Block]) -> tuple[str, Block | None]:
    """What a finding about a whole region quotes: its first block, else the page's title."""
    first = blocks[0] if blocks else (page.blocks[0] if page.blocks else None)
    return (first.text if first else page.title or page.url), first


def _cannot_judge(
    site: Site, scope: Scope, lexicon: Lookup, *phrase_sets: PhraseSet | None
) -> NotChecked | None:
    """Why the rule can judge none of its pages: there are none (or none can be read), or it
    has no phrases for their language; None when it can judge one."""
    pages = scope.pages(site)
    if not pages:
        return scope.missing(site)
    if any(all(s is None or s.for_page(p, lexicon(p)) is not None for s in phrase_sets)
           for p in pages):  # fmt: skip
        return None
    return NotChecked("no_phrases", params={"lang": ", ".join(sorted({p.lang for p in pages}))})


@check_kind("phrase_absent", params=PhraseRule)
def phrase_absent(site: Site, rule: Rule, lexicon: Lookup) -> Iterator[Hit | NotChecked]:
    spec: PhraseRule = rule.params
    if skip := _cannot_judge(site, spec.scope, lexicon, spec.phrases):
        yield skip
    for page in spec.scope.pages(site):
        lex = lexicon(page)
        phrases = spec.phrases.for_page(page, lex)
        if phrases is None:
            continue
        for block in spec.scope.blocks(page, lex):
            if found := phrases.findall(block.text):
                yield Hit(page, block.text, block=block, params={"phrase": found[0]},
                          evidence={"phrases": found})  # fmt: skip


@check_kind("phrase_present", params=PhraseRule)
def phrase_present(site: Site, rule: Rule, lexicon: Lookup) -> Iterator[Hit | NotChecked]:
    spec: PhraseRule = rule.params
    if skip := _cannot_judge(site, spec.scope, lexicon, spec.phrases):
        yield skip
    for page in spec.scope.pages(site):
        lex = lexicon(page)
        phrases = spec.phrases.for_page(page, lex)
        blocks = spec.scope.blocks(page, lex)
        if phrases is None or not blocks or any(phrases.search(b.text) for b in blocks):
            continue
        excerpt, first = _excerpt(page, blocks)
        yield Hit(page, excerpt, block=first, params={"phrases": sample(phrases)},
                  subject=WHOLE_PAGE, evidence={"region": spec.scope.region})  # fmt: skip


@check_kind("phrase_ratio", params=RatioRule)
def phrase_ratio(site: Site, rule: Rule, lexicon: Lookup) -> Iterator[Hit | NotChecked]:
    spec: RatioRule = rule.params
    if skip := _cannot_judge(site, spec.scope, lexicon, spec.phrases, spec.versus):
        yield skip
    for page in spec.scope.pages(site):
        lex = lexicon(page)
        phrases, versus = spec.phrases.for_page(page, lex), spec.versus.for_page(page, lex)
        blocks = spec.scope.blocks(page, lex)
        if phrases is None or versus is None or not blocks:
            continue
        count = sum(phrases.count(b.text) for b in blocks)
        other = sum(versus.count(b.text) for b in blocks)
        if count >= spec.min_count and count > spec.ratio * other:
            block = max(blocks, key=lambda b: phrases.count(b.text))
            yield Hit(page, block.text, block=block,
                      params={"count": str(count), "versus_count": str(other)}, subject=WHOLE_PAGE,
                      evidence={"count": count, "versus_count": other})  # fmt: skip


@check_kind("list_share", params=ListRule)
def list_share(site: Site, rule: Rule, lexicon: Lookup) -> Iterator[Hit | NotChecked]:
    spec: ListRule = rule.params
    if skip := _cannot_judge(site, spec.scope, lexicon, spec.phrases):
        yield skip
    for page in spec.scope.pages(site):
        lex = lexicon(page)
        phrases = spec.phrases.for_page(page, lex) if spec.phrases else None
        if spec.phrases and phrases is None:
            continue
        copy = [b for b in spec.scope.blocks(page, lex) if b.kind != "heading"]
        items = [
            b for b in copy if b.kind == "item" and (phrases is None or phrases.search(b.text))
        ]
        share = len(items) / len(copy) if copy else 0.0
        if len(items) >= spec.min_items and share > spec.max_share:
            yield Hit(page, " | ".join(b.text for b in items[:4]), block=items[0],
                      params={"items": str(len(items)), "share": f"{share:.0%}"},
                      subject=WHOLE_PAGE,
                      evidence={"items": len(items), "share": round(share, 2)})  # fmt: skip


def _matches(item: Link | Form, text: Phrases | None, hrefs: tuple[str, ...]) -> bool:
    if text is None and not hrefs:
        return True
    if text is not None and item.text and text.search(item.text):
        return True
    href = item.href.lower() if isinstance(item, Link) else ""
    return any(h.lower() in href for h in hrefs)


def _elements(page: Page, element: str) -> list[Link | Form]:
    if element == "form":
        return [*page.forms]
    return [k for k in page.links if element == "link" or k.is_button]


@check_kind("element_present", params=ElementRule)
def element_present(site: Site, rule: Rule, lexicon: Lookup) -> Iterator[Hit | NotChecked]:
    spec: ElementRule = rule.params
    if skip := _cannot_judge(site, spec.scope, lexicon, None if spec.hrefs else spec.text):
        yield skip
    for page in spec.scope.pages(site):
        lex = lexicon(page)
        text = spec.text.for_page(page, lex) if spec.text else None
        if spec.text and text is None and not spec.hrefs:
            continue  # no phrases for this page's language
        low, high = spec.scope.block_range(page, lex)
        if any(
            low <= item.block_index <= high and _matches(item, text, spec.hrefs)
            for item in _elements(page, spec.element)
        ):
            continue
        excerpt, first = _excerpt(page, spec.scope.blocks(page, lex))
        yield Hit(page, excerpt, block=first, params={"element": spec.element}, subject=WHOLE_PAGE,
                  evidence={"element": spec.element, "region": spec.scope.region})  # fmt: skip

"""What every check kind reads a page through: `roles` and `region`, and its typed params.

Each check kind has one params model: a frozen dataclass whose fields are its params, read
once from the rule file and the configuration's options by `read`. A bundled rule's values are
set in one place, its rule file (where `fit:` chose them); the model has no defaults for them,
so a rule file that leaves one out is an error. The generic kinds, for users' rules, have
their defaults in code; an unknown key or a value of the wrong type is a ValueError naming
`params.KEY`. Every model takes `roles` (the page roles a rule reads) and `region` (`opening`,
`main` or `ending` of a page's own copy). For the generic kinds they say where to look (every
page, its main copy); for the others they narrow what the check reads, and left out (None) the
check reads what it always has.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import Any, ClassVar, get_type_hints

from auditor.checks.kinds.coverage import missing_pages, no_offers, readable_home
from auditor.checks.kinds.own_copy import own_copy
from auditor.checks.rule import NotChecked
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Page
from auditor.site.model import Offer, Site
from auditor.site.roles import ROLES

REGIONS = ("opening", "main", "ending")
COMMON = ("roles", "region")
OPENING_WORDS = 150  # the opening: the first section, at most this many words
ENDING_BLOCKS = 3  # the ending: the last blocks of the page's own copy


class UnknownParam(ValueError):
    """A key the kind has no param for; `known` are the ones it has."""

    def __init__(self, key: str, known: tuple[str, ...]) -> None:
        super().__init__(f"params.{key}: unknown param (known: {', '.join(known)})")
        self.known = known


def opening(page: Page, sections: int, max_words: int) -> list[Block]:
    """The first `sections` sections of the page (a run of headings opens one section)."""
    blocks: list[Block] = []
    seen, words, previous = 0, 0, None
    for b in page.blocks:
        if b.kind == "heading" and (previous is None or previous.kind != "heading"):
            seen += 1
            if seen > sections and blocks:
                break
        if words >= max_words:
            break
        previous = b
        if not b.quoted:
            blocks.append(b)
            words += len(b.text.split())
    return blocks


@dataclass(frozen=True)
class Scope:
    """Which pages a rule reads (by role) and which part of each (its region); None: every
    page, or every block of it."""

    roles: frozenset[str] | None
    region: str | None

    def reads(self, page: Page, role: str | None = None) -> bool:
        """Whether a page (in `role`, else its own) is one of the rule's roles."""
        return self.roles is None or (role or page.role) in self.roles

    def pages(self, site: Site) -> list[Page]:
        """The pages of the rule's roles whose copy can be read (JavaScript shells left out)."""
        return [p for p in site.pages if self.reads(p) and not p.js_shell]

    def missing(self, site: Site) -> NotChecked:
        """Why the rule has no page to read: its pages are JavaScript shells or unreadable,
        or no page has its roles."""
        roles = ", ".join(sorted(self.roles or ROLES))
        return missing_pages(
            site, self.roles or ROLES, NotChecked("no_pages", params={"roles": roles})
        )

    def home(self, site: Site) -> Page | NotChecked:
        """The homepage, or why the rule cannot read it: its copy cannot be judged, or the
        rule's roles leave it out."""
        home = readable_home(site)
        return self.left_out() if isinstance(home, Page) and not self.reads(home, "home") else home

    def left_out(self) -> NotChecked:
        """Why the rule reads nothing: its roles leave out every page its check would read."""
        return NotChecked("no_pages", params={"roles": ", ".join(sorted(self.roles or ()))})

    def offers(self, site: Site, lexicon: Callable[[Page], Lexicon]) -> list[Offer]:
        """The site's offers on the pages the rule reads, that start in its region."""
        return [
            o for o in site.offers
            if self.reads(o.page)
            and ((keep := self.keeps(o.page, lexicon(o.page))) is None or o.first_block in keep)
        ]  # fmt: skip

    def offers_read(
        self, site: Site, lexicon: Callable[[Page], Lexicon]
    ) -> list[Offer] | NotChecked:
        """The offers the rule reads, or why there are none: the site has none, or the rule's
        roles and region leave them all out."""
        if not site.offers:
            return no_offers(site, lexicon)
        return self.offers(site, lexicon) or self.left_out()

    def blocks(self, page: Page, lex: Lexicon) -> list[Block]:
        """The page's own copy in the region (quotes and testimonials left out); with no
        region, every block."""
        if self.region is None:
            return page.blocks
        if self.region == "opening":
            return opening(page, 1, OPENING_WORDS)
        copy = own_copy(page, lex)
        return copy[-ENDING_BLOCKS:] if self.region == "ending" else copy

    def keeps(self, page: Page, lex: Lexicon) -> set[int] | None:
        """The indexes of the blocks in the region; None: every block (no region)."""
        return None if self.region is None else {b.index for b in self.blocks(page, lex)}

    def block_range(self, page: Page, lex: Lexicon) -> tuple[float, float]:
        """The block indexes (inclusive) that links and forms in the region stand at."""
        if self.region in (None, "main"):
            return -math.inf, math.inf
        blocks = self.blocks(page, lex)
        if self.region == "opening":
            return -1, (blocks[-1].index + 1 if blocks else 0)
        return (blocks[0].index if blocks else math.inf), math.inf


def read_scope(params: dict[str, Any], region: str | None) -> Scope:
    """`roles` and `region` from a rule's params (`region` the default region)."""
    roles = params.get("roles")
    if roles is not None:
        roles = [roles] if isinstance(roles, str) else roles
        if not isinstance(roles, list) or not roles:
            raise ValueError("params.roles: give a list of page roles")
        for role in roles:
            if role not in ROLES:
                raise ValueError(f"params.roles: '{role}' is not one of {', '.join(ROLES)}")
    value = params.get("region", region)
    if value is not None and value not in REGIONS:
        raise ValueError(f"params.region: must be one of {', '.join(REGIONS)}")
    return Scope(frozenset(roles) if roles else None, value)


def known_params(params: Any, known: tuple[str, ...]) -> dict[str, Any]:
    """The params as a mapping whose keys are all `known` (ValueError naming the first that is
    not)."""
    if not isinstance(params, dict):
        raise ValueError("params must be a mapping")
    for key in params:
        if key not in known:
            raise UnknownParam(str(key), known)
    return params


@dataclass(frozen=True)
class KindParams:
    """The params model of a kind with numeric params (its fields, set by the rule file), and
    the scope it reads; `read` reads it from a rule's params."""

    scope: Scope = Scope(None, None)
    # the check reads the pages of the bundled rules' roles (audit/pagework.py WHOLE_ROLES)
    page_roles: ClassVar[frozenset[str]] = frozenset()
    ROLES_ONLY: ClassVar[bool] = False  # the kind reads no region of a page

    @classmethod
    def read(cls, params: Any) -> KindParams:
        names = tuple(f.name for f in fields(cls) if f.name != "scope")
        common = ("roles",) if cls.ROLES_ONLY else COMMON
        values = known_params(params, (*names, *common))
        if missing := [n for n in names if n not in values and _required(cls, n)]:
            raise ValueError(f"params.{missing[0]}: missing (the rule file gives its value)")
        hints = get_type_hints(cls)
        typed = {k: _number(k, hints[k], v) for k, v in values.items() if k in names}
        return cls(scope=read_scope(values, None), **typed)


def _required(cls: type, name: str) -> bool:
    """A field with no default: a value the rule file states (the one place it is set)."""
    field = next(f for f in fields(cls) if f.name == name)
    return field.default is MISSING and field.default_factory is MISSING


def _number(key: str, hint: Any, value: Any) -> Any:
    """A numeric param's value: a finite number, whole where the param is an int."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not math.isfinite(value):
        raise ValueError(f"params.{key}: must be a number, not {value!r}")
    if hint is int and not isinstance(value, int):
        raise ValueError(f"params.{key}: must be a whole number, not {value!r}")
    return value

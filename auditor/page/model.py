"""A page parsed once: its blocks of copy, links, forms and directives."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

MIN_WORDS = 3  # fewer words are a fragment, not a sentence (Sentence.fragment)


class Pending(Protocol):
    """The source positions of a page's elements, not found yet (auditor/page/sourcepos.py)."""

    def resolve(self) -> None:
        """Find them all, and give each element its line and column."""


class Placed:
    """A block, link or form, whose line and column in the source are found the first time
    one is read: the tag scan runs only for a page one of whose positions someone asks for (a
    finding on it, `auditor inspect`). While they wait, the `line` and `column` slots are
    empty and reading one asks the page's pending positions for them all. Two elements
    compare without their positions, so that comparing them never finds them."""

    __slots__ = ("_pending",)

    def __getattr__(self, name: str) -> int | None:
        """`line` or `column`, found now (called only for a slot that is empty)."""
        pending: Pending | None = None
        if name in ("line", "column"):
            pending = getattr(self, "_pending", None)
        if pending is None:
            raise AttributeError(name)
        pending.resolve()
        value: int | None = object.__getattribute__(self, name)
        return value

    def __getstate__(self) -> tuple[None, dict[str, object]]:
        """The slots that are set: sent to another process, positions still wait. As the
        pair (no __dict__, the slots): the unpickler sets each slot back itself."""
        state = {}
        get = object.__getattribute__
        for name in _slot_names(type(self)):
            try:
                state[name] = get(self, name)
            except AttributeError:
                continue
        return None, state


@cache
def _slot_names(cls: type[Placed]) -> tuple[str, ...]:
    """The slots of a Block, Link or Form, its own and Placed's."""
    return (*cls.__slots__, *Placed.__slots__)


def await_position(item: Block | Link | Form, pending: Pending) -> None:
    """`item`'s line and column are found by `pending` when first read."""
    item._pending = pending
    del item.line, item.column


def placed(item: Block | Link | Form, line: int | None, column: int | None) -> None:
    """Give `item` its line and column (its position is no longer pending)."""
    item.line, item.column = line, column
    item._pending = None


@dataclass(slots=True)
class Block(Placed):
    """One piece of visible copy: a heading, paragraph, list item, quote or table cell."""

    index: int
    kind: str  # heading | paragraph | item | quote | cell
    text: str
    level: int = 0  # 1-6 for headings
    section: str = ""  # text of the nearest heading above
    anchor: str | None = None  # id of the enclosing section element, for one-page sites
    line: int | None = field(default=None, compare=False)  # see Placed
    column: int | None = field(default=None, compare=False)
    quoted: bool = False  # inside a blockquote or testimonial markup


@dataclass(slots=True)
class Link(Placed):
    """A link or button in the main copy (or the navigation, for role detection)."""

    href: str  # resolved: absolute URL or site path; "mailto:..." kept as is
    text: str
    block_index: int  # index of the last block before it (-1 at the top)
    is_button: bool = False
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)


@dataclass(slots=True)
class Field:
    """A visible field of a form: its type and the words that name it."""

    kind: str  # the input's type (text, email, date, radio...), select or textarea
    name: str  # its name, id, placeholder and aria-label, lower-cased
    options: list[str] = field(default_factory=list)  # a select's choices; a radio's value


@dataclass(slots=True)
class Form(Placed):
    """A form, or an e-mail field outside any form."""

    block_index: int  # the first block inside (or after) the form
    has_email: bool
    visible_fields: int
    text: str
    links: list[Link] = field(default_factory=list)
    prechecked_consent: bool = False
    last_block: int | None = None  # the last block inside the form; None: it has no text
    bare: bool = False  # an e-mail field outside any <form>
    # the links in the same section of the page (the whole site footer, for a form in it)
    nearby_links: list[Link] = field(default_factory=list)
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)
    fields: list[Field] = field(default_factory=list)  # visible fields, in order
    action: str = ""  # where it is sent: the resolved action attribute ("" for this page)


@dataclass
class Directive:
    """An inline suppression written in a page, and the elements it covers.

    `spans` maps an element kind ("block", "link", "nav_link", "form") to the half-open range
    of indexes, into that list of the page, of the elements that start inside the directive.
    """

    kind: str  # disable | disable-next | attribute; enable or unknown: one that does nothing
    rule: str | None  # None: every rule
    text: str  # the directive as written, for messages
    reason: str = ""
    line: int | None = None
    column: int | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class ContentSignals:
    """What a page's own copy says about its role, counted once (auditor/site/content_roles.py)."""

    blocks: int  # blocks of copy, quotes left out
    words: int
    first_person: int  # blocks in the first person
    priced: int  # blocks with a price
    durations: int  # blocks with a duration ("60 minuten")
    offer_words: int  # words naming a service
    offer_headings: int  # headings naming a service
    background: int  # credential, career and biography phrases
    buy_actions: int  # buttons and links that book, buy or sign up


@dataclass(frozen=True)
class RoleReason:
    """Why a page has its role: where the role was read, the text there, and the offer word
    in it when that word, not a role name, made it an offer page.

    signal: homepage | config (value: the `pages:` glob) | slug | label (of a menu or other
    link to the page) | h1 | title | content (value: what the copy shows) | none (nothing
    gave it a role: "other").
    """

    signal: str = "none"
    value: str = ""
    word: str = ""

    @property
    def text(self) -> str:
        """The reason in plain English: "URL slug 'over mij'"."""
        where = _SIGNAL_TEXT.get(self.signal, self.signal)
        if self.signal == "content":  # a sentence, not a quote
            return f"{where} {self.value}"
        where = f"{where} '{self.value}'" if self.value else where
        return f"offer word '{self.word}' in {where}" if self.word else where


_SIGNAL_TEXT = {
    "homepage": "the homepage",
    "config": "config pages:",
    "slug": "URL slug",
    "label": "link label",
    "h1": "h1",
    "title": "title",
    "content": "its copy:",
    "none": "no name or config gives it a role",
}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a page with who speaks and whether it addresses the reader."""

    text: str
    block: Block
    speaker: str  # owner | client | logistics | copy
    words: tuple[str, ...]
    mine: int  # how often it says I
    yours: int  # how often it says you (see reader_count)

    @property
    def to_reader(self) -> bool:
        """It speaks to the reader: says you at least as often as I (an address line never)."""
        return self.speaker != "logistics" and self.yours > 0 and self.yours >= self.mine

    @property
    def question(self) -> bool:
        return self.text.rstrip(" \"'”’)").endswith("?")

    @property
    def fragment(self) -> bool:
        """Too short to be a sentence ("Neem contact op", a button's words)."""
        return len(self.words) < MIN_WORDS


@dataclass
class Page:
    """A page parsed once: its copy, links, buttons and forms."""

    url: str
    path: str | None
    lang: str
    title: str
    h1: str
    blocks: list[Block]
    links: list[Link]  # in the main copy, buttons included
    nav_links: list[Link]  # navigation, header and footer links
    forms: list[Form]
    anchors: dict[str, str] = field(default_factory=dict)  # in-page section id -> its link label
    review_widget: bool = False  # review data (JSON-LD) or a review platform's widget or link
    abbreviations: dict[str, str] = field(default_factory=dict)  # <abbr> text -> its title
    status: int | None = None
    role: str = "other"
    role_reason: RoleReason = RoleReason()
    directives: list[Directive] = field(default_factory=list)  # inline suppressions
    content: ContentSignals | None = None  # counted when the role is decided
    # a JavaScript shell (page/js_shell.py): the marker it was known by ("id=root"), else None
    js_shell: str | None = None
    embeds: list[str] = field(default_factory=list)  # URLs of iframes and widgets
    # the sentence model (auditor/page/sentences.py), built the first time a check reads it
    sentences: list[Sentence] | None = field(default=None, repr=False, compare=False)

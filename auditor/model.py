"""The data that flows through the pipeline: raw pages, parsed pages, the site, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.sentences import Sentence

from auditor.report_data import RuleDoc, Sender, ShopItem

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class RawPage:
    """What a source hands over: bytes and where they came from, nothing parsed."""

    url: str  # absolute URL, or a site path like "/over-mij/" for files
    content: bytes
    path: str | None = None  # file path relative to the target folder (files only)
    status: int | None = None  # HTTP status (URLs only)
    content_type: str | None = None  # the Content-Type header, if any


@dataclass(frozen=True)
class FetchError:
    """A page that could not be read; it goes to the report's `errors`."""

    page: str
    message: str


@dataclass
class Block:
    """One piece of visible copy: a heading, paragraph, list item, quote or table cell."""

    index: int
    kind: str  # heading | paragraph | item | quote | cell
    text: str
    level: int = 0  # 1-6 for headings
    section: str = ""  # text of the nearest heading above
    anchor: str | None = None  # id of the enclosing section element, for one-page sites
    line: int | None = None
    column: int | None = None
    quoted: bool = False  # inside a blockquote or testimonial markup


@dataclass
class Link:
    """A link or button in the main copy (or the navigation, for role detection)."""

    href: str  # resolved: absolute URL or site path; "mailto:..." kept as is
    text: str
    block_index: int  # index of the last block before it (-1 at the top)
    is_button: bool = False
    line: int | None = None
    column: int | None = None


@dataclass
class Field:
    """A visible field of a form: its type and the words that name it."""

    kind: str  # the input's type (text, email, date, radio...), select or textarea
    name: str  # its name, id, placeholder and aria-label, lower-cased
    options: list[str] = field(default_factory=list)  # a select's choices; a radio's value


@dataclass
class Form:
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
    line: int | None = None
    column: int | None = None
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
    """What a page's own copy says about its role, counted once (auditor/content_roles.py)."""

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
    # a JavaScript shell (auditor/js_shell.py): the marker it was known by ("id=root"), else None
    js_shell: str | None = None
    embeds: list[str] = field(default_factory=list)  # URLs of iframes and widgets
    # the sentence model (auditor/sentences.py), built the first time a check reads it
    sentences: list[Sentence] | None = field(default=None, repr=False, compare=False)


@dataclass
class Price:
    """A price found in a piece of text."""

    text: str
    amount: float
    currency: str
    start: int
    end: int


@dataclass
class Region:
    """A page, or a section of a one-page site, that plays a role (about, pricing, offer...)."""

    page: Page
    role: str
    first_block: int
    last_block: int
    name: str

    @property
    def blocks(self) -> list[Block]:
        return self.page.blocks[self.first_block : self.last_block + 1]

    @property
    def whole_page(self) -> bool:
        return self.first_block == 0 and self.last_block == len(self.page.blocks) - 1


@dataclass(frozen=True)
class Destination:
    """Where a call to action leads, judged by what it opens (see auditor/destinations.py)."""

    kind: str  # booking | checkout | booking_form | contact | page | unknown
    target: str  # the page key, host or address it opens
    reason: str = ""  # what decided it: "calendly.com", "a form asking for a date"...

    @property
    def buys(self) -> bool:
        """It books, orders or pays."""
        return self.kind in ("booking", "checkout", "booking_form")


@dataclass
class Offer:
    """Something the visitor can buy, described on a page or in a section of one."""

    name: str
    page: Page
    first_block: int  # block index range of the description, inclusive
    last_block: int
    prices: list[Price]
    price_on_request: bool
    actions: list[Link]  # buy, book or sign-up buttons and links in or next to it
    contact_only: list[Link]  # mailto, tel or generic contact links: not a buy button
    # where each link in or next to it leads, for the links whose destination was judged
    leads: list[tuple[Link, Destination]] = field(default_factory=list)
    # booking or checkout actions elsewhere on its page, outside the other offers
    page_actions: list[Destination] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return self.page.blocks[self.first_block : self.last_block + 1]


@dataclass
class Site:
    """All pages of one site with their roles, the offers found on them and the link graph."""

    target: str
    pages: list[Page]
    offers: list[Offer]
    regions: list[Region] = field(default_factory=list)
    errors: list[FetchError] = field(default_factory=list)

    def regions_of(self, role: str) -> list[Region]:
        return [r for r in self.regions if r.role == role]

    @property
    def home(self) -> Page | None:
        return next((p for p in self.pages if p.role == "home"), None)


@dataclass(frozen=True)
class Element:
    """The element of its page a finding is on: a kind of Directive.spans and an index."""

    kind: str
    index: int


@dataclass
class Finding:
    """One place where the copy breaks a rule, with evidence and a fix."""

    rule: str
    severity: str
    page: str
    path: str | None
    line: int | None
    column: int | None
    message: str
    excerpt: str
    fix: str
    evidence: dict[str, object] = field(default_factory=dict)
    fingerprint: str = ""  # its rule, page and subject, hashed (auditor/identity.py)
    # set when an inline directive or the baseline silences it: {"kind": ..., "reason": ...}
    suppression: dict[str, str] | None = None
    context: str = ""  # the copy around the excerpt, a few blocks, one a line (for reports)
    # where on its page, to match inline directives; not part of the JSON report
    element: Element | None = field(default=None, metadata={"report": False})
    # the fingerprints it had before subjects (of its excerpt), matched by baselines and older
    # reports that hold them; not part of the JSON report
    former: tuple[str, ...] = field(default=(), metadata={"report": False})


@dataclass
class PageSummary:
    """What the report says of each audited page."""

    url: str
    path: str | None
    role: str
    lang: str
    status: int | None
    title: str = ""  # the page's <title>


RULE_STATUSES = ("passed", "failed", "not_checked", "off")


@dataclass(frozen=True)
class Unchecked:
    """Why a rule could not be checked: a reason code, its message, the page concerned."""

    reason: str  # a key of the lexicons' `not_checked` texts ("no_about_page", "js_shell"...)
    message: str  # in the report's language (--lang), else the page's (else the site's)
    page: str | None = None


@dataclass
class RuleStatus:
    """What the report says of one rule on the site: passed, failed, not checked (and why) or
    off (the configuration turns it off)."""

    id: str
    status: str  # one of RULE_STATUSES
    reason: str | None = None  # not_checked: the reason code
    message: str | None = None  # not_checked: the reason, for people
    page: str | None = None  # not_checked: the page the reason is about, if one
    findings: int = 0  # the findings that count (not suppressed)


@dataclass
class Report:
    """The outcome of one audit, handed to a reporter to format."""

    target: str
    pages: list[PageSummary]
    findings: list[Finding]
    errors: list[FetchError]
    rules: list[RuleStatus] = field(default_factory=list)  # empty: not known (an older report)
    lang: str | None = None  # the language asked for the report (--lang); None: its pages'
    # computed before the reporters, which only show them
    shop_window: list[ShopItem] = field(default_factory=list)
    # the run's rules (empty: not known, a report read back from JSON); not in the JSON
    rule_docs: list[RuleDoc] = field(default_factory=list)
    start_here: list[Finding] = field(default_factory=list)  # the fixes that matter most
    page_scores: dict[str, int] = field(default_factory=dict)  # page URL -> its score
    sender: Sender | None = None

    @property
    def active(self) -> list[Finding]:
        """The findings that count: not silenced by an inline directive or the baseline."""
        return [f for f in self.findings if f.suppression is None]

    @property
    def suppressed(self) -> list[Finding]:
        """The findings an inline directive or the baseline silences."""
        return [f for f in self.findings if f.suppression is not None]

    def count(self, severity: str) -> int:
        """The active findings of a severity."""
        return sum(1 for f in self.active if f.severity == severity)

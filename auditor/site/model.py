"""The site model: pages with roles, prices, offers and where their actions lead."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from auditor.lexicons.knowledge import Knowledge
from auditor.page.model import Block, Link, Page
from auditor.sources.raw import FetchError


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
    """Where a call to action leads, judged by what it opens (see auditor/site/destinations.py)."""

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
    # the lexicons and markup its pages were read with, and the rules read them with
    knowledge: Knowledge = field(kw_only=True, repr=False, compare=False)

    def regions_of(self, role: str) -> list[Region]:
        return [r for r in self.regions if r.role == role]

    @property
    def home(self) -> Page | None:
        return next((p for p in self.pages if p.role == "home"), None)


class LeadsTo(Protocol):
    """What judges where a link leads (site/destinations.py `Leads`), as offers see it."""

    def of(self, link: Link, page: Page) -> Destination: ...

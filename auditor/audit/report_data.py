"""What a report carries besides its findings, computed before the reporters: the run's rules,
the shop window and who sends the report. Reporters show these; they never compute them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Described(Protocol):
    """A rule as the HTML report describes it: a RuleDoc, or a Rule read from its file."""

    @property
    def id(self) -> str: ...

    @property
    def severity(self) -> str: ...

    def text(self, field_name: str, lang: str) -> str: ...


@dataclass(frozen=True)
class RuleDoc:
    """A rule of the run as reports describe it: its configured severity ("off" when the
    configuration turns it off) and its texts by language (auditor/audit/rule_docs.py)."""

    id: str
    severity: str
    title: dict[str, str]
    why: dict[str, str]
    fix: dict[str, str]
    bundled: bool = True  # one of the auditor's own rules, with a page under docs/rules/
    meta: bool = False  # about the report's directives, not the copy: for CI formats only

    def text(self, field_name: str, lang: str) -> str:
        """The title, why or fix in `lang`, else in English, else the id (title) or ""."""
        texts: dict[str, str] = getattr(self, field_name)
        fallback = self.id if field_name == "title" else ""
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), fallback)


@dataclass(frozen=True)
class ShopItem:
    """One offer as a visitor meets it (auditor/audit/shop_window.py)."""

    name: str
    page: str
    price: str | None  # as written, on its page; None: not there
    price_on: str | None  # the page that shows its price instead, if one
    price_on_request: bool
    action: str | None  # the label of its call to action, if any
    leads_to: str | None  # booking | checkout | booking_form | contact | mail | phone | page...
    leads_target: str | None  # the page, host or address it opens
    quote: str | None  # a client's words near it, if any
    clicks: int | None  # links to follow from the homepage; None: no link leads there
    other_prices: dict[str, str] = field(default_factory=dict)  # page -> a differing price


@dataclass(frozen=True)
class Sender:
    """Who sends the report (config `report:`): the coach's name, logo and a personal note."""

    name: str = ""
    logo: str = ""  # a data: URI of the image, ready to embed
    note: str = ""


__all__ = ["Described", "RuleDoc", "Sender", "ShopItem"]

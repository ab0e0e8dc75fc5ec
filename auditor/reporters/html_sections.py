"""The parts of the HTML report that show what was computed before it: where to start, the
shop window and the rules turned off. Plain data for the templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.audit.report import Report
from auditor.audit.report_data import Described, ShopItem
from auditor.checks.findings import Finding
from auditor.checks.suppress import META_RULES

Label = Callable[[str], str]  # a page's URL -> its label in the report


@dataclass
class StartItem:
    """One of the fixes to start with: what to do, on which page, and its card."""

    finding: Finding
    title: str  # the rule's title
    page: str  # the page's label
    card: str  # the anchor of the rule's card


@dataclass
class ShopRow:
    """One offer of the shop window, its values in the report's words."""

    item: ShopItem
    page: str  # the label of its page
    price: str  # as written, "on /tarieven/", "on request" or "no price"
    priced: bool  # its price is next to it
    action: str  # the label of its call to action, or "none"
    leads: str  # where that leads, in words ("" when there is no action)
    clicks: str  # "1", or "–" when no link leads there
    conflicts: list[tuple[str, str]]  # (page label, price) of the pages that say otherwise


def start_items(
    report: Report, titles: dict[str, str], label: Label, anchor: str
) -> list[StartItem]:
    """The report's start-here fixes, shown (`label(url)`: a page's label)."""
    return [
        StartItem(f, titles.get(f.rule, f.rule), label(f.page), f"{anchor}-{f.rule}")
        for f in report.start_here
    ]


def shop_rows(report: Report, words: dict[str, Any], label: Label) -> list[ShopRow]:
    """The shop window, in the report's words."""
    w = words["shop"]
    rows = []
    for item in report.shop_window:
        if item.price:
            price = item.price
        elif item.price_on:
            price = str(w["price_on"]).format(page=label(item.price_on))
        else:
            price = w["on_request"] if item.price_on_request else w["no_price"]
        leads = w["leads"].get(item.leads_to or "", w["leads"]["page"]) if item.action else ""
        if item.action and item.leads_to in ("page", "contact", "unknown") and item.leads_target:
            leads = f"{leads} ({label(item.leads_target)})"
        rows.append(
            ShopRow(
                item=item,
                page=label(item.page),
                price=price,
                priced=bool(item.price),
                action=item.action or w["no_action"],
                leads=leads,
                clicks="–" if item.clicks is None else str(item.clicks),
                conflicts=[(label(page), price) for page, price in item.other_prices.items()],
            )
        )
    return rows


def off_rules(report: Report, rules: Sequence[Described], lang: str) -> list[tuple[str, str]]:
    """The rules the configuration turns off, as (id, title); never a meta rule."""
    titles = {r.id: r.text("title", lang) for r in rules}
    return [
        (s.id, titles.get(s.id, s.id))
        for s in report.rules
        if s.status == "off" and s.id not in META_RULES
    ]

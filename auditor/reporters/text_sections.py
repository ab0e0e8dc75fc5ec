"""The text report's opening (the fixes to start with, the score of each page) and its shop
window, as lines; the Markdown summary and `auditor inspect` use them too."""

from __future__ import annotations

from auditor.audit.report import Report
from auditor.audit.report_data import ShopItem
from auditor.audit.score import site_score
from auditor.core.terminal import safe

LINE = 110  # characters of a start-here line before it is cut

LEADS = {
    "booking": "a booking tool", "checkout": "the checkout", "booking_form": "a booking form",
    "contact": "a way to write", "contact_form": "a contact form", "mail": "an e-mail",
    "phone": "a call or message", "events": "an events page", "page": "a page",
    "unknown": "a page",
}  # fmt: skip


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def start_here(report: Report) -> list[str]:
    """ "start here": the fixes that matter most, one line each with its page, then the site
    score with each page's beside it."""
    if not report.start_here:
        return []
    lines = ["start here"]
    for n, f in enumerate(report.start_here, 1):
        head = f"  {n}. {f.severity:<7}  {safe(f.path or f.page)}  "
        lines.append(head + _cut(safe(f.message), max(LINE - len(head), 30)))
    if (scores := score_line(report)) is not None:
        lines.append(scores)
    return [*lines, ""]


def score_line(report: Report) -> str | None:
    """ "  score 40/100; per page: index.html 32, aanbod/index.html 50", or None."""
    score = site_score(report)
    if score is None or not report.page_scores:
        return None
    pages = ", ".join(
        f"{safe(p.path or p.url)} {report.page_scores[p.url]}"
        for p in report.pages
        if p.url in report.page_scores
    )
    return f"  score {score}/100; per page: {pages}"


def price_text(item: ShopItem) -> str:
    """The offer's price as written, or where it is instead."""
    if item.price:
        return item.price
    if item.price_on:
        return f"no price here; on {item.price_on}"
    return "on request" if item.price_on_request else "no price"


def action_text(item: ShopItem) -> str:
    """Its call to action and where that leads."""
    if not item.action:
        return "none"
    where = LEADS.get(item.leads_to or "", item.leads_to or "a page")
    target = f" ({item.leads_target})" if item.leads_target else ""
    return f"'{item.action}' -> {where}{target}"


def shop_window(items: list[ShopItem]) -> list[str]:
    """ "shop window": each offer with its price, call to action, a client's words and how far
    it is from the homepage; a line for each page that prices it otherwise."""
    if not items:
        return []
    lines = ["shop window"]
    for item in items:
        clicks = (
            "no link from the homepage"
            if item.clicks is None
            else f"{item.clicks} click{'' if item.clicks == 1 else 's'} from the homepage"
        )
        lines.append(f"  {safe(item.name)}  ({safe(item.page)}, {clicks})")
        lines.append(f"           price as written: {safe(price_text(item))}")
        lines.append(f"           action: {safe(action_text(item))}")
        if item.quote:
            lines.append(f'           a client says: "{safe(_cut(item.quote, 90))}"')
        for page, price in item.other_prices.items():
            lines.append(f"           ! another price on {safe(page)}: {safe(price)}")
    return [*lines, ""]

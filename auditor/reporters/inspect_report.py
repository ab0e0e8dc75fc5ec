"""The output of `auditor inspect`: the data of auditor/audit/inspect.py as JSON, or as text for a
coach, grouped by page. Formats only: every judgement is in the data already."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from auditor.audit.report_data import ShopItem
from auditor.reporters.sanitize import sanitized_data
from auditor.reporters.text_sections import shop_window

MAX_SECTIONS = 30  # headings listed per page in the text (the JSON lists every one)
MAX_QUOTES = 2  # quoted blocks shown per page in the text
SHORT = 70  # characters of a heading, quote or label shown in the text

_LEADS = {
    "message": "a message (e-mail, phone or chat)",
    "form": "the form it is in (sends it)",
    "booking": "a booking tool",
    "payment": "a payment page",
    "checkout": "a checkout",
    "events": "an events or ticket page",
    "this_page": "a place on this page",
    "not_read": "a page of this site that was not read",
    "external": "another site",
    "no_link": "no link (a script's button)",
}
_JUDGED = {"buy": "buy action", "contact": "contact only, no buy action", "other": "other link"}


def render_inspect_json(data: dict[str, Any], color: bool = False) -> str:
    return json.dumps(sanitized_data(data), ensure_ascii=False, indent=2) + "\n"


def render_inspect_text(data: dict[str, Any], color: bool = False) -> str:
    """The site model for people: a block per page (its offers in it), then what was not read."""
    data = sanitized_data(data)

    def paint(text: str, style: str) -> str:
        return f"\x1b[{style}m{text}\x1b[0m" if color else text

    offers_by_page: dict[str, list[dict[str, Any]]] = {}
    for offer in data["offers"]:
        offers_by_page.setdefault(offer["page"], []).append(offer)
    roles = Counter(p["role"] for p in data["pages"])
    lines = [
        paint(f"{data['target']}: {_count(len(data['pages']), 'page')} "
              f"({', '.join(f'{n} {role}' for role, n in roles.most_common())}), "
              f"{_count(len(data['offers']), 'offer')}, {len(data['errors'])} not read", "1"),
        "",
    ]  # fmt: skip
    for page in data["pages"]:
        lines += _page(page, offers_by_page.get(page["url"], []), paint)
        lines.append("")
    shop = shop_window([ShopItem(**item) for item in data.get("shop_window", [])])
    lines += [paint(line, "1") if line == "shop window" else line for line in shop]
    if data["errors"]:
        lines.append(paint("not read:", "1"))
        lines += [f"  {e['page']}: {e['message']}" for e in data["errors"]]
        lines.append("")
    return "\n".join(lines)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _page(page: dict[str, Any], offers: list[dict[str, Any]], paint: Callable) -> list[str]:
    where = page["path"] or page["url"]
    url = f"  {page['url']}" if page["path"] else ""
    lines = [
        paint(f"{where}{url}  {page['role']}", "1")
        + paint(f"  ({page['role_reason']['text']})", "2"),
        f"  title: {_short(page['title']) or '-'}   h1: {_short(page['h1']) or '-'}   "
        f"language: {page['lang']}   {_count(page['blocks'], 'block')}",
    ]
    lines += _sections(page["sections"])
    lines += [
        f"  role section: {r['role']} '{_short(r['name'])}' {_blocks(r)}"
        for r in page["role_sections"]
    ]
    for offer in offers:
        lines += _offer(offer)
    lines += [f"  form {_at(form)}: {_form(form)}" for form in page["forms"]]
    lines += _testimonials(page["testimonials"])
    return lines


def _blocks(span: dict[str, Any]) -> str:
    line = f", line {span['line']}" if span.get("line") else ""
    return f"[blocks {span['first_block']}-{span['last_block']}{line}]"


def _at(item: dict[str, Any]) -> str:
    return f"at line {item['line']}" if item.get("line") else f"at block {item['first_block']}"


def _sections(sections: list[dict[str, Any]]) -> list[str]:
    if not sections:
        return ["  sections: none (no headings)"]
    top = min(s["level"] for s in sections)
    lines = ["  sections:"]
    for s in sections[:MAX_SECTIONS]:
        indent = "  " * (s["level"] - top)
        lines.append(f"    {indent}h{s['level']} {_short(s['heading'])}  {_blocks(s)}")
    if len(sections) > MAX_SECTIONS:
        lines.append(f"    … {len(sections) - MAX_SECTIONS} more (--format json lists them all)")
    return lines


def _price(offer: dict[str, Any]) -> str:
    written = ", ".join(p["text"] for p in offer["prices"])
    if written and offer["price_on_request"]:
        return f"{written} (and 'on request')"
    return written or ("on request" if offer["price_on_request"] else "no price")


def _offer(offer: dict[str, Any]) -> list[str]:
    lines = [
        f"  offer: '{_short(offer['name'])}' {_blocks(offer)}",
        f"    price: {_price(offer)}",
    ]
    if not offer["actions"]:
        lines.append("    actions: none")
    for action in offer["actions"]:
        label = f"'{_short(action['label'])}'" if action["label"] else "(no label)"
        dest = action["destination"]
        judged = f" (judged: {dest['kind']}, {_short(dest['reason'])})" if dest else ""
        lines.append(
            f"    action {label} ({_JUDGED[action['judged']]}) -> {_short(action['href'])}, "
            f"{_leads(action['leads_to'])}{judged}"
        )
    for dest in offer["page_actions"]:
        lines.append(f"    booking elsewhere on its page: {dest['kind']} {_short(dest['target'])}")
    return lines


def _leads(leads: dict[str, Any]) -> str:
    if leads["kind"] == "page":
        return f"the {leads['role']} page"
    return _LEADS.get(leads["kind"], leads["kind"])


def _form(form: dict[str, Any]) -> str:
    if not form["email_field"]:
        return f"no e-mail field, {_count(form['visible_fields'], 'field')}"
    link = form["privacy_link"]
    privacy = f"privacy link '{_short(link['label'])}'" if link else "no privacy link in or near it"
    consent = ", a consent box ticked in advance" if form["prechecked_consent"] else ""
    bare = " (an e-mail field outside any form)" if form["bare"] else ""
    return f"e-mail field{bare}, {privacy}{consent}"


def _testimonials(found: dict[str, Any]) -> list[str]:
    quotes, headings = found["quoted_blocks"], found["headings"]
    if not (quotes or headings or found["review_widget"]):
        return []
    parts = []
    if found["review_widget"]:
        parts.append("a review widget or review data")
    if headings:
        parts.append(
            "heading " + ", ".join(f"'{_short(h['text'])}'" for h in headings[:MAX_QUOTES])
        )
    if quotes:
        parts.append(_count(len(quotes), "quoted block"))
    lines = [f"  testimonials: {'; '.join(parts)}"]
    lines += [f"    > {_short(q['text'])}" for q in quotes[:MAX_QUOTES]]
    return lines

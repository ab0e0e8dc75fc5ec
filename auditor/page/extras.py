"""What a page says beside its copy: in-page anchors, embeds, abbreviations, JSON-LD reviews."""

from __future__ import annotations

import json
import re

from lxml import etree

from auditor.page.hrefs import resolve
from auditor.page.text import clean, text_of, text_start

Tag = etree._Element


def anchor_targets(root: Tag) -> dict[str, str]:
    """Ids that in-page links point at (one-page sites), with the label of the link."""
    targets: dict[str, str] = {}
    ids: set[str] | None = None
    for a in root.iter("a"):
        href = a.get("href")
        if href is None or "#" not in href or href.endswith("#"):
            continue
        path, frag = href.split("#", 1)
        if path.strip("/") not in ("", "index.html", "index.htm") or not frag:
            continue
        if ids is None:
            ids = {i for el in root.iter() if (i := el.get("id")) is not None}
        if frag in ids and frag not in targets:
            targets[frag] = clean(text_of(a))
    return targets


def json_ld_reviews(root: Tag) -> bool:
    for script in root.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        text = script.text or ""
        if re.search(r'"@type"\s*:\s*"(Review|AggregateRating)"', text):
            try:
                json.loads(text)
            except (ValueError, RecursionError):
                continue
            return True
    return False


def embeds(root: Tag, base: str) -> list[str]:
    """The addresses of the page's iframes and widgets (a scheduler's `data-url`), hidden
    ones included: a booking widget in a closed modal is still on the page. (Scripts are
    left out: a site loads them on every page, whatever the page offers.)"""
    found: list[str] = []
    for el in root.iter("iframe", "div", "a", "button", "span", "section"):
        src = el.get("data-url") or (el.get("src") if el.tag == "iframe" else None)
        if src and (url := resolve(base, str(src))).startswith("http") and url not in found:
            found.append(url)
    return found


def abbreviations(root: Tag) -> dict[str, str]:
    found = {}
    for abbr in root.iter("abbr"):
        if abbr.get("title") is None:
            continue
        text, title = clean(text_start(abbr, 200)), clean(str(abbr.get("title")))
        if text and title:
            found.setdefault(text, title)
    return found

"""JavaScript shells: pages that show their copy only once their scripts have run.

A single-page app served without server rendering (React, Vue, Angular, Svelte...) or a site
builder's bootstrap sends an almost empty page; its copy is not in the HTML, so no rule may
pass or fail that copy. What makes a shell, and why, is in rules/markup.yml (`js_shell`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from auditor.page.model import Block

Tag = etree._Element


def _framework_marker(root: Tag, settings: Mapping[str, Any]) -> str | None:
    """The first framework root, builder bootstrap or "enable JavaScript" notice in the page."""
    ids, attributes = set(settings["root_ids"]), set(settings["root_attributes"])
    bootstraps = settings["bootstraps"]
    for element in root.iter(etree.Element):
        if element.get("id") in ids:
            return f"id={element.get('id')}"
        if found := next((a for a in element.attrib if a in attributes), None):
            return str(found)
        if element.tag == "script":
            code = f"{element.get('src') or ''} {element.text or ''}"
            if found := next((b for b in bootstraps if b in code), None):
                return str(found)
        if element.tag == "noscript" and "javascript" in "".join(element.itertext()).lower():
            return "noscript"
    return None


def _mostly_scripts(root: Tag, blocks: list[Block]) -> bool:
    """At least as many <script> elements as blocks of copy (and one), or more characters of
    script than of copy."""
    scripts = list(root.iter("script"))
    code = sum(len(s.text or "") for s in scripts)
    return len(scripts) >= max(len(blocks), 1) or code > sum(len(b.text) for b in blocks)


def shell_marker(root: Tag, blocks: list[Block], settings: Mapping[str, Any]) -> str | None:
    """The marker ("id=root", "ng-app", "static.parastorage.com", "noscript") by which a page
    with little copy and mostly scripts is known as a JavaScript shell; None when its copy is
    in its HTML. `settings`: markup.yml's `js_shell`."""
    words = 0
    for block in blocks:  # the common case, decided on the first blocks
        words += len(block.text.split())
        if words >= settings["max_words"]:
            return None
    marker = _framework_marker(root, settings)
    return marker if marker and _mostly_scripts(root, blocks) else None

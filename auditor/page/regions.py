"""The regions of a page that are not its copy: navigation, header and footer (their links
count, their text does not), and copy in another language beside the page's own."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from auditor.page.markup import SKIP, Markup
from auditor.page.text import primary_language

Tag = etree._Element

CHROME_TAGS = frozenset({"nav", "footer"})


def is_chrome(tag: Tag, name: str, attributes: tuple[str | None, str | None, int], m: Markup,
               quoted: bool, copy_headers: Callable[[], set[Tag]]) -> bool:  # fmt: skip
    """Navigation, site header and footer, cookie banners: links count, text is not copy.

    `attributes`: the tag's role, id and class flags (Markup.flags); `quoted`: inside a
    blockquote or figure; `copy_headers`: the <header>s with copy.
    """
    role, tag_id, flags = attributes
    if name in CHROME_TAGS:
        return not quoted
    if role in ("navigation", "contentinfo"):
        return True
    if tag_id in m.skip_ids or flags & SKIP:
        return True
    if name == "header":
        # a page header with only a logo and menu is chrome; a hero <header> is copy
        return tag not in copy_headers()
    return False


def own_language(tag: Tag) -> str:
    """The language an element's own lang or data-lang attribute names ("" for none)."""
    value = tag.get("lang") or tag.get("data-lang")
    return primary_language(str(value)[:20]) if value else ""


def headers_with_copy(root: Tag) -> set[Tag]:
    """The <header> elements that hold an h1, h2 or p (one pass, however deep they nest)."""
    headers: set[Tag] = set()
    seen: set[Tag] = set()
    for tag in root.iter("h1", "h2", "p"):
        for parent in tag.iterancestors():
            if parent in seen:
                break  # its ancestors were walked already
            seen.add(parent)
            if parent.tag == "header":
                headers.add(parent)
    return headers


class ParallelLanguages:
    """Copy in another language than the page's, beside copy in the page's (`lang`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.sibling_langs: dict[Tag, set[str]] = {}  # the languages of an element's children

    def other(self, tag: Tag) -> bool:
        """Parallel-language copy: the element names another language than the page's, and
        a sibling the page's (only one of them is shown). A link naming its language is a
        language switch, not copy: it stays."""
        own = own_language(tag)
        if not own or own == self.lang or tag.tag == "a":
            return False
        parent = tag.getparent()
        if parent is None:
            return False
        if parent not in self.sibling_langs:
            self.sibling_langs[parent] = {
                own_language(child) for child in parent.iterchildren(etree.Element)
            }
        return self.lang in self.sibling_langs[parent]

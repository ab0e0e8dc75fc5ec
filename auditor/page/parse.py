"""Turn a raw page into a Page: visible copy blocks, links, buttons and forms, parsed once."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree

from auditor.core.urls import plain_path
from auditor.lexicons.lexicon import load_markup
from auditor.page.charset import decode_html
from auditor.page.directives import DirectiveRecorder
from auditor.page.form_fields import FieldReader, email_pattern
from auditor.page.js_shell import shell_marker
from auditor.page.language import detect_language
from auditor.page.model import Block, Field, Form, Link, Page
from auditor.page.nesting import bound_depth
from auditor.page.reachable import Reachable, is_hidden
from auditor.page.sourcepos import Positions
from auditor.page.title_blocks import (
    TITLE_TAGS,
    Card,
    card_of,
    is_title_text,
    promote_titles,
    stands_out,
)
from auditor.sources.raw import RawPage

Tag = etree._Element

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADINGS | {
    "p", "li", "blockquote", "td", "th", "dt", "dd", "figcaption", "caption", "div", "section",
    "article", "aside", "header", "main", "ul", "ol", "dl", "table", "tr", "form", "figure",
    "address", "pre", "fieldset", "legend", "label", "details", "summary", "br", "hr", "body",
    "button", "center",
}  # fmt: skip
CHROME_TAGS = {"nav", "footer"}
MAX_DEPTH = 2048  # libxml2's limit, with huge_tree
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w")
_ONCLICK_URL = re.compile(r"""(?:location(?:\.href)?|window\.open)\s*=?\s*\(?['"]([^'"]+)""")
# control characters, and lone surrogates (from character references like &#xD800;)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
KNOWN_CLASSES = 4096  # class attributes whose matches a class matcher remembers
KNOWN_CLASS_CHARS = 300  # longer class attributes are matched each time
MAX_LABEL = 10_000  # characters of a link's text kept (a link may wrap a card, not a 5 MB page)
MAX_COPY = 200_000  # characters of copy read per page; the rest of a longer page is left out
# a "section" of more blocks than this is most of a page: a link in it is not next to a form
# in it (a section of a page holds a heading and a few paragraphs; a whole page, dozens)
MAX_SECTION_BLOCKS = 30
SECTION_TAGS = frozenset({"section", "article", "aside", "footer"})
# the text nodes of a subtree, but those of script, style and template (not the tag's text)
_STRINGS = etree.XPath(
    "descendant-or-self::text()[not(parent::script or parent::style or parent::template"
    " or parent::rt or parent::rp)]",
    smart_strings=False,
)


def decode(raw: RawPage) -> str:
    """Bytes to text (see auditor/page/charset.py)."""
    return decode_html(raw.content, raw.content_type)


def classes_of(tag: Tag) -> str:
    """A tag's class attribute, its first 5,000 characters: a real one has a few classes, a
    hostile one megabytes, read again for every link inside it."""
    return (tag.get("class") or "")[:5000]


def _token_search(patterns: list[str]) -> Callable[[str], re.Match[str] | None]:
    """Finds a white-space separated token that matches a pattern ("*": any characters)."""
    tokens = (r"\S*".join(map(re.escape, p.split("*"))) for p in patterns)
    return re.compile(rf"(?<!\S)(?:{'|'.join(tokens)})(?!\S)").search


def _class_matcher(patterns: list[str]) -> Callable[[Tag], bool]:
    """Does one of a tag's class tokens match a pattern ("*" stands for any characters)?

    A site repeats a few hundred class attributes on every page: each one's answer is kept
    (up to KNOWN_CLASSES short ones; the memo starts again when it is full)."""
    search = _token_search(patterns)
    known: dict[str, bool] = {}

    def matches(tag: Tag) -> bool:
        classes = classes_of(tag)
        if not classes:
            return False
        hit = known.get(classes)
        if hit is None:
            hit = search(classes) is not None
            if len(classes) <= KNOWN_CLASS_CHARS:
                if len(known) >= KNOWN_CLASSES:
                    known.clear()
                known[classes] = hit
        return hit

    return matches


def _class_or_id_matcher(patterns: list[str]) -> Callable[[Tag], bool]:
    """Does a tag's id, or one of its class tokens, match a pattern?"""
    search = _token_search([p.lower() for p in patterns])

    def matches(tag: Tag) -> bool:
        words = f"{classes_of(tag)} {str(tag.get('id') or '')[:500]}".lower()
        return not words.isspace() and search(words) is not None

    return matches


class _Markup:
    """Markup knowledge (rules/markup.yml) compiled into matchers."""

    def __init__(self) -> None:
        data = load_markup()
        not_copy = data["not_copy"]
        self.skip_tags = set(not_copy["tags"])
        self.skip_ids = set(not_copy["ids"])
        self.skip_class = _class_matcher(not_copy["classes"])
        self.button_class = _class_matcher(data["button_classes"])
        self.not_button_class = _class_matcher(data["not_button_classes"])
        self.testimonial_class = _class_matcher(data["testimonial_classes"])
        self.review_hosts = tuple(data["review_hosts"])
        self.panel_class = _class_matcher(data["hidden"]["panel_classes"])
        self.hidden_not_copy = _class_or_id_matcher(data["hidden"]["not_copy"])
        self.clone_class = _class_matcher(data["clone_classes"])
        self.email_field = email_pattern(data["email_field_words"])
        self.section_class = _class_matcher(data["section_classes"])


@cache
def markup() -> _Markup:
    """The compiled markup knowledge, built once per process."""
    return _Markup()


def clean(text: str) -> str:
    """Collapse white space and drop control characters."""
    return _WS.sub(" ", _CONTROL.sub(" ", text)).strip()


def clean_start(text: str, limit: int) -> str:
    """clean(text), or a start of it longer than `limit` with a word in it: its first `limit`
    characters are clean(text)'s (white space is collapsed and stripped, never added), and a
    5 MB paragraph is not cleaned whole to keep 200,000 characters of it."""
    if len(text) > 2 * limit + 1000:
        start = clean(text[: 2 * limit + 1000])
        if len(start) > limit and _WORD.search(start):
            return start
    return clean(text)


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)


def resolve(base: str, href: str) -> str:
    """An href made absolute against the page URL (or site path, for files).

    One that is not a URL at all ("http://[::1", a port of 99999999) becomes "invalid:" and
    the href percent-encoded, which no later step takes for a page of the site.
    """
    href = href.strip()
    if base.startswith("/") and plain_path(href) and "/." not in href:
        return href  # what urljoin makes of it: a path from the root, nothing to resolve
    try:
        url = _resolve(base, href)
        parts = urlsplit(url)
        _ = parts.hostname, parts.port  # these raise for a malformed host or port
    except ValueError:
        return "invalid:" + quote(href, safe="")
    return url


def _resolve(base: str, href: str) -> str:
    if _SCHEME.match(href):
        return href
    if base.startswith("/"):  # a site path: resolve as a static host would
        return urljoin("http://site.invalid" + base, href).removeprefix("http://site.invalid")
    return urljoin(base, href)


def text_of(tag: Tag) -> str:
    """The strings in a tag, joined by spaces (as bs4's get_text(" "): no script or style)."""
    return " ".join(_STRINGS(tag))


_NOT_TEXT = frozenset({"script", "style", "template", "rt", "rp"})


def text_start(tag: Tag, limit: int = 500) -> str:
    """The start of text_of(tag), reading no further than `limit` characters: a label, not
    the page an unclosed <button> or <label> swallows (read once per such element)."""
    pieces: list[str] = []
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text:
            pieces.append(text)
            size += len(text) + 1

    add(tag.text if tag.tag not in _NOT_TEXT else None)
    stack = [(tag, iter(tag))]  # the open elements, with their children still to read
    while stack and size <= limit:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and stack[-1][0].tag not in _NOT_TEXT:
                add(element.tail)
        elif isinstance(child.tag, str):
            add(child.text if child.tag not in _NOT_TEXT else None)
            stack.append((child, iter(child)))
        elif element.tag not in _NOT_TEXT:  # a comment: no text of its own, but what follows
            add(child.tail)
    return " ".join(pieces)[:limit]


def _is_chrome(tag: Tag, m: _Markup, quoted: bool, copy_headers: Callable[[], set[Tag]]) -> bool:
    """Navigation, site header and footer, cookie banners: links count, text is not copy.

    `quoted`: inside a blockquote or figure; `copy_headers`: the <header>s with copy.
    """
    if tag.tag in CHROME_TAGS:
        return not quoted
    if tag.get("role") in ("navigation", "contentinfo"):
        return True
    if tag.get("id") in m.skip_ids or m.skip_class(tag):
        return True
    if tag.tag == "header":
        # a page header with only a logo and menu is chrome; a hero <header> is copy
        return tag not in copy_headers()
    return False


def _closes_window(tag: Tag) -> bool:
    """A button that closes a window or panel (Bootstrap's data-dismiss): never an action."""
    return tag.get("data-dismiss") is not None or tag.get("data-bs-dismiss") is not None


def primary_language(tag: str) -> str:
    """The language of a language tag ("en-GB" -> "en"), lower case."""
    return tag.strip().lower().replace("_", "-").split("-")[0]


def _own_language(tag: Tag) -> str:
    """The language an element's own lang or data-lang attribute names ("" for none)."""
    value = tag.get("lang") or tag.get("data-lang")
    return primary_language(str(value)[:20]) if value else ""


@dataclass
class _Section:
    """An open section of the page: where its links and blocks start, and the forms in it."""

    tag: Tag
    links: int  # how many links, nav links and blocks came before it
    nav_links: int
    blocks: int
    footer: bool  # the site's footer: a link anywhere in it is next to a form in it
    forms: list[Form] = field(default_factory=list)


def _headers_with_copy(root: Tag) -> set[Tag]:
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


class _Builder:
    """Walks the document once and collects blocks, links, forms and navigation."""

    def __init__(
        self,
        document: Tag,
        base: str,
        targets: set[str],
        positions: Positions,
        original: str | None = None,
        lang: str = "",
    ) -> None:
        m = self.m = markup()
        self.document = document
        self.base = base
        self.lang = lang  # the page's declared language ("en"), to read parallel-language copy
        self.targets = targets
        self.positions = positions
        self.directives = DirectiveRecorder(self.pending, positions.text, original)
        self.root: Tag | None = None
        self._copy_headers: set[Tag] | None = None
        self.reachable = Reachable(document, m.panel_class, m.hidden_not_copy)
        self.fields = FieldReader(document, m.email_field, text_start)
        self.sibling_langs: dict[Tag, set[str]] = {}  # the languages of an element's children
        self.titles: list[int] = []  # blocks that may be styled titles (see title_blocks.py)
        self.cards: dict[int, Card] = {}  # the card each such title stands in, if any
        # open sections of the page (see `_Section`): the element, where its links and blocks
        # start, the forms whose nearby links it gives, and whether it is a footer
        self.sections: list[_Section] = []
        self.copy_chars = 0  # characters of copy in the blocks so far (up to MAX_COPY)
        self.seen: dict[str, int] = {}  # elements of each name met so far, in document order
        self.order: dict[Tag, int] = {}  # the n-th element of its name, for those entered
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.nav_links: list[Link] = []
        self.forms: list[Form] = []
        self.buffer: list[str] = []
        self.buffer_text = False  # the buffer holds more than white space
        self.buffer_word = False  # the buffer holds a letter or digit: it will be a block
        self.buffer_tag: Tag | None = None  # where the block's text starts
        self.section = ""
        self.anchor: str | None = None
        self.skip_depth = 0  # inside something that is not copy at all
        self.chrome_depth = 0  # inside navigation/footer: collect links only
        self.quote_depth = 0
        self.figure_depth = 0  # inside a blockquote or figure: a <nav> or <footer> there is copy
        self.form_stack: list[tuple[Form, Tag]] = []
        self.form_starts: dict[int, int] = {}  # links so far when an open form started
        self.form_sizes: dict[int, tuple[int, int]] = {}  # a form's own links and blocks
        self.form_texts: list[str] = []  # the text of the open form
        self.link_stack: list[tuple[Link, list[str], Tag]] = []
        self.block_stack: list[Tag] = []
        self.chrome_tags: set[int] = set()
        self.quote_tags: set[int] = set()
        self.wrappers: dict[Tag, bool] = {}  # elements asked whether they wrap a button

    # -- blocks -------------------------------------------------------------------------
    def copy_headers(self) -> set[Tag]:
        if self._copy_headers is None:
            self._copy_headers = _headers_with_copy(self.root) if self.root is not None else set()
        return self._copy_headers

    def pending(self) -> dict[str, int]:
        """How many blocks, links and forms have started (the pending text is a block).

        From flags kept as the text comes (not the text itself): a page of many directives
        stays linear."""
        pending = self.buffer_text and self.buffer_word and self.copy_chars < MAX_COPY
        return {
            "block": len(self.blocks) + pending, "link": len(self.links),
            "nav_link": len(self.nav_links), "form": len(self.forms),
        }  # fmt: skip

    def hyphen_break(self) -> bool:
        """A word broken over two lines of a heading ("Gezondheids-<br>klachten") stays one."""
        last = next((piece for piece in reversed(self.buffer) if piece.strip()), "").rstrip()
        return self.in_heading() and bool(re.search(r"\w-$", last))

    def inner_block(self) -> Tag | None:
        """The innermost block element being read (a line break is none)."""
        return next((t for t in reversed(self.block_stack) if t.tag != "br"), None)

    def in_heading(self) -> bool:
        """Is the innermost block being read a heading (h1-h6)?"""
        inner = self.inner_block()
        return inner is not None and inner.tag in HEADINGS

    def flush(self) -> None:
        if not self.buffer_text:  # white space alone makes no block
            self.buffer, self.buffer_word = [], False
            return
        room = MAX_COPY - self.copy_chars
        text = clean_start("".join(self.buffer), room) if room > 0 else ""
        self.buffer, self.buffer_text, self.buffer_word = [], False, False
        if not text or not re.search(r"\w", text):
            return
        text = text[: MAX_COPY - self.copy_chars]
        self.copy_chars += len(text)
        block_tag = self.inner_block()
        name = block_tag.tag if block_tag is not None else "p"
        if name in HEADINGS:
            kind, level = "heading", int(name[1])
        elif self.quote_depth:
            kind, level = "quote", 0
        elif name == "li":
            kind, level = "item", 0
        elif name in ("td", "th"):
            kind, level = "cell", 0
        else:
            kind, level = "paragraph", 0
        block = Block(
            index=len(self.blocks), kind=kind, text=text, level=level, section=self.section,
            anchor=self.anchor, quoted=bool(self.quote_depth),
        )  # fmt: skip
        self.locate(block, self.buffer_tag)
        if kind == "heading":
            self.section = text
            block.section = text
        elif (
            kind == "paragraph"
            and block_tag is not None
            and block_tag.tag in TITLE_TAGS
            and is_title_text(text)
            and stands_out(block_tag, text, partial(clean_start, limit=len(text) + 1))
        ):
            self.titles.append(block.index)
            if (card := card_of(block_tag)) is not None:
                self.cards[block.index] = card
        self.blocks.append(block)

    def add_text(self, text: str, parent: Tag | None) -> None:
        if not self.buffer_text:
            self.buffer_tag = next((t for t in reversed(self.block_stack)), parent)
            self.buffer_text = not text.isspace()
        self.buffer.append(text)
        self.buffer_word = self.buffer_word or _WORD.search(text) is not None
        for _, texts, _ in self.link_stack:
            texts.append(text)
        if self.form_stack:
            self.form_texts.append(text)

    def count(self, tag: Tag) -> int:
        """Count an element in document order; its index among the elements of its name."""
        index = self.seen.get(tag.tag, 0)
        self.seen[tag.tag] = index + 1
        return index

    def position(self, tag: Tag | None) -> tuple[int | None, int | None]:
        """The line and column of a tag's `<` in the source, if known."""
        index = self.order.get(tag) if tag is not None else None
        if tag is None or index is None:
            return None, None
        return self.positions.source().position(tag.tag, index, tag.sourceline) or (None, None)

    def locate(self, item: Block | Link | Form, tag: Tag | None) -> None:
        """Give a block, link or form the position of its tag (now, or when it is asked)."""
        index = self.order.get(tag) if tag is not None else None
        if tag is not None and index is not None:
            self.positions.add(item, tag.tag, index, tag.sourceline)

    # -- events -------------------------------------------------------------------------
    def enter(self, tag: Tag) -> bool:
        """Handle an opening tag; False means: skip its subtree."""
        m = self.m
        if tag.tag in ("select", "textarea") and self.form_stack:
            self.add_field(tag)
        if tag.tag in m.skip_tags or tag.tag == "title" or m.clone_class(tag):
            return False  # (a <title> outside <head>, on a page without one, is not copy either)
        if is_hidden(tag) and not self.reachable.is_copy(tag):
            return False
        if self.lang and self.other_language(tag):
            return False
        if tag.tag in ("del", "s", "strike"):  # an old, struck-out price is not copy
            return False
        chrome = _is_chrome(tag, m, self.figure_depth > 0, self.copy_headers)
        if chrome:
            self.flush()
            self.chrome_depth += 1
            self.chrome_tags.add(id(tag))
        self.open_section(tag, chrome)
        if tag.get("id") in self.targets:
            self.flush()
            self.anchor = str(tag.get("id"))
        if m.testimonial_class(tag) or tag.tag == "blockquote":
            self.flush()
            self.quote_depth += 1
            self.quote_tags.add(id(tag))
        if tag.tag in ("blockquote", "figure"):
            self.figure_depth += 1
        if tag.tag in BLOCK_TAGS and not (tag.tag == "br" and self.in_heading()):
            self.flush()
            self.block_stack.append(tag)
            if self.form_stack:  # blocks of a form's text are words apart
                self.form_texts.append(" ")
        if tag.tag == "br" and not self.hyphen_break():
            self.buffer.append(" ")  # a line break inside a heading keeps it one heading
        if tag.tag == "a" and tag.get("href"):
            self.open_link(tag)
        elif tag.tag == "button" or (
            tag.tag == "input" and str(tag.get("type", "")).lower() in ("submit", "button")
        ):
            self.add_button(tag)
        if tag.tag == "form":
            self.open_form(tag)
        elif tag.tag == "input":
            self.add_input(tag)
        elif tag.tag == "img":
            alt = str(tag.get("alt") or "")
            if re.search(r"handtekening|signature|unterschrift", alt + str(tag.get("src")), re.I):
                self.buffer.append(" [signature] ")
                self.buffer_text = self.buffer_word = True
        return True

    def exit(self, tag: Tag) -> None:
        if tag.tag in BLOCK_TAGS and not (tag.tag == "br" and self.in_heading()):
            self.flush()
            if self.block_stack and self.block_stack[-1] is tag:
                self.block_stack.pop()
            if self.form_stack:
                self.form_texts.append(" ")
        if self.link_stack and self.link_stack[-1][2] is tag:
            self.close_link()
        if tag.tag == "form" and self.form_stack and self.form_stack[-1][1] is tag:
            self.flush()
            form, _ = self.form_stack.pop()
            form.text = clean("".join(self.form_texts))
            self.form_texts = []
            if len(self.blocks) > form.block_index:
                form.last_block = len(self.blocks) - 1
            start = self.form_starts.pop(id(form))
            self.form_sizes[id(form)] = (
                len(self.links) + len(self.nav_links) - start,
                len(self.blocks) - form.block_index,
            )
        if id(tag) in self.quote_tags:
            self.flush()
            self.quote_depth -= 1
        if tag.tag in ("blockquote", "figure"):
            self.figure_depth -= 1
        if id(tag) in self.chrome_tags:
            self.flush()
            self.chrome_depth -= 1
        if self.sections and self.sections[-1].tag is tag:
            self.flush()
            self.close_section()

    def other_language(self, tag: Tag) -> bool:
        """Parallel-language copy: the element names another language than the page's, and
        a sibling the page's (only one of them is shown). A link naming its language is a
        language switch, not copy: it stays."""
        own = _own_language(tag)
        if not own or own == self.lang or tag.tag == "a":
            return False
        parent = tag.getparent()
        if parent is None:
            return False
        if parent not in self.sibling_langs:
            self.sibling_langs[parent] = {
                _own_language(child) for child in parent.iterchildren(etree.Element)
            }
        return self.lang in self.sibling_langs[parent]

    # -- sections: where a privacy link is next to a sign-up form -----------------------
    def open_section(self, tag: Tag, chrome: bool) -> None:
        """Open a section for a sectioning element, a builder's section or the site footer."""
        footer = chrome and (
            tag.tag == "footer"
            or tag.get("role") == "contentinfo"
            or "footer" in f"{classes_of(tag)} {tag.get('id') or ''}".lower()
        )
        if (
            footer
            or tag.tag in SECTION_TAGS
            or tag.get("role") == "region"
            or (tag.tag == "div" and self.m.section_class(tag))
        ):
            self.sections.append(
                _Section(tag, len(self.links), len(self.nav_links), len(self.blocks), footer)
            )

    def add_to_section(self, form: Form) -> None:
        """A form belongs to the site footer it sits in, else to its nearest section."""
        if self.sections:
            footer = next((s for s in self.sections if s.footer), None)
            (footer or self.sections[-1]).forms.append(form)

    def close_section(self) -> None:
        """The links of a closing section are next to its forms. A section that holds only a
        form hands it on to the section around it; one of more than MAX_SECTION_BLOCKS blocks
        is no section of the page."""
        section = self.sections.pop()
        links = [*self.links[section.links :], *self.nav_links[section.nav_links :]]
        blocks = len(self.blocks) - section.blocks
        for form in section.forms:
            own_links, own_blocks = self.form_sizes.get(id(form), (0, 0))
            if not section.footer and len(links) <= own_links and blocks <= own_blocks:
                if self.sections:
                    self.sections[-1].forms.append(form)
            elif section.footer or blocks <= MAX_SECTION_BLOCKS:
                form.nearby_links = links

    # -- links, buttons, forms ----------------------------------------------------------
    def _is_button(self, tag: Tag) -> bool:
        m = self.m
        if m.not_button_class(tag) or _closes_window(tag):
            return False
        if tag.get("role") == "button" or m.button_class(tag):
            return True
        parent = tag.getparent()
        return parent is not None and self._button_wrapper(parent)

    def _button_wrapper(self, tag: Tag) -> bool:
        """A builder's button wrapper (asked once per element: its links may be many)."""
        if tag not in self.wrappers:
            classes = classes_of(tag).split()[:100]
            self.wrappers[tag] = tag.get("data-semantic-classname") == "button" or any(
                c in ("wp-block-button", "fl-button-wrap") for c in classes
            )
        return self.wrappers[tag]

    def open_link(self, tag: Tag) -> None:
        if self.link_stack:  # a link inside a link: as browsers do, the first one ends here
            self.close_link()
        link = Link(
            href=resolve(self.base, str(tag.get("href"))),
            text=clean(str(tag.get("aria-label") or tag.get("title") or "")),
            block_index=len(self.blocks),
            is_button=self._is_button(tag),
        )
        self.locate(link, tag)
        (self.nav_links if self.chrome_depth else self.links).append(link)
        for form, _ in self.form_stack:
            form.links.append(link)
        self.link_stack.append((link, [], tag))

    def close_link(self) -> None:
        link, texts, _ = self.link_stack.pop()
        link.text = clean_start("".join(texts), MAX_LABEL)[:MAX_LABEL] or link.text

    def add_button(self, tag: Tag) -> None:
        if self.chrome_depth or self.m.not_button_class(tag) or _closes_window(tag):
            return
        text = clean(text_start(tag) if tag.tag == "button" else str(tag.get("value") or ""))
        onclick = str(tag.get("onclick") or "")
        target = _ONCLICK_URL.search(onclick)
        href = resolve(self.base, target.group(1)) if target else "button:"
        if self.form_stack:
            href = "form:" + str(self.form_stack[-1][1].get("action") or "")
        link = Link(href=href, text=text, block_index=len(self.blocks), is_button=True)
        self.locate(link, tag)
        self.links.append(link)

    def open_form(self, tag: Tag) -> None:
        if self.form_stack:  # a form inside a form: browsers ignore the inner one
            return
        action = str(tag.get("action") or "").strip()
        form = Form(
            block_index=len(self.blocks), has_email=False, visible_fields=0, text="",
            action=resolve(self.base, action) if action else "",
        )  # fmt: skip
        self.locate(form, tag)
        self.forms.append(form)
        self.form_stack.append((form, tag))
        self.form_starts[id(form)] = len(self.links) + len(self.nav_links)
        self.add_to_section(form)

    def add_input(self, tag: Tag) -> None:
        kind = str(tag.get("type", "text")).lower()
        is_email = self.fields.is_email(tag)
        if self.form_stack:
            form = self.form_stack[-1][0]
            if kind not in ("hidden", "submit", "button", "checkbox", "radio", "image", "reset"):
                form.visible_fields += 1
            if kind not in ("hidden", "submit", "button", "checkbox", "image", "reset"):
                self.add_field(tag)
            form.has_email = form.has_email or is_email
            if kind == "checkbox" and "checked" in tag.attrib:
                form.prechecked_consent = True
        elif is_email:  # an e-mail field outside a <form> is still a sign-up field
            form = Form(block_index=len(self.blocks), has_email=True, visible_fields=1, text="",
                        bare=True)  # fmt: skip
            self.locate(form, tag)
            self.forms.append(form)
            self.add_to_section(form)

    def add_field(self, tag: Tag) -> None:
        """Record a visible field of the open form (an input, select or textarea)."""
        kind = str(tag.get("type", "text")).lower() if tag.tag == "input" else str(tag.tag)
        name = " ".join(
            str(tag.get(a, "")) for a in ("name", "id", "placeholder", "aria-label")
        ).lower()
        if tag.tag == "select":
            options = [clean(text_of(o)) for o in tag.iter("option")]
        else:
            options = [clean(str(tag.get("value") or ""))] if kind == "radio" else []
        self.form_stack[-1][0].fields.append(Field(kind, clean(name), [o for o in options if o]))

    def text(self, text: str, parent: Tag) -> None:
        """A string of the document, in `parent` (an element's text, or a child's tail)."""
        if not self.chrome_depth:
            self.add_text(text, parent)
        else:  # nav link labels, and the text of a form in the footer
            for _, texts, _ in self.link_stack:
                texts.append(text)
            if self.form_stack:
                self.form_texts.append(text)

    def run(self, root: Tag) -> None:
        """Walk `root` depth-first without recursion (deep trees are common).

        Comments are not text, but they may be inline-suppression directives; those above
        `root` cover the page from its start. Every element of `document` is counted, so that
        its index among the elements of its name finds its tag in the source.
        """
        self.root = root
        document = self.document
        for comment in reversed(list(document.itersiblings(etree.Comment, preceding=True))):
            self.directives.comment(comment.text or "")
        for tag in document.iter(etree.Element, etree.Comment):  # <html>, <head> and in them
            if tag is root:
                break
            if tag.tag is etree.Comment:
                self.directives.comment(tag.text or "")
            else:
                self.count(tag)
        stack: list[tuple[Tag, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.exit(node)
                self.directives.exit(node)
            elif node.tag is etree.Comment:
                self.directives.comment(node.text or "")
            elif not isinstance(node.tag, str):
                pass  # a processing instruction
            else:
                self.order[node] = self.count(node)
                self.directives.enter(node, partial(self.position, node))
                if self.enter(node):
                    stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node))
                    if node.text:
                        self.text(node.text, node)
                    continue
                self.directives.exit(node)
                for tag in node.iterdescendants(etree.Element):  # not copy, but counted
                    self.count(tag)
            if node.tail and node is not root:
                self.text(node.tail, node.getparent())
        self.flush()


def _anchor_targets(root: Tag) -> dict[str, str]:
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


def _json_ld_reviews(root: Tag) -> bool:
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


def _embeds(root: Tag, base: str) -> list[str]:
    """The addresses of the page's iframes and widgets (a scheduler's `data-url`), hidden
    ones included: a booking widget in a closed modal is still on the page. (Scripts are
    left out: a site loads them on every page, whatever the page offers.)"""
    found: list[str] = []
    for el in root.iter("iframe", "div", "a", "button", "span", "section"):
        src = el.get("data-url") or (el.get("src") if el.tag == "iframe" else None)
        if src and (url := resolve(base, str(src))).startswith("http") and url not in found:
            found.append(url)
    return found


def _abbreviations(root: Tag) -> dict[str, str]:
    found = {}
    for abbr in root.iter("abbr"):
        if abbr.get("title") is None:
            continue
        text, title = clean(text_start(abbr, 200)), clean(str(abbr.get("title")))
        if text and title:
            found.setdefault(text, title)
    return found


_local = threading.local()  # an lxml parser may be used by one thread at a time


def _parser() -> etree.HTMLParser:
    if not hasattr(_local, "parser"):
        _local.parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True)
    return _local.parser


class ParseError(ValueError):
    """A page the HTML parser cannot read whole (one line)."""


def parse_html(html: str) -> Tag:
    """The document's root element (an empty <html> for a document with no markup)."""
    parser = _parser()
    try:
        root = etree.fromstring(html.encode("utf-8"), parser)
    except etree.XMLSyntaxError:  # an empty document
        root = None
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        raise ParseError(f"elements nested deeper than {MAX_DEPTH} levels")
    return root if root is not None else etree.Element("html")


def parse_page(raw: RawPage, forced_lang: str | None = None) -> Page:
    """Parse a raw page once into the Page model."""
    page, positions = parse_page_later(raw, forced_lang)
    positions.resolve()
    return page


def parse_page_later(raw: RawPage, forced_lang: str | None = None) -> tuple[Page, Positions]:
    """Parse a raw page once into the Page model, its blocks, links and forms without their
    source positions: `Positions` gives them, all or those a finding is on."""
    # html.parser counted lines by "\n" only: a lone "\r" is white space, not a line break
    original = decode(raw)
    html = original.replace("\r", " ")
    try:
        root = parse_html(html)
    except ParseError:
        # deeper than libxml2 goes: tags that open too deep are blanked out (same length, so
        # every other character keeps its line and column) and the page is read again
        html = bound_depth(html)
        root = parse_html(html)
    title_tag = next(root.iter("title"), None)
    title = clean(text_of(title_tag)) if title_tag is not None else ""
    review_widget = _json_ld_reviews(root) or any(
        host in str(a.get("href") or a.get("src") or "")
        for a in root.iter("a", "iframe", "script")
        for host in markup().review_hosts
    )
    targets = _anchor_targets(root)
    declared = str(root.get("lang") or "") if root.tag == "html" else ""
    lang = primary_language(forced_lang or declared)
    positions = Positions(html)
    builder = _Builder(root, raw.url, set(targets), positions, original, lang)
    builder.run(next(root.iter("body"), root))
    promote_titles(builder.blocks, builder.titles, builder.cards)
    h1 = next((b.text for b in builder.blocks if b.kind == "heading" and b.level == 1), "")
    text = " ".join(b.text for b in builder.blocks)
    page_lang = forced_lang or detect_language(declared, text)
    page = Page(
        url=raw.url,
        path=raw.path,
        lang=page_lang,
        title=title,
        h1=h1,
        blocks=builder.blocks,
        links=builder.links,
        nav_links=builder.nav_links,
        forms=builder.forms,
        anchors=targets,
        review_widget=review_widget,
        abbreviations=_abbreviations(root),
        status=raw.status,
        embeds=_embeds(root, raw.url),
        directives=builder.directives.finish(),
        js_shell=shell_marker(root, builder.blocks),
    )
    return page, positions

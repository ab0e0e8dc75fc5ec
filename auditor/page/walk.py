"""The walk over a page's tree that turns it into blocks of copy, links, buttons and forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from lxml import etree

from auditor.page.controls import LinksAndForms, Section
from auditor.page.directives import DirectiveRecorder
from auditor.page.form_fields import FieldReader
from auditor.page.markup import Markup
from auditor.page.model import Block, Form, Link
from auditor.page.reachable import Reachable, is_hidden
from auditor.page.sourcepos import Positions
from auditor.page.text import WORD, clean, clean_start, primary_language, text_start
from auditor.page.title_blocks import (
    TITLE_TAGS,
    Card,
    card_of,
    is_title_text,
    stands_out,
)

Tag = etree._Element

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADINGS | {
    "p", "li", "blockquote", "td", "th", "dt", "dd", "figcaption", "caption", "div", "section",
    "article", "aside", "header", "main", "ul", "ol", "dl", "table", "tr", "form", "figure",
    "address", "pre", "fieldset", "legend", "label", "details", "summary", "br", "hr", "body",
    "button", "center",
}  # fmt: skip
CHROME_TAGS = {"nav", "footer"}
MAX_COPY = 200_000  # characters of copy read per page; the rest of a longer page is left out


def _is_chrome(tag: Tag, m: Markup, quoted: bool, copy_headers: Callable[[], set[Tag]]) -> bool:
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


def _own_language(tag: Tag) -> str:
    """The language an element's own lang or data-lang attribute names ("" for none)."""
    value = tag.get("lang") or tag.get("data-lang")
    return primary_language(str(value)[:20]) if value else ""


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


class PageWalk(LinksAndForms):
    """Walks the document once and collects blocks, links, forms and navigation."""

    def __init__(
        self,
        document: Tag,
        m: Markup,
        base: str,
        targets: set[str],
        positions: Positions,
        original: str | None = None,
        lang: str = "",
    ) -> None:
        self.m = m
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
        # open sections of the page (see `Section`): the element, where its links and blocks
        # start, the forms whose nearby links it gives, and whether it is a footer
        self.sections: list[Section] = []
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
        self.buffer_word = self.buffer_word or WORD.search(text) is not None
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

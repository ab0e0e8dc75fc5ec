"""The walk over a page's tree that turns it into blocks of copy, links, buttons and forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from lxml import etree

from auditor.page.controls import SECTION_TAGS, LinksAndForms, Section
from auditor.page.directives import ATTRIBUTE, DirectiveRecorder
from auditor.page.form_fields import FieldReader
from auditor.page.markup import CLONE, PANEL, TESTIMONIAL, Markup
from auditor.page.model import Block, Form, Link
from auditor.page.reachable import Reachable, is_hidden
from auditor.page.regions import CHROME_TAGS, ParallelLanguages, headers_with_copy, is_chrome
from auditor.page.sourcepos import Positions
from auditor.page.text import WORD, clean, clean_start, text_start
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
MAX_COPY = 200_000  # characters of copy read per page; the rest of a longer page is left out


# what an element opened, for its end tag (PageWalk.enter); SKIPPED: its subtree is not copy
CHROME, QUOTE = 1, 2
SKIPPED, PLAIN = -1, -2  # PLAIN: an entity, or an element `enter` would do nothing with
ACTIVE_TAGS = BLOCK_TAGS | CHROME_TAGS | SECTION_TAGS | {
    "select", "textarea", "title", "del", "s", "strike", "blockquote", "figure", "a", "button",
    "input", "form", "img", "header",
}  # fmt: skip
_HIDING = frozenset({"hidden", "aria-hidden", "style"})  # may hide an element (is_hidden)


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
        self.reachable = Reachable(document, lambda tag: bool(m.flags(tag) & PANEL),
                                   m.hidden_not_copy)  # fmt: skip
        self.fields = FieldReader(document, m.email_field, text_start)
        self.parallel = ParallelLanguages(lang)
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
        self.wrappers: dict[Tag, bool] = {}  # elements asked whether they wrap a button

    # -- blocks -------------------------------------------------------------------------
    def copy_headers(self) -> set[Tag]:
        if self._copy_headers is None:
            self._copy_headers = headers_with_copy(self.root) if self.root is not None else set()
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
            if self.buffer:
                self.buffer = []
            return
        room = MAX_COPY - self.copy_chars
        text = clean_start("".join(self.buffer), room) if room > 0 else ""
        self.buffer, self.buffer_text, self.buffer_word = [], False, False
        if not text or not WORD.search(text):
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
    def enter(self, tag: Tag, name: str, keys: list[str]) -> int:
        """Handle an opening tag (`keys`: its attributes' names): what it opened (CHROME,
        QUOTE bits), SKIPPED for a subtree that is not copy."""
        m = self.m
        if name in ("select", "textarea") and self.form_stack:
            self.add_field(tag)
        if name in m.skip_tags or name == "title":
            return SKIPPED  # (a <title> outside <head>, on a page without one, is not copy either)
        role = tag_id = None
        flags = 0
        if keys:  # most elements have no attributes, or a class only
            flags = m.flags(tag) if "class" in keys else 0
            if flags & CLONE:
                return SKIPPED
            hiding = name == "input" or not _HIDING.isdisjoint(keys)
            if hiding and is_hidden(tag) and not self.reachable.is_copy(tag):
                return SKIPPED
            if self.lang and ("lang" in keys or "data-lang" in keys) and self.parallel.other(tag):
                return SKIPPED
            role = tag.get("role") if "role" in keys else None
            tag_id = tag.get("id") if "id" in keys else None
        if name in ("del", "s", "strike"):  # an old, struck-out price is not copy
            return SKIPPED
        opened = 0
        chrome = False
        if role or tag_id or flags or name in CHROME_TAGS or name == "header":
            attributes = (role, tag_id, flags)
            chrome = is_chrome(tag, name, attributes, m, self.figure_depth > 0, self.copy_headers)
        if chrome:
            self.flush()
            self.chrome_depth += 1
            opened |= CHROME
        if chrome or role or flags or name in SECTION_TAGS:
            self.open_section(tag, name, chrome, role, tag_id, flags)
        if tag_id is not None and tag_id in self.targets:
            self.flush()
            self.anchor = tag_id
        if flags & TESTIMONIAL or name == "blockquote":
            self.flush()
            self.quote_depth += 1
            opened |= QUOTE
        if name in ("blockquote", "figure"):
            self.figure_depth += 1
        if name in BLOCK_TAGS and not (name == "br" and self.in_heading()):
            if self.buffer_text:
                self.flush()
            elif self.buffer:  # white space alone makes no block (as flush does)
                self.buffer = []
            self.block_stack.append(tag)
            if self.form_stack:  # blocks of a form's text are words apart
                self.form_texts.append(" ")
        if name == "br" and not self.hyphen_break():
            self.buffer.append(" ")  # a line break inside a heading keeps it one heading
        if name == "a":
            if tag.get("href"):
                self.open_link(tag)
        elif name == "button" or (
            name == "input" and str(tag.get("type", "")).lower() in ("submit", "button")
        ):
            self.add_button(tag)
        if name == "form":
            self.open_form(tag)
        elif name == "input":
            self.add_input(tag)
        elif name == "img":
            alt = str(tag.get("alt") or "")
            if re.search(r"handtekening|signature|unterschrift", alt + str(tag.get("src")), re.I):
                self.buffer.append(" [signature] ")
                self.buffer_text = self.buffer_word = True
        return opened

    def exit(self, tag: Tag, name: str, opened: int) -> None:
        """Handle a closing tag; `opened`: what its opening tag opened (see `enter`)."""
        if name in BLOCK_TAGS and not (name == "br" and self.in_heading()):
            if self.buffer_text:
                self.flush()
            elif self.buffer:  # white space alone makes no block (as flush does)
                self.buffer = []
            if self.block_stack and self.block_stack[-1] is tag:
                self.block_stack.pop()
            if self.form_stack:
                self.form_texts.append(" ")
        if self.link_stack and self.link_stack[-1][2] is tag:
            self.close_link()
        if name == "form" and self.form_stack and self.form_stack[-1][1] is tag:
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
        if opened & QUOTE:
            self.flush()
            self.quote_depth -= 1
        if name in ("blockquote", "figure"):
            self.figure_depth -= 1
        if opened & CHROME:
            self.flush()
            self.chrome_depth -= 1
        if self.sections and self.sections[-1].tag is tag:
            self.flush()
            self.close_section()

    def text(self, text: str, parent: Tag | Callable[[], Tag | None]) -> None:
        """A string of the document, in `parent` (an element's text), or in what `parent()`
        gives (a child's tail: its parent is looked up only if a block starts with it)."""
        if not self.chrome_depth:  # copy (in navigation: only link labels and form text)
            if not self.buffer_text:
                if self.block_stack:
                    self.buffer_tag = self.block_stack[-1]
                else:
                    self.buffer_tag = parent() if callable(parent) else parent
                self.buffer_text = not text.isspace()
            self.buffer.append(text)
            if not self.buffer_word:
                self.buffer_word = WORD.search(text) is not None
        for _, texts, _ in self.link_stack:
            texts.append(text)
        if self.form_stack:
            self.form_texts.append(text)

    def run(self, root: Tag) -> None:
        """Walk `root` depth-first (lxml's iterwalk: no recursion, deep trees are common).

        Comments are not text, but they may be inline-suppression directives; those above
        `root` cover the page from its start. Every element of `document` is counted, so that
        its index among the elements of its name finds its tag in the source.
        """
        self.root = root
        document = self.document
        directives = self.directives
        for comment in reversed(list(document.itersiblings(etree.Comment, preceding=True))):
            directives.comment(comment.text or "")
        for tag in document.iter(etree.Element, etree.Comment):  # <html>, <head> and in them
            if tag is root:
                break
            if tag.tag is etree.Comment:
                directives.comment(tag.text or "")
            else:
                self.count(tag)
        seen, order, position = self.seen, self.order, self.position
        # elements with no attributes whose name `enter` does nothing with: no enter, no exit
        active = ACTIVE_TAGS | self.m.skip_tags
        opened: list[int] = []  # what each open element opened (see `enter`)
        walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
        for event, node in walk:
            if event == "start":
                name = node.tag
                if not isinstance(name, str):  # an entity
                    opened.append(PLAIN)
                    continue
                order[node] = index = seen.get(name, 0)
                seen[name] = index + 1
                keys = node.keys()
                if not keys and name not in active and not directives.next:
                    what = PLAIN
                else:
                    if directives.next or ATTRIBUTE in keys:
                        directives.enter(node, position)
                    what = self.enter(node, name, keys)
                opened.append(what)
                if what == SKIPPED:
                    walk.skip_subtree()
                    for tag in node.iterdescendants(etree.Element):  # not copy, but counted
                        self.count(tag)
                elif node.text:
                    self.text(node.text, node)
                continue
            if event == "end":
                what = opened.pop()
                if what >= 0:
                    self.exit(node, node.tag, what)
                if what != PLAIN and directives.elements:
                    directives.exit(node)
            elif event == "comment":
                directives.comment(node.text or "")
            if node.tail and node is not root:
                self.text(node.tail, node.getparent)
        self.flush()

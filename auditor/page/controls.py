"""Links, buttons and forms as the tree walk meets them, and the sections that relate them
(a privacy link next to a sign-up form)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from auditor.page.form_fields import FieldReader
from auditor.page.hrefs import resolve
from auditor.page.markup import BUTTON, NOT_BUTTON, SECTION, Markup, classes_of
from auditor.page.model import Block, Field, Form, Link
from auditor.page.text import clean, clean_start, text_of, text_start

Tag = etree._Element

_ONCLICK_URL = re.compile(r"""(?:location(?:\.href)?|window\.open)\s*=?\s*\(?['"]([^'"]+)""")
MAX_LABEL = 10_000  # characters of a link's text kept (a link may wrap a card, not a 5 MB page)
# a "section" of more blocks than this is most of a page: a link in it is not next to a form
# in it (a section of a page holds a heading and a few paragraphs; a whole page, dozens)
MAX_SECTION_BLOCKS = 30
SECTION_TAGS = frozenset({"section", "article", "aside", "footer"})


def _closes_window(tag: Tag) -> bool:
    """A button that closes a window or panel (Bootstrap's data-dismiss): never an action."""
    return tag.get("data-dismiss") is not None or tag.get("data-bs-dismiss") is not None


@dataclass
class Section:
    """An open section of the page: where its links and blocks start, and the forms in it."""

    tag: Tag
    links: int  # how many links, nav links and blocks came before it
    nav_links: int
    blocks: int
    footer: bool  # the site's footer: a link anywhere in it is next to a form in it
    forms: list[Form] = field(default_factory=list)


class LinksAndForms:
    """The part of the tree walk (auditor/page/walk.py) that collects links, buttons and
    forms, and gives a form the links of the section it sits in."""

    m: Markup
    base: str
    blocks: list[Block]
    links: list[Link]
    nav_links: list[Link]
    forms: list[Form]
    fields: FieldReader
    sections: list[Section]
    chrome_depth: int
    form_stack: list[tuple[Form, Tag]]
    form_starts: dict[int, int]
    form_sizes: dict[int, tuple[int, int]]
    link_stack: list[tuple[Link, list[str], Tag]]
    wrappers: dict[Tag, bool]

    locate: Callable[[Block | Link | Form, Tag | None], None]  # give it its tag's position

    # -- sections: where a privacy link is next to a sign-up form -----------------------
    def open_section(
        self, tag: Tag, name: str, chrome: bool, role: str | None, tag_id: str | None, flags: int
    ) -> None:
        """Open a section for a sectioning element, a builder's section or the site footer
        (`role`, `tag_id`: the tag's attributes; `flags`: its class's, Markup.flags)."""
        footer = chrome and (
            name == "footer"
            or role == "contentinfo"
            or "footer" in f"{classes_of(tag)} {tag_id or ''}".lower()
        )
        if (
            footer
            or name in SECTION_TAGS
            or role == "region"
            or (name == "div" and flags & SECTION)
        ):
            self.sections.append(
                Section(tag, len(self.links), len(self.nav_links), len(self.blocks), footer)
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
        flags = self.m.flags(tag)
        if flags & NOT_BUTTON or _closes_window(tag):
            return False
        if tag.get("role") == "button" or flags & BUTTON:
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
        if self.chrome_depth or self.m.flags(tag) & NOT_BUTTON or _closes_window(tag):
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

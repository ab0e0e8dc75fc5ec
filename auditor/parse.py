"""Turn a raw page into a Page: visible copy blocks, links, buttons and forms, parsed once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from fnmatch import fnmatchcase
from functools import cache
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from auditor.charset import decode_html
from auditor.directives import DirectiveRecorder
from auditor.language import detect_language
from auditor.lexicon import load_markup
from auditor.model import Block, Form, Link, Page, RawPage
from auditor.nesting import bound_depth

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADINGS | {
    "p", "li", "blockquote", "td", "th", "dt", "dd", "figcaption", "caption", "div", "section",
    "article", "aside", "header", "main", "ul", "ol", "dl", "table", "tr", "form", "figure",
    "address", "pre", "fieldset", "legend", "label", "details", "summary", "br", "hr", "body",
    "button", "center",
}  # fmt: skip
CHROME_TAGS = {"nav", "footer"}
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ONCLICK_URL = re.compile(r"""(?:location(?:\.href)?|window\.open)\s*=?\s*\(?['"]([^'"]+)""")
# control characters, and lone surrogates (from character references like &#xD800;)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_COPY = 200_000  # characters of copy read per page; the rest of a longer page is left out


def decode(raw: RawPage) -> str:
    """Bytes to text (see auditor/charset.py)."""
    return decode_html(raw.content, raw.content_type)


def classes_of(tag: Tag) -> list[str]:
    """A tag's classes: the first 100 (real elements have a few; a hostile one a million)."""
    return list((tag.get("class") or [])[:100])


def _class_matcher(patterns: list[str]) -> Callable[[Tag], bool]:
    exact = {p for p in patterns if "*" not in p}
    wild = [p for p in patterns if "*" in p]

    def matches(tag: Tag) -> bool:
        classes = classes_of(tag)
        return any(c in exact or any(fnmatchcase(c, w) for w in wild) for c in classes)

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


@cache
def markup() -> _Markup:
    """The compiled markup knowledge, built once per process."""
    return _Markup()


def clean(text: str) -> str:
    """Collapse white space and drop control characters."""
    return _WS.sub(" ", _CONTROL.sub(" ", text)).strip()


def resolve(base: str, href: str) -> str:
    """An href made absolute against the page URL (or site path, for files).

    One that is not a URL at all ("http://[::1", a port of 99999999) becomes "invalid:" and
    the href percent-encoded, which no later step takes for a page of the site.
    """
    href = href.strip()
    try:
        url = _resolve(base, href)
        parts = urlsplit(url)
        _ = parts.hostname, parts.port  # these raise for a malformed host or port
    except ValueError:
        return "invalid:" + quote(href, safe="")
    return url


def _resolve(base: str, href: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
        return href
    if base.startswith("/"):  # a site path: resolve as a static host would
        return urljoin("http://site.invalid" + base, href).removeprefix("http://site.invalid")
    return urljoin(base, href)


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if tag.name == "input" and str(tag.get("type", "")).lower() == "hidden":
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _is_chrome(tag: Tag, m: _Markup, quoted: bool, copy_headers: Callable[[], set[int]]) -> bool:
    """Navigation, site header and footer, cookie banners: links count, text is not copy.

    `quoted`: inside a blockquote or figure; `copy_headers`: the ids of <header>s with copy.
    """
    if tag.name in CHROME_TAGS:
        return not quoted
    if tag.get("role") in ("navigation", "contentinfo"):
        return True
    if tag.get("id") in m.skip_ids or m.skip_class(tag):
        return True
    if tag.name == "header":
        # a page header with only a logo and menu is chrome; a hero <header> is copy
        return id(tag) not in copy_headers()
    return False


def _headers_with_copy(root: Tag) -> set[int]:
    """The ids of the <header> elements that hold an h1, h2 or p (one pass, however deep)."""
    headers: set[int] = set()
    seen: set[int] = set()
    for tag in root.find_all(["h1", "h2", "p"]):
        for parent in tag.parents:
            if id(parent) in seen:
                break  # its ancestors were walked already
            seen.add(id(parent))
            if parent.name == "header":
                headers.add(id(parent))
    return headers


def _walk(root: Tag) -> Iterator[tuple[str, Tag | NavigableString]]:
    """Depth-first enter/exit/text/comment events without recursion (deep trees are common)."""
    stack: list[tuple[Tag | NavigableString, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            if leaving:
                yield "exit", node
                continue
            yield "enter", node
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, Comment):
            yield "comment", node
        elif type(node) is NavigableString:
            yield "text", node


class _Builder:
    """Walks the document once and collects blocks, links, forms and navigation."""

    def __init__(self, base: str, targets: set[str], source: str) -> None:
        self.m = markup()
        self.directives = DirectiveRecorder(self.position, source)
        self.base = base
        self.targets = targets
        self.root: Tag | None = None
        self._copy_headers: set[int] | None = None
        self.copy_chars = 0  # characters of copy in the blocks so far (up to MAX_COPY)
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.nav_links: list[Link] = []
        self.forms: list[Form] = []
        self.buffer: list[str] = []
        self.buffer_has_text = False  # the buffer holds more than white space
        self.buffer_has_word = False  # the buffer holds a letter or digit: it will be a block
        self.buffer_pos: tuple[int | None, int | None] = (None, None)
        self.section = ""
        self.anchor: str | None = None
        self.skip_depth = 0  # inside something that is not copy at all
        self.chrome_depth = 0  # inside navigation/footer: collect links only
        self.quote_depth = 0
        self.figure_depth = 0  # inside a blockquote or figure: a <nav> or <footer> there is copy
        self.form_stack: list[tuple[Form, Tag]] = []
        self.form_texts: list[str] = []  # the text of the open form
        self.link_stack: list[tuple[Link, list[str], Tag]] = []
        self.block_stack: list[Tag] = []
        self.chrome_tags: set[int] = set()
        self.quote_tags: set[int] = set()

    # -- blocks -------------------------------------------------------------------------
    def copy_headers(self) -> set[int]:
        if self._copy_headers is None:
            self._copy_headers = _headers_with_copy(self.root) if self.root else set()
        return self._copy_headers

    def position(self) -> dict[str, int]:
        """How many blocks, links and forms have started (the pending text is a block)."""
        pending = self.buffer_has_word and self.copy_chars < MAX_COPY
        return {
            "block": len(self.blocks) + pending, "link": len(self.links),
            "nav_link": len(self.nav_links), "form": len(self.forms),
        }  # fmt: skip

    def flush(self) -> None:
        text = clean("".join(self.buffer))
        self.buffer = []
        self.buffer_has_text = self.buffer_has_word = False
        if not text or not re.search(r"\w", text) or self.copy_chars >= MAX_COPY:
            return
        text = text[: MAX_COPY - self.copy_chars]
        self.copy_chars += len(text)
        block_tag = next((t for t in reversed(self.block_stack) if t.name != "br"), None)
        name = block_tag.name if block_tag else "p"
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
        line, col = self.buffer_pos
        block = Block(
            index=len(self.blocks), kind=kind, text=text, level=level, section=self.section,
            anchor=self.anchor, line=line, column=col, quoted=bool(self.quote_depth),
        )  # fmt: skip
        if kind == "heading":
            self.section = text
            block.section = text
        self.blocks.append(block)

    def add_text(self, text: str, parent: Tag | None) -> None:
        if not self.buffer_has_text:
            pos = next((t for t in reversed(self.block_stack)), parent)
            line = getattr(pos, "sourceline", None)
            col = getattr(pos, "sourcepos", None)
            self.buffer_pos = (line, col + 1 if col is not None else None)
            self.buffer_has_text = bool(text.strip())
        self.buffer.append(text)
        self.buffer_has_word = self.buffer_has_word or _WORD.search(text) is not None
        for _, texts, _ in self.link_stack:
            texts.append(text)
        if self.form_stack:
            self.form_texts.append(text)

    # -- events -------------------------------------------------------------------------
    def enter(self, tag: Tag) -> bool:
        """Handle an opening tag; False means: skip its subtree."""
        m = self.m
        if tag.name in m.skip_tags or tag.name == "title" or _is_hidden(tag):
            return False  # (a <title> outside <head>, on a page without one, is not copy either)
        if tag.name in ("del", "s", "strike"):  # an old, struck-out price is not copy
            return False
        if _is_chrome(tag, m, self.figure_depth > 0, self.copy_headers):
            self.flush()
            self.chrome_depth += 1
            self.chrome_tags.add(id(tag))
        if tag.get("id") in self.targets:
            self.flush()
            self.anchor = str(tag["id"])
        if m.testimonial_class(tag) or tag.name == "blockquote":
            self.flush()
            self.quote_depth += 1
            self.quote_tags.add(id(tag))
        if tag.name in ("blockquote", "figure"):
            self.figure_depth += 1
        if tag.name in BLOCK_TAGS:
            self.flush()
            self.block_stack.append(tag)
        if tag.name == "br":
            self.buffer.append(" ")
        if tag.name == "a" and tag.get("href"):
            self.open_link(tag)
        elif tag.name == "button" or (
            tag.name == "input" and str(tag.get("type", "")).lower() in ("submit", "button")
        ):
            self.add_button(tag)
        if tag.name == "form":
            self.open_form(tag)
        elif tag.name == "input":
            self.add_input(tag)
        elif tag.name == "img":
            alt = str(tag.get("alt") or "")
            if re.search(r"handtekening|signature|unterschrift", alt + str(tag.get("src")), re.I):
                self.buffer.append(" [signature] ")
                self.buffer_has_text = self.buffer_has_word = True
        return True

    def exit(self, tag: Tag) -> None:
        if tag.name in BLOCK_TAGS:
            self.flush()
            if self.block_stack and self.block_stack[-1] is tag:
                self.block_stack.pop()
        if self.link_stack and self.link_stack[-1][2] is tag:
            self.close_link()
        if tag.name == "form" and self.form_stack and self.form_stack[-1][1] is tag:
            self.flush()
            form, _ = self.form_stack.pop()
            form.text = clean("".join(self.form_texts))
            self.form_texts = []
            if len(self.blocks) > form.block_index:
                form.last_block = len(self.blocks) - 1
        if id(tag) in self.quote_tags:
            self.flush()
            self.quote_depth -= 1
        if tag.name in ("blockquote", "figure"):
            self.figure_depth -= 1
        if id(tag) in self.chrome_tags:
            self.flush()
            self.chrome_depth -= 1

    # -- links, buttons, forms ----------------------------------------------------------
    def _is_button(self, tag: Tag) -> bool:
        m = self.m
        if m.not_button_class(tag):
            return False
        if tag.get("role") == "button" or m.button_class(tag):
            return True
        parent = tag.parent
        return bool(
            isinstance(parent, Tag)
            and (
                parent.get("data-semantic-classname") == "button"
                or any(c in ("wp-block-button", "fl-button-wrap") for c in classes_of(parent))
            )
        )

    def open_link(self, tag: Tag) -> None:
        if self.link_stack:  # a link inside a link: as browsers do, the first one ends here
            self.close_link()
        link = Link(
            href=resolve(self.base, str(tag["href"])),
            text=clean(str(tag.get("aria-label") or tag.get("title") or "")),
            block_index=len(self.blocks),
            is_button=self._is_button(tag),
            line=tag.sourceline,
            column=tag.sourcepos + 1 if tag.sourcepos is not None else None,
        )
        (self.nav_links if self.chrome_depth else self.links).append(link)
        for form, _ in self.form_stack:
            form.links.append(link)
        self.link_stack.append((link, [], tag))

    def close_link(self) -> None:
        link, texts, _ = self.link_stack.pop()
        link.text = clean("".join(texts)) or link.text

    def add_button(self, tag: Tag) -> None:
        if self.chrome_depth or self.m.not_button_class(tag):
            return
        text = clean(tag.get_text(" ") if tag.name == "button" else str(tag.get("value") or ""))
        onclick = str(tag.get("onclick") or "")
        target = _ONCLICK_URL.search(onclick)
        href = resolve(self.base, target.group(1)) if target else "button:"
        if self.form_stack:
            href = "form:" + str(self.form_stack[-1][1].get("action") or "")
        self.links.append(
            Link(href=href, text=text, block_index=len(self.blocks), is_button=True,
                 line=tag.sourceline,
                 column=tag.sourcepos + 1 if tag.sourcepos is not None else None)
        )  # fmt: skip

    def open_form(self, tag: Tag) -> None:
        if self.form_stack:  # a form inside a form: browsers ignore the inner one
            return
        form = Form(
            block_index=len(self.blocks), has_email=False, visible_fields=0, text="",
            line=tag.sourceline, column=tag.sourcepos + 1 if tag.sourcepos is not None else None,
        )  # fmt: skip
        self.forms.append(form)
        self.form_stack.append((form, tag))

    def add_input(self, tag: Tag) -> None:
        kind = str(tag.get("type", "text")).lower()
        name = " ".join(str(tag.get(a, "")) for a in ("name", "id", "placeholder")).lower()
        is_email = kind == "email" or (kind == "text" and re.search(r"e-?mail", name) is not None)
        if self.form_stack:
            form = self.form_stack[-1][0]
            if kind not in ("hidden", "submit", "button", "checkbox", "radio", "image", "reset"):
                form.visible_fields += 1
            form.has_email = form.has_email or is_email
            if kind == "checkbox" and tag.has_attr("checked"):
                form.prechecked_consent = True
        elif is_email:  # an e-mail field outside a <form> is still a sign-up field
            self.forms.append(
                Form(block_index=len(self.blocks), has_email=True, visible_fields=1, text="",
                     bare=True, line=tag.sourceline,
                     column=tag.sourcepos + 1 if tag.sourcepos is not None else None)
            )  # fmt: skip

    def run(self, root: Tag) -> None:
        self.root = root
        skipping: Tag | None = None
        for event, node in _walk(root):
            if skipping is not None:
                if event == "exit" and node is skipping:
                    skipping = None
                    self.directives.exit(node)
                continue
            if event == "enter":
                assert isinstance(node, Tag)
                self.directives.enter(node)
                if not self.enter(node):
                    skipping = node
            elif event == "exit":
                assert isinstance(node, Tag)
                self.exit(node)
                self.directives.exit(node)
            elif event == "comment":
                self.directives.comment(str(node))
            elif not self.chrome_depth or self.link_stack:
                parent = node.parent if isinstance(node.parent, Tag) else None
                if self.chrome_depth:  # nav link labels only
                    for _, texts, _ in self.link_stack:
                        texts.append(str(node))
                else:
                    self.add_text(str(node), parent)
        self.flush()


def _anchor_targets(soup: BeautifulSoup) -> dict[str, str]:
    """Ids that in-page links point at (one-page sites), with the label of the link."""
    targets: dict[str, str] = {}
    ids = {tag.get("id") for tag in soup.find_all(id=True)}
    for a in soup.find_all("a", href=True):
        href = str(a["href"])
        if "#" not in href or href.endswith("#"):
            continue
        path, frag = href.split("#", 1)
        if path.strip("/") not in ("", "index.html", "index.htm") or not frag:
            continue
        if frag in ids and frag not in targets:
            targets[frag] = clean(a.get_text(" "))
    return targets


def _json_ld_reviews(soup: BeautifulSoup) -> bool:
    for script in soup.find_all("script", type="application/ld+json"):
        text = script.string or ""
        if re.search(r'"@type"\s*:\s*"(Review|AggregateRating)"', text):
            try:
                json.loads(text)
            except ValueError:
                continue
            return True
    return False


def _abbreviations(soup: BeautifulSoup) -> dict[str, str]:
    found = {}
    for abbr in soup.find_all("abbr", title=True):
        text, title = clean(abbr.get_text(" ")), clean(str(abbr["title"]))
        if text and title:
            found.setdefault(text, title)
    return found


def parse_page(raw: RawPage, forced_lang: str | None = None) -> Page:
    """Parse a raw page once into the Page model."""
    html = bound_depth(decode(raw))
    soup = BeautifulSoup(html, "html.parser")
    title = clean(soup.title.get_text(" ")) if soup.title else ""
    review_widget = _json_ld_reviews(soup) or any(
        host in str(a.get("href") or a.get("src") or "")
        for a in soup.find_all(["a", "iframe", "script"])
        for host in markup().review_hosts
    )
    targets = _anchor_targets(soup)
    builder = _Builder(raw.url, set(targets), html)
    root = soup.body or soup
    if root is not soup:  # directives above <body> cover the page from its start
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            if comment.find_next("body") is not None:
                builder.directives.comment(str(comment))
    builder.run(root)
    h1 = next((b.text for b in builder.blocks if b.kind == "heading" and b.level == 1), "")
    html_tag = soup.find("html")
    declared = str(html_tag.get("lang") or "") if isinstance(html_tag, Tag) else ""
    text = " ".join(b.text for b in builder.blocks)
    lang = forced_lang or detect_language(declared, text)
    return Page(
        url=raw.url,
        path=raw.path,
        lang=lang,
        title=title,
        h1=h1,
        blocks=builder.blocks,
        links=builder.links,
        nav_links=builder.nav_links,
        forms=builder.forms,
        anchors=targets,
        review_widget=review_widget,
        abbreviations=_abbreviations(soup),
        status=raw.status,
        directives=builder.directives.finish(),
    )

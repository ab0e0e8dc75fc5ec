"""Turn a raw page into a Page: visible copy blocks, links, buttons and forms, parsed once."""

from __future__ import annotations

import threading

from lxml import etree

from auditor.page.charset import page_text
from auditor.page.context import ParseContext
from auditor.page.extras import abbreviations, anchor_targets, embeds, json_ld_reviews
from auditor.page.js_shell import shell_marker
from auditor.page.language import detect_language
from auditor.page.model import Page
from auditor.page.nesting import bound_depth
from auditor.page.sourcepos import Positions
from auditor.page.text import clean, primary_language, text_of
from auditor.page.title_blocks import promote_titles
from auditor.page.walk import PageWalk
from auditor.sources.raw import FetchError, RawPage

Tag = etree._Element

MAX_DEPTH = 2048  # libxml2's limit, with huge_tree


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


def parse_or_error(raw: RawPage, context: ParseContext) -> Page | FetchError:
    """The parsed page, or why it could not be parsed: one bad page never stops an audit."""
    try:
        return parse_page(raw, context)
    except ParseError as exc:
        return FetchError(raw.url, f"could not parse: {exc}")
    except Exception as exc:
        return FetchError(raw.url, f"could not parse: {type(exc).__name__}")


def parse_page(raw: RawPage, context: ParseContext) -> Page:
    """Parse a raw page once into the Page model, in the language `context` gives its copy,
    else the one detected. The source positions of its blocks, links and forms are found when
    the first of them is read (auditor/page/sourcepos.py): the tag scan runs only for a page
    one of whose positions is asked for."""
    m = context.markup
    configured = context.content_lang(raw)
    original, html = page_text(raw)
    try:
        root = parse_html(html)
    except ParseError:
        # deeper than libxml2 goes: tags that open too deep are blanked out (same length, so
        # every other character keeps its line and column) and the page is read again
        html = bound_depth(html)
        root = parse_html(html)
    title_tag = next(root.iter("title"), None)
    title = clean(text_of(title_tag)) if title_tag is not None else ""
    addresses = "\n".join(  # where the page's links, frames and scripts point
        str(a.get("href") or a.get("src") or "") for a in root.iter("a", "iframe", "script")
    )
    review_widget = json_ld_reviews(root) or any(host in addresses for host in m.review_hosts)
    targets = anchor_targets(root)
    declared = str(root.get("lang") or "") if root.tag == "html" else ""
    lang = primary_language(configured or declared)
    positions = Positions(html, raw.line_map, raw.reread)
    builder = PageWalk(root, m, raw.url, set(targets), positions, original, lang)
    builder.run(next(root.iter("body"), root))
    promote_titles(builder.blocks, builder.titles, builder.cards)
    h1 = next((b.text for b in builder.blocks if b.kind == "heading" and b.level == 1), "")
    text = " ".join(b.text for b in builder.blocks)
    page_lang = configured or detect_language(declared, text, context.knowledge.lexicons)
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
        abbreviations=abbreviations(root),
        status=raw.status,
        embeds=embeds(root, raw.url),
        directives=builder.directives.finish(),
        js_shell=shell_marker(root, builder.blocks, m.js_shell),
    )
    positions.park()
    return page

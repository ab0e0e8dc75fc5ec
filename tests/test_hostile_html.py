"""Hostile and malformed pages: decoded sensibly, parsed without a crash, copy where it belongs."""

from __future__ import annotations

import codecs
import re

import pytest

from auditor.checks.loader import load_rules
from auditor.checks.run import run_rules
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.charset import decode_html
from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.nesting import MAX_DEPTH, bound_depth
from auditor.page.parse import parse_page
from auditor.page.reader import PageReader
from auditor.page.walk import MAX_COPY
from auditor.site.build import build_site
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup
PARSING = ParseContext(KNOWLEDGE)

DUTCH = "<p>Café-sessie: €95, één keer per week, ëën</p>"


def parse(html: str | bytes, content_type: str | None = None) -> Page:
    content = html.encode("utf-8") if isinstance(html, str) else html
    return parse_page(RawPage("/", content, content_type=content_type), PARSING)


def texts(page: Page) -> list[str]:
    return [block.text for block in page.blocks]


# -- bytes to text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (DUTCH.encode("cp1252"), None),
        (DUTCH.encode("cp1252"), "text/html; charset=windows-1252"),
        (DUTCH.encode("cp1252"), "text/html; charset=ISO-8859-1"),
        (DUTCH.encode("cp1252"), "text/html; charset=utf-8"),  # a wrong header
        (DUTCH.encode("cp1252"), "text/html; charset=x-no-such-charset"),
        (('<meta charset="utf-8">' + DUTCH).encode("cp1252"), None),  # a wrong <meta>
        (DUTCH.encode("utf-8"), "text/html; charset=windows-1252"),  # a wrong header
        (('<meta charset="windows-1252">' + DUTCH).encode("utf-8"), "text/html; charset=utf-8"),
        (codecs.BOM_UTF8 + DUTCH.encode("utf-8"), "text/html; charset=windows-1252"),
        (codecs.BOM_UTF16_LE + DUTCH.encode("utf-16-le"), None),
        (DUTCH.encode("utf-16"), "text/html; charset=utf-16"),
    ],
    ids=[
        "1252-undeclared", "1252-header", "latin-1-header", "1252-labelled-utf8",
        "unknown-label", "1252-meta-says-utf8", "utf8-labelled-1252", "meta-disagrees",
        "utf8-bom-wins", "utf16-bom", "utf16-header",
    ],
)  # fmt: skip
def test_dutch_text_survives_wrong_and_missing_charsets(
    content: bytes, content_type: str | None
) -> None:
    assert texts(parse(content, content_type)) == ["Café-sessie: €95, één keer per week, ëën"]


def test_a_few_invalid_bytes_cost_only_themselves() -> None:
    content = DUTCH.encode("utf-8") + b"<p>caf\xe9</p><p>\x93quoted\x94</p>"
    for content_type in ("text/html; charset=utf-8", None):
        assert texts(parse(content, content_type)) == [
            "Café-sessie: €95, één keer per week, ëën",
            "caf\ufffd",
            "“quoted”",  # windows-1252 quotes inside UTF-8 are mended
        ]


@pytest.mark.parametrize("content", [b"", b"\xff" * 100, b"\x00\x01\x02", codecs.BOM_UTF8])
def test_any_bytes_decode(content: bytes) -> None:
    assert isinstance(decode_html(content, "text/html; charset=nonsense"), str)


@pytest.mark.parametrize("label", ["zlib", "base64", "rot13", "hex", "uu", "bz2", "quopri"])
def test_a_charset_that_names_no_text_encoding_is_passed_over(label: str) -> None:
    content = f'<meta charset="{label}">'.encode() + DUTCH.encode("cp1252")
    for content_type in (None, f"text/html; charset={label}"):
        assert texts(parse(content, content_type)) == ["Café-sessie: €95, één keer per week, ëën"]


# -- copy out of hostile markup ---------------------------------------------------------------


def test_character_references_to_nothing_leave_no_surrogates_or_controls() -> None:
    page = parse("<h1>caf&#xD800;e &#0; &#x110000; &#x1b;[31m &#99999999999999;</h1>")
    [text] = texts(page)
    assert not any(0xD800 <= ord(c) <= 0xDFFF or ord(c) < 32 for c in text), repr(text)
    assert text.startswith("caf")


def test_tag_soup_and_unclosed_tags() -> None:
    page = parse(
        "<h1>Loop je vast<p>Samen vinden we <b>rust<i>en</b> ruimte</i><li>een<li>twee"
        "</ul></div></span><p>verder <a href='/boek' class='btn'>Boek nu"
    )
    assert texts(page) == [
        "Loop je vast", "Samen vinden we rusten ruimte", "een", "twee", "verder Boek nu",
    ]  # fmt: skip
    assert [(link.href, link.text, link.is_button) for link in page.links] == [
        ("/boek", "Boek nu", True)
    ]


def test_scripts_comments_and_cdata_are_not_copy() -> None:
    page = parse(
        "<p>Voor <script>document.write('<h1>nep</h1>')</script>na"
        "<!-- <h2>weg</h2> --> en <![CDATA[ <p>ook weg</p> ]]> klaar</p>"
        "<style>p { content: 'stijl' }</style><template><p>sjabloon</p></template>"
        "<noscript><p>zonder js</p></noscript><p>einde<script>unclosed"
    )
    # lxml reads `<![CDATA[` in HTML as browsers do: a bogus comment up to the first ">", so
    # "ook weg" and "]]> klaar" are text (html.parser skipped to "]]>")
    assert texts(page) == ["Voor na en ook weg", "]]> klaar", "einde"]


def test_no_body_and_no_html() -> None:
    assert texts(parse("<title>Titel</title><h1>Kop</h1><p>Tekst</p>")) == ["Kop", "Tekst"]
    assert texts(parse("Alleen tekst")) == ["Alleen tekst"]
    assert parse("<html><head><title>Leeg</title></head></html>").title == "Leeg"


def test_a_mixed_language_page_gets_its_main_language() -> None:
    english = "<p>You want to feel calm again and sleep through the night with your family.</p>"
    dutch = "<p>Je wilt weer rust in je hoofd en je wilt dat het werk niet meer zo zwaar is.</p>"
    assert parse(f'<html lang="en">{dutch * 3}{english}').lang == "nl"
    assert parse(f"<html>{english * 3}{dutch}").lang == "en"


def test_links_inside_links_and_forms_inside_forms() -> None:
    """A link ends where the next begins (as browsers read it); a <form> inside a form ends
    the first one (as libxml2 reads it)."""
    page = parse(
        "<a href='/a'>een <a href='/b'>twee</a> drie</a>"
        "<form action='/x'><input type='email'><form action='/y'><p>binnen</p></form></form>"
    )
    assert [(link.href, link.text) for link in page.links] == [("/a", "een"), ("/b", "twee")]
    # libxml2 never nests forms: the second <form> ends the first (html.parser nested them,
    # and the inner one was ignored)
    assert [(form.text, form.has_email) for form in page.forms] == [("", True), ("binnen", False)]


def test_ten_thousand_levels_deep_of_each_kind() -> None:
    for tag in ("div", "header", "nav", "footer", "form", "blockquote", "span", "li"):
        page = parse(f"<{tag}>" * 10_000 + "<p>Diep</p><a class='btn' href='/x'>Boek</a>")
        if tag in ("nav", "footer"):
            assert texts(page) == [], tag  # navigation is not copy, however deep
            assert [link.text for link in page.nav_links] == ["Boek"]
        else:
            assert texts(page) == ["Diep", "Boek"], tag
            assert [link.text for link in page.links] == ["Boek"], tag


@pytest.mark.parametrize("comment", ["<!-->", "<!--->", "<!-- x --!>"])
def test_comments_as_html5_ends_them_do_not_hide_deep_tags(comment: str) -> None:
    """A fuzzed page's "<!-->" was read as a comment up to a later "-->": too deep to parse."""
    html = f"<p>Begin</p>{comment}" + "<div>" * 3000 + "<p>Diep</p><!-- eind -->"
    page = parse(html)
    assert texts(page) == ["Begin", "Diep"]
    assert [(b.line, b.column) for b in page.blocks] == [(1, 1), (1, html.index("<p>D") + 1)]


def test_the_depth_bound_keeps_every_character_in_place() -> None:
    wrappers = "<div>\n" * 1000 + "<p>t</p>\n" * 5 + "</div>" * 1000
    bounded = bound_depth(wrappers)
    assert len(bounded) == len(wrappers)
    assert bounded.count("\n") == wrappers.count("\n")
    assert bounded.count("<div>") == bounded.count("</div>") < MAX_DEPTH
    assert bounded.count("<p>t</p>") == 5  # below the wrappers, what holds text is kept
    links = "<a href='/x'>l\n" * 1000
    assert bound_depth(links).count("<a href") == MAX_DEPTH
    assert bound_depth(links).count("l\n") == 1000
    assert bound_depth("<p>" * 10 + "x") == "<p>" * 10 + "x"


def test_a_5_mb_single_line_page() -> None:
    sentence = "Ik help je verder met je loopbaan en je leven. "
    html = '<html lang="nl"><body><h1>Kop</h1><p>' + sentence * 110_000 + "</p><p>Eind</p>"
    assert len(html) > 5_000_000
    page = parse(html)
    assert [b.line for b in page.blocks] == [1, 1]
    assert sum(len(b.text) for b in page.blocks) == MAX_COPY
    assert page.blocks[1].text.startswith(sentence.strip())


def test_a_page_with_ten_thousand_links() -> None:
    page = parse("<h1>Kop</h1>" + "".join(f"<a href='/p/{n}'>p{n}</a> " for n in range(10_000)))
    assert len(page.links) == 10_000
    assert page.links[-1].href == "/p/9999"


def test_hrefs_that_are_not_urls() -> None:
    """One such link once stopped the whole audit: urlsplit raises on a malformed host or port."""
    bad = ["http://[::1", "//[::1", "http://shop.test:99999999/", "http://[zz]/", "http://a:-1/"]
    links = "".join(f'<a class="btn" href="{href}">Boek nu</a>' for href in bad)
    raws = [RawPage(url, f"<nav>{links}</nav><h1>Tarieven</h1><p>{links}</p>".encode())
            for url in ("/", "https://coach.test/")]  # fmt: skip
    site = build_site("site", raws, [], PageReader(ParseContext(KNOWLEDGE)))
    run_rules(site, load_rules())
    assert site.errors == []
    for page in site.pages:
        hrefs = [link.href for link in page.nav_links + page.links]
        assert len(hrefs) == 2 * len(bad)
        assert all(href.startswith("invalid:") for href in hrefs), hrefs


def test_thousands_of_inline_directives_keep_their_lines_and_columns() -> None:
    """Each directive's place was counted from the top of the page: minutes for a long one."""
    rows = [f"<p>woord {n} " + "x " * (n % 7) + "<!-- auditor-disable-next social-proof -->"
            + ("</p>\n" if n % 3 else "</p>") for n in range(3000)]  # fmt: skip
    html = "".join(rows)
    starts = [m.start() for m in re.finditer("<!--", html)]
    expected = [(html.count("\n", 0, at) + 1, at - html.rfind("\n", 0, at)) for at in starts]
    assert [(d.line, d.column) for d in parse(html).directives] == expected


def test_a_directive_above_the_body_among_thousands_of_comments() -> None:
    """Each comment of the page once searched the rest of it for <body>: minutes for many."""
    head = "<html><head><!-- auditor-disable social-proof --></head>\n<body>"
    body = "".join(f"<p>woord {n}<!-- gewoon commentaar {n} --></p>" for n in range(5000))
    [directive] = parse(head + body + "</body></html>").directives
    assert (directive.rule, directive.line) == ("social-proof", 1)


def test_links_inside_an_element_with_a_huge_class_attribute() -> None:
    """The parent's classes were read whole again for every link: 5,000 links took a minute."""
    classes = "wp-block-button " + "x " * 100_000
    links = "".join(f'<a href="/p{n}">Boek nu</a>' for n in range(5000))
    page = parse(f'<h1>Kop</h1><div class="{classes}">{links}</div>')
    assert len(page.links) == 5000
    assert all(link.is_button for link in page.links)  # the wrapper's first class still counts

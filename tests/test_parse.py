"""The page model: what counts as copy, buttons, forms, language and decoding."""

from __future__ import annotations

import pytest
from conftest import REPO_ROOT

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.language import EVERY_PAGE, Languages
from auditor.page.model import Page
from auditor.page.parse import parse_page
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup
PARSING = ParseContext(KNOWLEDGE)
IN_ENGLISH = ParseContext(KNOWLEDGE, Languages(content=((EVERY_PAGE, "en"),)))

DUTCH = "Loop je vast in je werk? Ik help je om weer te weten wat je wilt, en dat is niet moeilijk."
ENGLISH = "Are you stuck in your job? I help you find out what you want, and it is not hard to do."


def parse(html: str | bytes, url: str = "/", content_type: str | None = None) -> Page:
    content = html.encode("utf-8") if isinstance(html, str) else html
    return parse_page(
        RawPage(url=url, content=content, path="index.html", content_type=content_type), PARSING
    )


def texts(page: Page) -> list[str]:
    return [b.text for b in page.blocks]


def test_chrome_and_invisible_text_is_not_copy() -> None:
    page = parse(
        """<html><head><title>T</title><style>p{color:red}</style></head><body>
        <header class="site-header"><a href="/">Logo</a></header>
        <nav><a href="/over-mij/">Over mij</a></nav>
        <div id="cookie-notice"><p>Wij gebruiken cookies.</p></div>
        <div class="cmplz-cookiebanner"><p>Accepteer cookies</p></div>
        <main><h1>Loop je vast?</h1><p>Echte tekst.</p>
        <p style="display: none">Verborgen tekst</p><p hidden>Ook verborgen</p>
        <span aria-hidden="true">Icoon</span>
        <span class="screen-reader-text">Voor schermlezers</span>
        <script>document.write("script tekst")</script><noscript>Zet JavaScript aan</noscript>
        <template><p>Sjabloon</p></template></main>
        <footer><p>© 2024 Praktijk Vrij</p><a href="/privacy/">Privacy</a></footer>
        </body></html>"""
    )
    assert texts(page) == ["Loop je vast?", "Echte tekst."]
    assert [(lk.href, lk.text) for lk in page.nav_links] == [
        ("/", "Logo"),
        ("/over-mij/", "Over mij"),
        ("/privacy/", "Privacy"),
    ]
    assert page.links == []


def test_a_hero_header_is_copy() -> None:
    page = parse("<header><h1>Loop je vast?</h1><p>Je bent niet de enige.</p></header>")
    assert texts(page) == ["Loop je vast?", "Je bent niet de enige."]


def test_headings_set_the_section_and_kinds() -> None:
    page = parse(
        "<h1>Aanbod</h1><p>Intro</p><h2>Coachtraject</h2><p>Zes sessies.</p>"
        "<ul><li>Intake</li></ul><blockquote>Top coach!</blockquote>"
        "<table><tr><td>€ 95</td></tr></table>"
    )
    got = [(b.kind, b.level, b.section, b.text) for b in page.blocks]
    assert got == [
        ("heading", 1, "Aanbod", "Aanbod"),
        ("paragraph", 0, "Aanbod", "Intro"),
        ("heading", 2, "Coachtraject", "Coachtraject"),
        ("paragraph", 0, "Coachtraject", "Zes sessies."),
        ("item", 0, "Coachtraject", "Intake"),
        ("quote", 0, "Coachtraject", "Top coach!"),
        ("cell", 0, "Coachtraject", "€ 95"),
    ]
    assert page.h1 == "Aanbod"
    assert [b.quoted for b in page.blocks] == [False] * 5 + [True, False]


def test_blocks_and_links_carry_source_lines() -> None:
    page = parse(
        '<html>\n<body>\n<h1>Titel</h1>\n<p>\n  Tekst</p>\n<p>Hier <a href="/x/">link</a></p>\n'
    )
    assert [(b.text, b.line) for b in page.blocks] == [
        ("Titel", 3),
        ("Tekst", 4),
        ("Hier link", 6),
    ]
    assert page.blocks[0].column == 1
    [link] = page.links
    assert (link.line, link.column) == (6, 9)


BUTTONS = {
    "elementor": '<a class="elementor-button elementor-size-md" href="/boek/">Boek</a>',
    "squarespace": '<a class="sqs-block-button-element--medium sqs-button-element--primary '
    'sqs-block-button-element" href="/b">Book</a>',
    "gutenberg": '<div><a class="wp-block-button__link wp-element-button" href="/b">Boek</a></div>',
    "gutenberg-parent": '<div class="wp-block-button"><a href="/b">Boek</a></div>',
    "divi": '<a class="et_pb_button et_pb_button_0" href="/b">Boek</a>',
    "wix": '<div data-semantic-classname="button"><a href="/b">Boek</a></div>',
    "bootstrap": '<a class="btn btn-primary" href="/b">Boek</a>',
    "plain-button-class": '<a class="button" href="/b">Boek</a>',
    "role-button": '<a role="button" href="/b">Boek</a>',
}


@pytest.mark.parametrize("html", BUTTONS.values(), ids=BUTTONS.keys())
def test_site_builder_buttons(html: str) -> None:
    [link] = parse(f"<p>Tekst</p>{html}").links
    assert link.is_button
    assert link.text in ("Boek", "Book")


@pytest.mark.parametrize(
    "html",
    [
        '<a href="/b">Boek</a>',
        '<a class="buttonish-link" href="/b">Boek</a>',
        '<a class="menu-toggle button" href="#">Menu</a>',
    ],
    ids=["plain", "class-contains-button", "chrome-toggle"],
)
def test_plain_links_are_not_buttons(html: str) -> None:
    [link] = parse(f"<p>Tekst</p>{html}").links
    assert not link.is_button


def test_button_elements_and_onclick_targets() -> None:
    page = parse(
        "<p>Tekst</p>"
        "<button onclick=\"location.href='https://calendly.com/x'\">Plan een gesprek</button>"
        '<form action="/aanmelden"><input type="submit" value="Meld je aan"></form>'
    )
    assert [(lk.href, lk.text, lk.is_button) for lk in page.links] == [
        ("https://calendly.com/x", "Plan een gesprek", True),
        ("form:/aanmelden", "Meld je aan", True),
    ]


def test_links_resolve_against_the_page() -> None:
    page = parse(
        '<p><a href="../tarieven/">T</a> <a href="mailto:a@b.nl">M</a></p>', url="/aanbod/"
    )
    assert [lk.href for lk in page.links] == ["/tarieven/", "mailto:a@b.nl"]
    web = parse('<p><a href="contact">C</a></p>', url="https://example.nl/over/")
    assert web.links[0].href == "https://example.nl/over/contact"


def test_email_field_outside_a_form_is_a_form() -> None:
    page = parse(
        '<p>Schrijf je in</p><input type="email" placeholder="Je e-mail"><button>Ja</button>'
    )
    [form] = page.forms
    assert form.has_email
    assert not form.prechecked_consent


def test_form_fields_and_prechecked_consent() -> None:
    page = parse(
        '<form><input type="text" name="naam"><input type="text" name="email">'
        '<input type="hidden" name="x"><input type="checkbox" name="ok" checked>'
        '<label>Ik ga akkoord</label><a href="/privacy/">privacy</a>'
        "<button>Verstuur</button></form>"
    )
    [form] = page.forms
    assert form.has_email
    assert form.visible_fields == 2
    assert form.prechecked_consent
    assert [lk.href for lk in form.links] == ["/privacy/"]
    assert "Ik ga akkoord" in form.text


def test_a_form_knows_its_last_block_and_loose_fields_are_bare() -> None:
    page = parse(
        "<h2>Nieuwsbrief</h2><form><p>Ontvang tips</p><input type='email'><p>Elke maand</p></form>"
        "<p>Daarna</p><input type='email' name='mail'>"
    )
    form, loose = page.forms
    assert [b.text for b in page.blocks[form.block_index : form.last_block + 1]] == [
        "Ontvang tips",
        "Elke maand",
    ]
    assert not form.bare and loose.bare


def test_abbreviations_and_review_data() -> None:
    page = parse(
        '<script type="application/ld+json">{"@type": "AggregateRating", "ratingValue": "5"}'
        '</script><p>Ik werk met <abbr title="Neuro-Linguïstisch Programmeren">NLP</abbr>.</p>'
    )
    assert page.abbreviations == {"NLP": "Neuro-Linguïstisch Programmeren"}
    assert page.review_widget


def test_a_map_link_is_not_a_review_widget() -> None:
    page = parse('<p><a href="https://www.google.com/maps/place/Utrecht">Route</a></p>')
    assert not page.review_widget


def test_an_unchecked_box_is_not_prechecked() -> None:
    [form] = parse('<form><input type="email"><input type="checkbox" name="ok"></form>').forms
    assert form.has_email and not form.prechecked_consent


@pytest.mark.parametrize(
    ("html", "lang"),
    [
        (f'<html lang="nl"><body><p>{ENGLISH[:20]}</p></body></html>', "nl"),
        ('<html lang="en-GB"><body><p>Hallo</p></body></html>', "en"),
        (f'<html lang="NL-nl"><body><p>{DUTCH}</p></body></html>', "nl"),
        (f"<html><body><p>{DUTCH}</p></body></html>", "nl"),
        (f"<html><body><p>{ENGLISH}</p></body></html>", "en"),
        (f'<html lang="en"><body><p>{DUTCH}</p></body></html>', "nl"),
        (f'<html lang="de"><body><p>{DUTCH}</p></body></html>', "nl"),
    ],
    ids=["declared-nl", "declared-en-gb", "declared-nl-nl", "text-nl", "text-en",
         "template-en-on-dutch-text", "unknown-lang-dutch-text"],
)  # fmt: skip
def test_language(html: str, lang: str) -> None:
    assert parse(html).lang == lang


def test_forced_language_wins() -> None:
    page = parse_page(RawPage("/", f'<html lang="nl"><p>{DUTCH}</p>'.encode()), IN_ENGLISH)
    assert page.lang == "en"


WIN1252 = "<html><body><p>Café-sessie: €95 per uur, één keer.</p></body></html>"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (WIN1252.replace("<html>", '<html><meta charset="windows-1252">'), None),
        (WIN1252, "text/html; charset=windows-1252"),
        (WIN1252, None),
    ],
    ids=["meta-charset", "header-charset", "guessed"],
)
def test_windows_1252(content: str, content_type: str | None) -> None:
    page = parse(content.encode("cp1252"), content_type=content_type)
    assert texts(page) == ["Café-sessie: €95 per uur, één keer."]


def test_utf8_is_not_mistaken_for_windows_1252() -> None:
    assert texts(parse(WIN1252.encode("utf-8"))) == ["Café-sessie: €95 per uur, één keer."]


def test_deep_nesting_does_not_recurse() -> None:
    depth = 2000
    page = parse(
        "<div>" * depth + "<p>Diep</p><a class='btn' href='/x'>Boek</a>" + "</div>" * depth
    )
    assert texts(page) == ["Diep", "Boek"]
    assert [lk.text for lk in page.links] == ["Boek"]


def test_nesting_beyond_the_parsers_limit_is_read_with_its_depth_bounded() -> None:
    html = "<div>" * 3000 + "<p>Diep</p>" + "</div>" * 3000
    site = build_site(
        "x", [RawPage(url="/", content=html.encode(), path="index.html")], [], PageReader(PARSING)
    )
    assert site.errors == []
    assert [texts(page) for page in site.pages] == [["Diep"]]


def test_nesting_the_depth_bound_cannot_help_is_a_page_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("auditor.page.parse.bound_depth", lambda html: html)
    html = "<div>" * 3000 + "<p>Diep</p>" + "</div>" * 3000
    site = build_site(
        "x", [RawPage(url="/", content=html.encode(), path="index.html")], [], PageReader(PARSING)
    )
    assert site.pages == []
    assert [e.message for e in site.errors] == [
        "could not parse: elements nested deeper than 2048 levels"
    ]


def test_split_price_markup_joins_up() -> None:
    page = parse(
        '<div class="elementor-price-table__price"><span class="elementor-price-table__currency">€'
        '</span><span class="elementor-price-table__integer-part">95</span></div>'
    )
    assert any("€95" in text for text in texts(page)), texts(page)


def test_struck_out_prices_and_control_characters_are_dropped() -> None:
    page = parse("<p>Nu <del>€ 120</del> € 95 per sessie\x1b[31m</p>")
    assert texts(page) == ["Nu € 95 per sessie [31m"]


def test_a_line_break_inside_a_heading_keeps_it_one_heading() -> None:
    page = parse_page(RawPage("/", b'<html lang="nl"><body><h1>Een gezonder<br> en energieker '
                                   b"gevoel</h1><h3>Gezondheids-<br>klachten</h3><p>Een<br>regel"
                                   b"</p></body></html>"), PARSING)  # fmt: skip
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("heading", "Een gezonder en energieker gevoel"),
        ("heading", "Gezondheids-klachten"),
        ("paragraph", "Een"),
        ("paragraph", "regel"),
    ]


def test_text_start_is_the_start_of_text_of() -> None:
    """A button's or label's text is read only as far as a label goes, the same strings in
    the same order as the whole text (scripts, styles and comments left out)."""
    from lxml import html as lxml_html

    from auditor.page.text import text_of, text_start

    for name in ("nl-before", "en-after", "de-before"):
        for file in (REPO_ROOT / "examples" / "sites" / name).rglob("*.html"):
            root = lxml_html.fromstring(file.read_bytes())
            for element in root.iter("button", "label", "div", "p", "a"):
                whole = text_of(element)
                assert text_start(element, 100_000) == whole
                assert text_start(element, 40) == whole[:40]

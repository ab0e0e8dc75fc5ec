"""The copy a reader can reach: hidden panels, styled title blocks, parallel-language markup."""

from __future__ import annotations

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.language import EVERY_PAGE, Languages
from auditor.page.model import Page
from auditor.page.parse import parse_page
from auditor.page.reachable import MIN_HIDDEN_COPY
from auditor.page.title_blocks import MAX_TITLE_CHARS
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()

STORY = (
    "In een traject van zes sessies kijken we samen naar wat je werk je kost en wat het je "
    "geeft. Je krijgt na elke sessie een korte oefening mee, die je thuis in tien minuten doet. "
)
LONG = STORY * 3  # well over MIN_HIDDEN_COPY characters


def parse(html: str, lang: str | None = None) -> Page:
    raw = RawPage(url="/", content=html.encode("utf-8"), path="index.html")
    languages = Languages(content=((EVERY_PAGE, lang),)) if lang else Languages()
    return parse_page(raw, ParseContext(KNOWLEDGE, languages))


def texts(page: Page) -> list[str]:
    return [b.text for b in page.blocks]


def headings(page: Page) -> list[tuple[str, int]]:
    return [(b.text, b.level) for b in page.blocks if b.kind == "heading"]


def test_the_threshold_is_above_a_short_paragraph() -> None:
    assert len(LONG) > MIN_HIDDEN_COPY > len(STORY)


def test_a_hidden_tab_panel_with_copy_is_read() -> None:
    page = parse(
        "<h1>Aanbod</h1><div class='tabs'><button>Traject</button><button>Tarieven</button></div>"
        f"<div id='t1'><h2>Traject</h2><p>{STORY}</p></div>"
        f"<div id='t2' style='display:none'><h2>Tarieven</h2><p>{LONG}</p></div>"
    )
    assert ("Tarieven", 2) in headings(page)
    assert texts(page)[-1] == LONG.strip()
    assert page.blocks[-1].section == "Tarieven"


def test_a_small_panel_is_read_when_the_page_opens_it() -> None:
    page = parse(
        "<h1>Groepen</h1><button aria-controls='dates' aria-expanded='false'>Data</button>"
        "<div id='dates' hidden><p>Dinsdagavond van 19:00 tot 21:00 uur</p></div>"
        "<div role='tabpanel' style='display: none'><p>Vrijdagochtend</p></div>"
        "<div class='tab-pane' style='display:none'><p>Zaterdag</p></div>"
    )
    assert texts(page)[-3:] == [
        "Dinsdagavond van 19:00 tot 21:00 uur",
        "Vrijdagochtend",
        "Zaterdag",
    ]


def test_small_hidden_things_are_dropped() -> None:
    page = parse(
        "<h1>Contact</h1><p>Stuur me een bericht.</p>"
        "<div class='form-success' style='display:none'><h3>Dank je!</h3>"
        "<p>Je bericht is aangekomen. Ik neem binnen twee dagen contact met je op.</p></div>"
        "<form><div style='display:none'><label>Laat dit leeg</label><input name='website'>"
        "</div><input type='email' name='email'><button>Verstuur</button></form>"
        "<span aria-hidden='true'>★★★★★</span><template><p>Sjabloon</p></template>"
    )
    assert texts(page) == ["Contact", "Stuur me een bericht.", "Verstuur"]
    assert page.forms[0].visible_fields == 1  # the honeypot is no field


def test_hidden_copy_that_is_never_copy_stays_dropped() -> None:
    menu = "".join(f"<li><a href='/p{n}'>Pagina nummer {n} van de site</a></li>" for n in range(20))
    page = parse(
        "<h1>Welkom</h1><button aria-controls='m'>Menu</button>"
        f"<div id='m' aria-hidden='true'><ul>{menu}</ul></div>"  # a menu, however long
        f"<div class='cookie-popup' style='display:none'><p>{LONG}</p></div>"
        f"<div role='status' hidden><p>{LONG}</p></div>"
        f"<div class='slide slick-cloned'><p>{STORY}</p></div>"
    )
    assert texts(page) == ["Welkom", "Menu"]
    assert [lk.text for lk in page.links] == ["Menu"]


def test_a_read_more_window_the_page_opens_is_read() -> None:
    page = parse(
        "<h1>Adem</h1><a href='#meer' data-toggle='modal'>Lees meer</a>"
        "<div id='meer' class='modal' aria-hidden='true'><h4>Werkwijze</h4>"
        "<p>Een behandeling duurt vijftig minuten.</p>"
        "<button data-dismiss='modal'>Sluit</button></div>"
    )
    assert "Een behandeling duurt vijftig minuten." in texts(page)
    assert [lk.text for lk in page.links] == ["Lees meer"]  # closing a window is no action


def test_styled_title_blocks_are_headings_where_the_page_has_none() -> None:
    page = parse(
        "<h1>Praktijk Vrij</h1>"
        f"<div class='section-title'>Individuele coaching</div><p>{STORY}</p>"
        f"<p><strong>Wie ben ik</strong></p><p>{STORY}</p>"
        f"<p><b>Groepen</b> <b>en</b> <b>workshops</b></p><ul><li>{STORY}</li></ul>"
    )
    assert headings(page) == [
        ("Praktijk Vrij", 1),
        ("Individuele coaching", 2),
        ("Wie ben ik", 2),
        ("Groepen en workshops", 2),
    ]
    assert page.blocks[2].section == "Individuele coaching"
    assert page.blocks[-1].section == "Groepen en workshops"


def test_only_short_standalone_titles_followed_by_copy_become_headings() -> None:
    page = parse(
        "<h1>Praktijk Vrij</h1>"
        f"<p><strong>Wie?</strong> Iedereen die vastloopt in het werk.</p><p>{STORY}</p>"
        f"<p><strong>Dit is een zin.</strong></p><p>{STORY}</p>"
        f"<p><strong>{'Lang ' * (MAX_TITLE_CHARS // 4)}</strong></p><p>{STORY}</p>"
        "<div class='title'>Kort</div><p>Ook kort.</p>"
        f"<p>Gewoon een regel</p><p>{STORY}</p>"
    )
    assert headings(page) == [("Praktijk Vrij", 1)]


def test_a_page_with_real_subheadings_keeps_them_alone() -> None:
    page = parse(
        f"<h1>Aanbod</h1><h2>Coaching</h2><p>{STORY}</p>"
        f"<div class='card-title'>Individueel</div><p>{STORY}</p>"
    )
    assert headings(page) == [("Aanbod", 1), ("Coaching", 2)]


def test_parallel_language_copy_keeps_the_page_language() -> None:
    page = parse(
        '<html lang="en-GB"><body><h1><span data-lang="en">Find your calm</span>'
        '<span data-lang="fr">Retrouvez le calme</span></h1>'
        '<div lang="fr"><p>Contenu en français à venir.</p></div><div lang="en">'
        "<p>I help adults who feel stuck.</p></div>"
        '<section><p>As a client said:</p><blockquote lang="fr">La vie est belle.</blockquote>'
        "</section>"
        '<nav><a href="/" lang="en">English</a><a href="/fr/" lang="fr">Français</a></nav>'
        "</body></html>"
    )
    assert texts(page) == [
        "Find your calm",
        "I help adults who feel stuck.",
        "As a client said:",
        "La vie est belle.",  # a quote in another language, with nothing beside it, is copy
    ]
    assert [lk.text for lk in page.nav_links] == ["English", "Français"]  # a language switch


def test_without_a_declared_language_both_languages_stay() -> None:
    page = parse('<p><span data-lang="en">Hello</span><span data-lang="fr">Bonjour</span></p>')
    assert texts(page) == ["HelloBonjour"]


def test_titles_of_repeated_cards_are_headings_below_the_one_before_them() -> None:
    """Two or more sibling cards of one class, each a title over its copy: the titles act as
    headings one level below the real heading above them; a lone card title does not."""
    cards = "".join(
        f"<div class='card'><div class='card-title'>{name}</div><p>{STORY}</p></div>"
        for name in ("Losse sessie", "Nieuw traject", "Check-in na drie maanden")
    )
    page = parse(f"<h1>Trajecten</h1><h2>Na het traject</h2><div class='cards'>{cards}</div>"
                 f"<h2>Contact</h2><div class='card'><div class='card-title'>Bel</div>"
                 f"<p>{STORY}</p></div>")  # fmt: skip
    assert headings(page) == [
        ("Trajecten", 1),
        ("Na het traject", 2),
        ("Losse sessie", 3),
        ("Nieuw traject", 3),
        ("Check-in na drie maanden", 3),
        ("Contact", 2),
    ]
    assert page.blocks[3].section == "Losse sessie"

"""Sign-up forms by meaning: which fields ask for an e-mail address, which links are near."""

from __future__ import annotations

import pytest

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.model import Form, Page
from auditor.page.parse import parse_page
from auditor.sources.raw import RawPage

PARSING = ParseContext(load_knowledge())


def parse(html: str) -> Page:
    return parse_page(RawPage(url="/", content=html.encode("utf-8"), path="index.html"), PARSING)


def form_of(fields: str) -> Form:
    [form] = parse(f"<h1>Nieuwsbrief</h1><form>{fields}<button>Ja</button></form>").forms
    return form


@pytest.mark.parametrize(
    "field",
    [
        '<input type="email" name="x">',
        '<input type="text" name="field_3" placeholder="Je e-mailadres">',
        '<input name="EMAIL">',
        '<input type="tel" name="E-mail" placeholder="E-mail *">',  # a builder's mistake
        '<label for="f7">E-Mail-Adresse</label><input type="text" id="f7" name="f7">',
        '<label>Your e-mail <input type="text" name="q1"></label>',
        '<input type="text" name="q2" aria-label="Mailadres">',
        '<input type="text" name="q3" autocomplete="email">',
        '<input type="text" name="your-email">',
    ],
)
def test_an_email_field_is_known_by_what_it_says(field: str) -> None:
    assert form_of(field).has_email


@pytest.mark.parametrize(
    "field",
    [
        '<input type="text" name="naam" placeholder="Je naam">',
        '<input type="hidden" name="email" value="abc">',
        '<input type="checkbox" name="email_optin">',
        '<label for="n1">Naam</label><input type="text" id="n1">',
        '<input type="password" name="email_password">',
    ],
)
def test_other_fields_are_no_email_field(field: str) -> None:
    assert not form_of(field).has_email


def test_a_footer_form_is_near_the_footer_links() -> None:
    page = parse(
        "<main><h1>Rust</h1><p>Tekst.</p><a href='/aanbod'>Aanbod</a></main>"
        "<footer><section><p>Nieuwsbrief</p><form><input type='email'><button>Ja</button>"
        "</form></section><section><a href='/privacy'>Privacy</a></section></footer>"
    )
    [form] = page.forms
    assert "/privacy" in [lk.href for lk in form.nearby_links]
    assert "/aanbod" not in [lk.href for lk in form.nearby_links]


def test_a_form_is_near_the_links_of_its_own_section_only() -> None:
    page = parse(
        "<h1>Rust</h1><section><h2>Over mij</h2><p><a href='/over'>Over mij</a></p></section>"
        "<section class='row'><div class='elementor-section'><form><input type='email'>"
        "<button>Ja</button></form></div><p>Lees mijn <a href='/privacy'>privacy</a>.</p>"
        "</section>"
    )
    [form] = page.forms
    # the builder section around the form holds only the form: its parent section counts
    assert [lk.href for lk in form.nearby_links if not lk.href.startswith("form:")] == ["/privacy"]


def test_a_section_as_long_as_a_page_is_no_section() -> None:
    paragraphs = "".join(f"<p>Alinea {n}.</p>" for n in range(40))
    page = parse(
        f"<article><h1>Rust</h1><form><input type='email'><button>Ja</button></form>"
        f"{paragraphs}<a href='/privacy'>Privacy</a></article>"
    )
    assert page.forms[0].nearby_links == []


def test_a_footer_form_has_its_own_text() -> None:
    page = parse(
        "<h1>Rust</h1><p>Laatste alinea.</p><footer><form><p>Ontvang mijn nieuwsbrief</p>"
        "<input type='email'><button>Ja</button></form></footer>"
    )
    assert page.forms[0].text == "Ontvang mijn nieuwsbrief Ja"

"""Buttons judged by where they lead (site/destinations.py), and the offer rule's verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_site

from auditor.audit.engine import audit
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.model import Link, Page
from auditor.page.parse import parse_page
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.site.destinations import Leads
from auditor.site.model import Site
from auditor.site.offers import is_buy_label
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup
PARSING = ParseContext(KNOWLEDGE)

NL = '<html lang="nl"><body>'
EN = '<html lang="en"><body>'
DE = '<html lang="de"><body>'
HOME_NL = NL + '<nav><a href="/aanbod/">Aanbod</a></nav><h1>Loop je vast in je werk?</h1>'
OFFER_NL = (
    NL + "<h1>Coachtraject</h1><p>Zes sessies voor € 1.250,-.</p>"
    '<p><a class="btn" href="/contact/">{label}</a></p>'
)
NAME_EMAIL = '<input name="name"><input type="email" name="email">'


def site(pages: dict[str, str]) -> Site:
    raws = [RawPage(url=url, content=html.encode(), path="p.html") for url, html in pages.items()]
    return build_site("site", raws, [], PageReader(ParseContext(KNOWLEDGE)))


def leads_to(contact: str, label: str = "Boek nu") -> str:
    """The kind of destination of the offer's button, with `contact` as /contact/."""
    s = site({"/": HOME_NL, "/aanbod/": OFFER_NL.format(label=label), "/contact/": contact})
    [offer] = s.offers
    [(link, dest)] = offer.leads
    assert link.text == label
    return dest.kind


@pytest.mark.parametrize(
    ("contact", "kind"),
    [
        (
            '<h1>Contact</h1><p><a href="mailto:info@example.nl">info@example.nl</a></p>'
            '<p><a href="tel:+31612345678">06 12345678</a></p>',
            "contact",
        ),
        (
            '<h1>Afspraak</h1><iframe src="https://calendly.com/example/intake"></iframe>',
            "booking",
        ),
        (
            '<h1>Afspraak</h1><div class="calendly-inline-widget" '
            'data-url="https://calendly.com/example"></div>',
            "booking",
        ),
        ('<h1>Contact</h1><p><a href="https://example.as.me/">Plan online</a></p>', "booking"),
        (
            f'<h1>Contact</h1><form action="/send">{NAME_EMAIL}<input type="date" name="d">'
            "<button>Verstuur</button></form>",
            "booking_form",
        ),
        (
            f'<h1>Contact</h1><form action="/send">{NAME_EMAIL}<select name="welke">'
            "<option>Coachtraject</option><option>Losse sessie</option></select>"
            "<textarea name='message'></textarea><button>Verstuur</button></form>",
            "booking_form",
        ),
        (
            f'<h1>Contact</h1><form action="/send">{NAME_EMAIL}<label>Gewenste datum</label>'
            "<input name='input_5'><button>Verstuur</button></form>",
            "booking_form",
        ),
        (
            f'<h1>Contact</h1><form action="/send">{NAME_EMAIL}<textarea name="message">'
            "</textarea><button>Verstuur</button></form>",
            "contact_form",
        ),
        (
            f'<h1>Contact</h1><form action="mailto:info@example.nl">{NAME_EMAIL}'
            "<input type='date' name='d'><button>Verstuur</button></form>",
            "contact_form",
        ),
        (
            f'<h1>Contact</h1><form action="/send">{NAME_EMAIL}<textarea name="message">'
            "</textarea><button>Verstuur</button></form><p>Daarna opent WhatsApp.</p>",
            "contact_form",
        ),
        ("<h1>Contact</h1><p>Kom langs in de praktijk.</p>", "page"),
    ],
    ids=[
        "mail-and-phone-only",
        "scheduler-iframe",
        "scheduler-widget",
        "booking-host-link",
        "form-with-a-date",
        "form-asking-which-offer",
        "form-with-a-date-label",
        "generic-contact-form",
        "form-that-opens-mail",
        "form-that-opens-whatsapp",
        "nothing-decides",
    ],
)
def test_destination_kind(contact: str, kind: str) -> None:
    assert leads_to(NL + contact) == kind


def test_a_form_headed_as_a_booking_form_books() -> None:
    contact = (
        EN + "<h2>Book a free consultation</h2>"
        f'<form action="/send">{NAME_EMAIL}<textarea name="message"></textarea>'
        "<button>Send</button></form>"
    )
    assert leads_to(contact) == "booking_form"


def test_a_booking_link_on_the_destination_is_followed_one_step() -> None:
    between = NL + '<h1>Contact</h1><p><a class="btn" href="/agenda/">Plan je afspraak</a></p>'
    agenda = NL + '<h1>Agenda</h1><iframe src="https://calendly.com/x"></iframe>'
    s = site(
        {"/": HOME_NL, "/aanbod/": OFFER_NL.format(label="Boek nu"),
         "/contact/": between, "/agenda/": agenda}
    )  # fmt: skip
    [offer] = s.offers
    assert [dest.kind for _, dest in offer.leads] == ["booking"]
    assert offer.actions


def test_a_page_not_in_the_crawl_is_judged_by_the_label() -> None:
    s = site({"/": HOME_NL, "/aanbod/": OFFER_NL.format(label="Boek nu")})
    [offer] = s.offers
    assert [dest.kind for _, dest in offer.leads] == ["unknown"]
    assert [a.text for a in offer.actions] == ["Boek nu"]


def test_a_contact_label_that_leads_to_a_booking_tool_books() -> None:
    contact = NL + '<h1>Contact</h1><p><a href="https://zeeg.me/x/termin">Termin</a></p>'
    s = site({"/": HOME_NL, "/aanbod/": OFFER_NL.format(label="Neem contact op"),
              "/contact/": contact})  # fmt: skip
    [offer] = s.offers
    assert offer.actions and offer.contact_only == []


def test_a_button_inside_a_link_leads_where_the_link_leads() -> None:
    offer_page = (
        NL + "<h1>Coachtraject</h1><p>Zes sessies voor € 1.250,-.</p>"
        '<p><a href="/contact/"><button>Boek nu</button></a></p>'
    )
    contact = NL + '<h1>Contact</h1><p><a href="mailto:a@example.nl">a@example.nl</a></p>'
    s = site({"/": HOME_NL, "/aanbod/": offer_page, "/contact/": contact})
    [offer] = s.offers
    assert offer.actions == []
    assert {dest.kind for _, dest in offer.leads} == {"contact"}


def _finding(tmp_path: Path, pages: dict[str, str]) -> list[dict[str, object]]:
    report = audit(str(write_site(tmp_path, pages)))
    return [
        {"message": f.message, **f.evidence}
        for f in report.findings
        if f.rule == "offer-has-buy-button"
    ]


def test_the_message_says_the_button_is_mail_me_in_disguise(tmp_path: Path) -> None:
    contact = NL + '<h1>Contact</h1><p><a href="mailto:a@example.nl">a@example.nl</a></p>'
    [found] = _finding(
        tmp_path,
        {"/": HOME_NL, "/aanbod/": OFFER_NL.format(label="Boek nu"), "/contact/": contact},
    )
    assert "'Boek nu'" in str(found["message"]) and "vermomming" in str(found["message"])
    assert found["button"] == "Boek nu"
    assert found["leads_to"] == "/contact"
    assert found["destination_kind"] == "contact"


def test_a_short_page_is_read_again_to_judge_it(tmp_path: Path) -> None:
    # a folder audit keeps /agenda/ short: no rule reads the copy of a page of its role
    contact = (
        NL + '<h1>Contact</h1><p><a class="btn" href="/agenda/">Plan je afspraak</a></p>'
        '<p><a href="mailto:a@example.nl">a@example.nl</a></p>'
    )
    agenda = NL + '<h1>Agenda</h1><p><a href="tel:+31612345678">Bel me</a></p>'
    pages = {"/": HOME_NL, "/aanbod/": OFFER_NL.format(label="Boek nu"), "/contact/": contact}
    [found] = _finding(tmp_path, {**pages, "/agenda/": agenda})
    assert found["destination_kind"] == "contact"
    # the same page with a booking tool: the button books
    booking = NL + '<h1>Agenda</h1><iframe src="https://calendly.com/x"></iframe>'
    assert _finding(tmp_path / "2", {**pages, "/agenda/": booking}) == []


ONE_PAGE = (
    EN + '<h1>Calm again</h1><p><a class="btn" href="{hero}">Book a session</a></p>'
    "<h2>Services</h2><p>Counselling sessions for anxiety, $120 per session.</p>"
    "<h2>About me</h2><p>I am a counsellor.</p>"
)


def test_an_offer_passes_on_a_booking_action_elsewhere_on_its_page() -> None:
    s = site({"/": ONE_PAGE.format(hero="https://calendly.com/x")})
    assert s.offers
    assert all(o.actions or o.page_actions for o in s.offers)


def test_a_label_alone_elsewhere_on_the_page_is_no_booking_action() -> None:
    s = site({"/": ONE_PAGE.format(hero="/somewhere")})
    assert s.offers
    assert all(o.page_actions == [] for o in s.offers)


def test_another_offers_own_button_does_not_count_for_an_offer() -> None:
    page = (
        NL + "<h1>Aanbod</h1>"
        "<h2>Coachtraject</h2><p>Zes sessies, € 1.250,-.</p>"
        '<p><a class="btn" href="https://calendly.com/x">Boek het traject</a></p>'
        "<h2>Losse sessie</h2><p>Een sessie, € 95,-.</p>"
        '<p><a href="mailto:a@example.nl">Mail me</a></p>'
    )
    s = site({"/": HOME_NL, "/aanbod/": page})
    by_name = {o.name: o for o in s.offers}
    assert by_name["Coachtraject"].actions
    assert by_name["Losse sessie"].actions == [] and by_name["Losse sessie"].page_actions == []


@pytest.mark.parametrize(
    ("lang", "label", "buys"),
    [
        ("nl", "Vraag een consult aan", True),
        ("nl", "Vraag nu je gratis kennismakingsgesprek aan", True),
        ("nl", "Meld je nu aan", True),
        ("nl", "Schrijf je vandaag nog in", True),
        ("nl", "Boek je sessie", True),
        ("nl", "Plan je sessie in", True),
        ("nl", "Vraag", False),
        ("nl", "Lees meer", False),
        ("de", "Schreib dich ein", True),
        ("de", "Melde dich jetzt an", True),
        ("de", "Termin vereinbaren", True),
        ("de", "Jetzt buchen", True),
        ("de", "Mehr erfahren", False),
        ("en", "Sign yourself up", True),
    ],
)
def test_separable_verbs_and_word_forms(lang: str, label: str, buys: bool) -> None:
    link = Link(href="/x", text=label, block_index=0)
    assert is_buy_label(link, KNOWLEDGE.lexicons[lang]) is buys


def test_the_parser_keeps_form_fields_and_embeds() -> None:
    html = (
        NL + '<form action="mailto:a@example.nl"><input name="naam">'
        '<input type="hidden" name="x"><select name="sessie"><option>Intake</option></select>'
        '<textarea name="bericht"></textarea></form>'
        '<div style="display:none"><iframe src="https://calendly.com/x"></iframe></div>'
        '<script src="https://cdn.example.com/app.js"></script>'
    )
    page = parse_page(RawPage(url="/contact/", content=html.encode()), PARSING)
    [form] = page.forms
    assert form.action == "mailto:a@example.nl"
    assert [(f.kind, f.name, f.options) for f in form.fields] == [
        ("text", "naam", []),
        ("select", "sessie", ["Intake"]),
        ("textarea", "bericht", []),
    ]
    assert page.embeds == ["https://calendly.com/x"]


def test_leads_without_the_page_judges_it_unknown() -> None:
    page = Page(url="/a", path=None, lang="nl", title="", h1="", blocks=[], links=[],
                nav_links=[], forms=[])  # fmt: skip
    leads = Leads([page], "", lambda p: KNOWLEDGE.lexicons["nl"])
    dest = leads.of(Link(href="/elders", text="Boek nu", block_index=0), page)
    assert dest.kind == "unknown" and not dest.buys

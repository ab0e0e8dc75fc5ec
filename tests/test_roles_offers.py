"""Page roles, role sections of one-page sites, and the offers found on a site."""

from __future__ import annotations

import pytest

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.model import RoleReason
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.site.model import Offer, Site
from auditor.sources.raw import RawPage

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup

NL = '<html lang="nl"><body>'
EN = '<html lang="en"><body>'


def site(pages: dict[str, str], target: str = "site") -> Site:
    raws = [
        RawPage(url=url, content=html.encode(), path="page.html") for url, html in pages.items()
    ]
    return build_site(target, raws, [], PageReader(ParseContext(KNOWLEDGE)))


def roles(s: Site) -> dict[str, str]:
    return {page.url: page.role for page in s.pages}


@pytest.mark.parametrize(
    ("url", "role"),
    [
        ("/over-mij/", "about"),
        ("/tarieven", "pricing"),
        ("/tarieven.html", "pricing"),
        ("/contact/", "contact"),
        ("/privacyverklaring/", "privacy"),
        ("/aanbod/", "offer"),
        ("/p2.html", "other"),
    ],
)
def test_role_from_dutch_slug(url: str, role: str) -> None:
    s = site({"/": NL + "<h1>Loop je vast?</h1>", url: NL + "<h1>Pagina</h1><p>Tekst.</p>"})
    assert roles(s) == {"/": "home", url: role}


@pytest.mark.parametrize(
    ("url", "role"),
    [("/about.html", "about"), ("/work-with-me", "offer"), ("/pricing", "pricing")],
)
def test_role_from_english_slug(url: str, role: str) -> None:
    s = site({"/": EN + "<h1>Stuck?</h1>", url: EN + "<h1>Page</h1><p>Text.</p>"})
    assert roles(s)[url] == role


def test_role_from_nav_label_when_the_slug_says_nothing() -> None:
    home = (
        NL + '<nav><a href="/p1.html">Over mij</a><a href="/p3.html">Tarieven</a></nav><h1>Hoi</h1>'
    )
    s = site({"/": home, "/p1.html": NL + "<h1>Hoi</h1>", "/p3.html": NL + "<h1>Hoi</h1>"})
    assert roles(s) == {"/": "home", "/p1.html": "about", "/p3.html": "pricing"}


def test_role_from_h1_when_nothing_else_tells() -> None:
    s = site({"/": NL + "<h1>Hoi</h1>", "/p1.html": NL + "<h1>Over mij</h1><p>Tekst.</p>"})
    assert roles(s)["/p1.html"] == "about"


@pytest.mark.parametrize("home", ["/", "/index.html"])
def test_home_is_the_root(home: str) -> None:
    s = site({home: NL + "<h1>Over mij</h1>", "/over-mij/": NL + "<h1>Over mij</h1>"})
    assert roles(s) == {home: "home", "/over-mij/": "about"}
    assert s.home is s.pages[0]


def test_roles_over_http() -> None:
    base = "https://www.praktijk.nl"
    home = NL + f'<nav><a href="{base}/p1/">Over mij</a><a href="https://other.nl/p1/">x</a></nav>'
    s = site(
        {
            f"{base}/": home,
            f"{base}/p1/": NL + "<h1>Hoi</h1>",
            f"{base}/tarieven/": NL + "<h1>T</h1>",
        },
        target=f"{base}/",
    )
    assert roles(s) == {f"{base}/": "home", f"{base}/p1/": "about", f"{base}/tarieven/": "pricing"}


ONE_PAGE = (
    NL
    + '<nav><a href="#over-mij">Over mij</a><a href="#aanbod">Aanbod</a>'
    + '<a href="#tarieven">Tarieven</a></nav>'
    + '<section id="hero"><h1>Loop je vast?</h1><p>Je bent niet de enige.</p></section>'
    + '<section id="over-mij"><h2>Wie ben ik</h2><p>Ik ben Marieke.</p></section>'
    + '<section id="aanbod"><h2>Wat ik doe</h2><p>Zes sessies coaching.</p></section>'
    + '<section id="tarieven"><h2>Kosten</h2><p>€ 95 per sessie.</p></section></body></html>'
)


def test_one_page_site_anchor_sections_become_regions() -> None:
    s = site({"/": ONE_PAGE})
    got = [(r.role, r.name, [b.text for b in r.blocks]) for r in s.regions]
    assert got == [
        ("about", "Wie ben ik", ["Wie ben ik", "Ik ben Marieke."]),
        ("offer", "Wat ik doe", ["Wat ik doe", "Zes sessies coaching."]),
        ("pricing", "Kosten", ["Kosten", "€ 95 per sessie."]),
    ]
    assert all(r.page is s.home for r in s.regions)


def test_a_role_page_wins_over_a_home_section() -> None:
    s = site({"/": ONE_PAGE, "/over-mij/": NL + "<h1>Over mij</h1><p>Mijn verhaal.</p>"})
    [about] = s.regions_of("about")
    assert about.page.url == "/over-mij/" and about.whole_page


OFFERS_PAGE = (
    NL
    + "<h1>Aanbod</h1><p>Zo kan ik je helpen.</p>"
    + "<h2>Coachtraject Vrij</h2><p>Zes sessies waarin je ontdekt wat je wilt.</p>"
    + "<p>Investering: € 1.250,-</p>"
    + '<a class="btn" href="https://calendly.com/vrij/intake">Plan je kennismakingsgesprek</a>'
    + "<h2>Losse coachsessie</h2><p>Een sessie voor een concrete vraag: € 95,- per sessie.</p>"
    + '<p><a href="mailto:info@praktijkvrij.nl">Mail me</a></p>'
)
HOME = NL + '<nav><a href="/aanbod/">Aanbod</a></nav><h1>Loop je vast in je werk?</h1>'


def offers_by_name(s: Site) -> dict[str, Offer]:
    return {offer.name: offer for offer in s.offers}


def test_offer_cards_on_an_offers_page() -> None:
    s = site({"/": HOME, "/aanbod/": OFFERS_PAGE})
    offers = offers_by_name(s)
    assert list(offers) == ["Coachtraject Vrij", "Losse coachsessie"]
    traject, sessie = offers.values()
    assert [p.amount for p in traject.prices] == [1250]
    assert [(a.text, a.href) for a in traject.actions] == [
        ("Plan je kennismakingsgesprek", "https://calendly.com/vrij/intake")
    ]
    assert traject.contact_only == []
    assert [p.amount for p in sessie.prices] == [95]
    assert sessie.actions == []
    assert [a.href for a in sessie.contact_only] == ["mailto:info@praktijkvrij.nl"]
    assert traject.blocks[0].text == "Coachtraject Vrij"
    assert "Losse coachsessie" not in [b.text for b in traject.blocks]


def test_a_free_intro_card_is_not_an_offer() -> None:
    free = (
        "<h2>Gratis kennismaking</h2><p>Een half uur kennismaken, zonder kosten.</p>"
        '<a class="btn" href="https://calendly.com/vrij/kennismaking">Plan je gesprek</a>'
    )
    s = site({"/": HOME, "/aanbod/": OFFERS_PAGE + free})
    assert list(offers_by_name(s)) == ["Coachtraject Vrij", "Losse coachsessie"]


def test_a_teaser_card_defers_to_its_own_offer_page() -> None:
    teaser = (
        NL
        + "<h1>Aanbod</h1>"
        + '<h2>Coachtraject Vrij</h2><p>Zes sessies.</p><a href="/coachtraject/">Lees meer</a>'
        + "<h2>Losse coachsessie</h2><p>Een sessie voor een vraag: € 95,- per sessie.</p>"
        + '<a class="btn" href="https://calendly.com/vrij/sessie">Boek een sessie</a>'
    )
    detail = NL + "<h1>Coachtraject Vrij</h1><p>Zes sessies voor € 1.250,-.</p>"
    s = site({"/": HOME, "/aanbod/": teaser, "/coachtraject/": detail})
    assert roles(s)["/coachtraject/"] == "offer"
    assert sorted((o.name, o.page.url) for o in s.offers) == [
        ("Coachtraject Vrij", "/coachtraject/"),
        ("Losse coachsessie", "/aanbod/"),
    ]


def test_price_on_request_is_not_a_price() -> None:
    page = EN + "<h1>Services</h1><p>Individual counselling for anxiety. Fees on request.</p>"
    s = site({"/": EN + "<h1>Feel calm again</h1>", "/services.html": page})
    [offer] = s.offers
    assert offer.prices == [] and offer.price_on_request


def test_short_pages_of_a_dutch_site_without_lang_use_dutch() -> None:
    home = (
        '<nav><a href="/tarieven/">Tarieven</a></nav><h1>Loop je vast in je werk?</h1>'
        "<p>Je ligt er wakker van en weet niet waar je moet beginnen. Ik help je verder.</p>"
    )
    s = site({"/": home, "/tarieven/": "<h1>Tarieven</h1><p>€ 95 per sessie</p>"})
    assert [(p.lang, p.role) for p in s.pages] == [("nl", "home"), ("nl", "pricing")]


@pytest.mark.parametrize(
    ("href", "variant"),
    [
        ("mailto:info@example.com", "contact_only"),
        ("https://mail.google.com/mail/?view=cm&to=info@example.com", "contact_only"),
        ("/contact", "contact_page"),
    ],
)
def test_only_route_names_a_message_link_or_the_contact_page(href: str, variant: str) -> None:
    from auditor.checks.kinds.offer_action import offer_action
    from auditor.checks.loader import load_rules

    s = site(
        {
            "/": EN + '<nav><a href="/services">Services</a></nav><h1>Feel calm again</h1>',
            "/services": EN + "<h1>Services</h1><p>Counselling, $120 per session.</p>"
            f'<p><a class="btn" href="{href}">Contact me</a></p>',
        }
    )
    rule = next(r for r in load_rules() if r.id == "offer-has-buy-button")
    [hit] = offer_action(s, rule, lambda page: KNOWLEDGE.lexicons["en"])
    assert hit.variant == variant


MENU = (
    '<nav><a href="/behandelaar/">Behandelaar</a><a href="/praktijk/">Praktijk</a>'
    '<a href="/werkwijze/">Werkwijze</a></nav>'
)
BACKGROUND = (
    "<h1>Behandelaar</h1><p>Ik ben psycholoog en werk sinds 2005 in mijn eigen praktijk.</p>"
    "<p>Ik volgde de opleiding tot psychotherapeut en ben geregistreerd in het BIG-register.</p>"
    "<p>Mijn specialisatie is traumabehandeling; ik ben lid van de vereniging VGCT.</p>"
    "<p>Daarnaast geef ik les aan de hogeschool in mijn woonplaats.</p>"
)
FEES = (
    "<h1>Praktijk</h1><p>Hieronder vind je wat een afspraak in de praktijk kost en hoe de "
    "vergoeding door je zorgverzekeraar geregeld is.</p><ul><li>Intake (60 minuten): € 95</li>"
    "<li>Vervolgafspraak (45 minuten): € 80</li><li>Telefonisch consult: € 40</li>"
    "<li>Verslag voor de verwijzer: € 25</li></ul>"
)
METHOD = (
    "<h1>Werkwijze</h1><p>In een eerste sessie kijken we samen naar je klachten. "
    "Daarna volgt een traject van zes sessies lichaamsgerichte therapie.</p>"
    "<p>Een sessie duurt 60 minuten. Tussen de sessies oefen je thuis met wat je leerde, "
    "zodat je merkt wat er verandert.</p>"
)


def test_roles_from_content_when_the_name_says_nothing() -> None:
    """A practitioner's page, a page of fees and a page describing the sessions get their
    roles from what their copy says."""
    s = site({"/": NL + MENU + "<h1>Loop je vast?</h1>", "/behandelaar/": NL + BACKGROUND,
              "/praktijk/": NL + FEES, "/werkwijze/": NL + METHOD})  # fmt: skip
    assert roles(s) == {"/": "home", "/behandelaar/": "about", "/praktijk/": "pricing",
                        "/werkwijze/": "offer"}  # fmt: skip


def test_no_role_from_content_for_a_page_no_menu_leads_to() -> None:
    """A blog post reached only through the blog is not an offer, whatever it describes."""
    s = site({"/": NL + "<h1>Loop je vast?</h1>", "/werkwijze/": NL + METHOD})
    assert roles(s)["/werkwijze/"] == "other"


def test_a_name_still_wins_over_content() -> None:
    s = site({"/": NL + '<nav><a href="/over-mij/">Over mij</a></nav><h1>Loop je vast?</h1>',
              "/over-mij/": NL + FEES})  # fmt: skip
    assert roles(s)["/over-mij/"] == "about"


def test_a_page_an_offer_overview_links_to_is_judged_by_its_content() -> None:
    """The services an "Aanbod" page links to are offers when their copy sells."""
    overview = NL + '<h1>Aanbod</h1><p>Alles wat ik aanbied.</p><a href="/werkwijze/">Lees meer</a>'
    s = site({"/": NL + '<nav><a href="/aanbod/">Aanbod</a></nav><h1>Loop je vast?</h1>',
              "/aanbod/": overview, "/werkwijze/": NL + METHOD})  # fmt: skip
    assert roles(s)["/werkwijze/"] == "offer"


def test_an_offer_page_with_a_see_also_list_still_describes_its_own_offer() -> None:
    """Links to two other offers in one "see also" section do not make a page a teaser."""
    see_also = (
        '<h2>Meer aanbod</h2><ul><li><a href="/retraite/">Retraite</a></li>'
        '<li><a href="/cursus/">Cursus</a></li></ul>'
    )
    pages = {
        "/": NL + '<nav><a href="/coaching/">Coaching</a><a href="/retraite/">Retraite</a>'
        '<a href="/cursus/">Cursus</a></nav><h1>Loop je vast?</h1>',
        "/coaching/": NL + "<h1>Coaching</h1><p>Zes sessies voor wie vastloopt.</p>"
        "<h2>Werkwijze</h2><p>We starten met een intake.</p><h2>Voor wie</h2>"
        "<p>Voor ondernemers die twijfelen.</p>" + see_also,
        "/retraite/": NL + "<h1>Retraite</h1><p>Vijf dagen stilte: € 950.</p>",
        "/cursus/": NL + "<h1>Cursus</h1><p>Acht lessen online: € 250.</p>",
    }
    s = site(pages)
    assert "Coaching" in [o.name for o in s.offers]


def test_a_list_of_the_owners_trainings_is_no_offer() -> None:
    """ "Training", "cursus", "opleiding" in a CV name the owner's path, not services for sale."""
    lines = [
        "2002 – Bachelor Bedrijfseconomie, Hogeschool Utrecht",
        "2009 – Training Leidinggeven",
        "2012 – Cursus Timemanagement",
        "2014 – Opleiding Loopbaancoach, Academie X",
        "2017 – Cursus Mindfulness",
    ]
    items = "".join(f"<li>{line}</li>" for line in lines)
    cv = NL + f"<h1>Achtergrond</h1><p>Hieronder mijn opleidingen.</p><ul>{items}</ul>"
    s = site({"/": NL + '<nav><a href="/pad/">Mijn pad</a></nav><h1>Loop je vast?</h1>',
              "/pad/": cv})  # fmt: skip
    assert roles(s)["/pad/"] != "offer"


def test_a_link_to_a_section_of_a_page_does_not_name_the_page() -> None:
    """'Client stories' pointing at /emdr#stories names a section, not the EMDR page."""
    s = site({"/": EN + '<nav><a href="/emdr#stories">Client stories</a></nav><h1>Heal</h1>',
              "/emdr": EN + "<h1>EMDR</h1><p>Eye movement therapy.</p>"})  # fmt: skip
    assert roles(s)["/emdr"] != "testimonials"


@pytest.mark.parametrize(
    ("url", "html", "reason"),
    [
        ("/", "<h1>Loop je vast?</h1>", RoleReason("homepage")),
        ("/over-mij/", "<h1>Pagina</h1>", RoleReason("slug", "over mij")),
        ("/p2/", "<h1>Over mij</h1>", RoleReason("h1", "Over mij")),
        (
            "/p2/",
            "<title>Tarieven | Praktijk</title><h1>Pagina</h1>",
            RoleReason("title", "Tarieven"),
        ),
        (
            "/coaching-voor-ondernemers/",
            "<h1>Pagina</h1>",
            RoleReason("slug", "coaching voor ondernemers", "coaching"),
        ),
        ("/p2/", "<h1>Pagina</h1>", RoleReason()),
    ],
)
def test_each_role_comes_with_its_reason(url: str, html: str, reason: RoleReason) -> None:
    s = site({"/": NL + "<h1>Loop je vast?</h1>", url: NL + html})
    assert next(p for p in s.pages if p.url == url).role_reason == reason


def test_the_label_of_a_link_is_a_reason_and_config_globs_win() -> None:
    pages = {
        "/": NL + '<nav><a href="/p2/">Tarieven</a></nav><h1>Hoi</h1>',
        "/p2/": NL + "<p>x</p>",
    }
    raws = [RawPage(url=url, content=html.encode()) for url, html in pages.items()]
    labelled = build_site("site", raws, [], PageReader(ParseContext(KNOWLEDGE)))
    assert labelled.pages[1].role_reason == RoleReason("label", "Tarieven")
    fixed = build_site("site", raws, [], PageReader(ParseContext(KNOWLEDGE)), {"/p*": "about"})
    assert (fixed.pages[1].role, fixed.pages[1].role_reason) == (
        "about",
        RoleReason("config", "/p*"),
    )
    assert RoleReason("config", "/p*").text == "config pages: '/p*'"
    assert (
        RoleReason("slug", "ons aanbod", "aanbod").text
        == "offer word 'aanbod' in URL slug 'ons aanbod'"
    )


def test_a_role_from_content_says_what_in_the_copy_gave_it() -> None:
    s = site({"/": NL + MENU + "<h1>Loop je vast?</h1>", "/praktijk/": NL + FEES})
    reason = next(p.role_reason for p in s.pages if p.url == "/praktijk/")
    assert reason.signal == "content"
    assert reason.text == "its copy: 4 of its 6 blocks of copy carry a price"


CV_THIRD = (
    "<h1>Behandelaar</h1><p>Drs. M. Jansen is gz-psycholoog en psychotherapeut, "
    "geregistreerd in het BIG-register.</p><ul><li>1998 Studie psychologie, Universiteit "
    "Utrecht</li><li>2003 Opleiding tot psychotherapeut</li><li>2010 Opleiding EMDR-"
    "practitioner</li><li>2012 Cursus schematherapie bij het RINO</li><li>2015 Nascholing "
    "traumabehandeling bij kinderen en jongeren</li><li>Lid van de vereniging VGCT</li>"
    "<li>AGB-code 94012345, KvK 12345678</li></ul>"
)


def test_a_cv_in_the_third_person_is_the_about_page_of_a_site_without_one() -> None:
    menu = '<nav><a href="/behandelaar/">Behandelaar</a></nav>'
    s = site({"/": NL + menu + "<h1>Loop je vast?</h1>", "/behandelaar/": NL + CV_THIRD})
    assert roles(s)["/behandelaar/"] == "about"
    with_about = site({
        "/": NL + menu + '<nav><a href="/over-mij/">Over mij</a></nav><h1>Loop je vast?</h1>',
        "/behandelaar/": NL + CV_THIRD,
        "/over-mij/": NL + "<h1>Over mij</h1><p>Ik help ouders die vastlopen.</p>",
    })  # fmt: skip
    assert roles(with_about)["/behandelaar/"] == "other"


def test_a_card_defers_only_to_an_offer_page_about_the_same_thing() -> None:
    """A card that links on to its own page is a teaser; one that links to another offer's
    page still describes its own offer."""
    aanbod = (
        NL + "<h1>Aanbod</h1><h2>Relatietherapie</h2><p>Voor stellen die vastzitten.</p>"
        '<p><a href="/supervisie/">Ook supervisie</a></p><h2>Individuele therapie</h2>'
        '<p>Voor wie alleen komt.</p><p><a href="/individuele-therapie/">Lees meer</a></p>'
    )
    pages = {
        "/": NL + '<nav><a href="/aanbod/">Aanbod</a></nav><h1>Loop je vast?</h1>',
        "/aanbod/": aanbod,
        "/supervisie/": NL + "<h1>Supervisie</h1><p>Voor hulpverleners: € 90.</p>",
        "/individuele-therapie/": NL + "<h1>Individuele therapie</h1><p>Zes sessies: € 600.</p>",
    }
    names = {(o.page.url, o.name) for o in site(pages).offers}
    assert ("/aanbod/", "Relatietherapie") in names
    assert ("/aanbod/", "Individuele therapie") not in names


def test_offer_cards_titled_in_styled_divs_are_separate_offers() -> None:
    """A builder's repeated cards (no h-tags) under a page heading: one offer per card."""
    card = (
        "<div class='pricing-card'><div class='card-title'>{name}</div><p>{text} Een traject "
        "met vaste afspraken en een plan dat bij je past.</p>{price}</div>"
    )
    cards = card.format(name="Coaching Basis", text="Vier sessies.", price="<p>€ 400</p>") + (
        card.format(name="Coaching Plus", text="Acht sessies.", price="<p>€ 750</p>")
    )
    pages = {
        "/": NL + '<nav><a href="/aanbod/">Aanbod</a></nav><h1>Loop je vast?</h1>',
        "/aanbod/": NL + f"<h1>Aanbod</h1><h2>Trajecten</h2><div class='cards'>{cards}</div>",
    }
    offers = {o.name: [p.text for p in o.prices] for o in site(pages).offers}
    assert offers == {"Coaching Basis": ["€ 400"], "Coaching Plus": ["€ 750"]}

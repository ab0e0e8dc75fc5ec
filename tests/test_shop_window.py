"""The shop window: each offer with its price as written (or where it is instead), its call
to action and where it leads, a client's words near it, clicks from the homepage, and the
prices other pages give it; in the JSON, text and HTML reports and in `auditor inspect`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, write_site
from helpers import run

from auditor.audit.engine import audit

HOME = """<html lang="nl"><head><title>Praktijk Licht</title></head><body>
<nav><a href="/over-mij/">Over mij</a><a href="/tarieven/">Tarieven</a></nav>
<main><h1>Loop je vast in je werk?</h1><p>Herken je dat je 's nachts wakker ligt van je werk?
Jij verdient rust.</p><a class="btn" href="https://calendly.com/licht/intake">Plan je intake</a>
</main></body></html>"""
ABOUT = """<html lang="nl"><head><title>Over mij</title></head><body><main><h1>Over mij</h1>
<p>Ik help vrouwen die vastlopen in hun werk weer rust te vinden.</p>
<p>Bekijk <a href="/aanbod/">mijn aanbod</a>.</p></main></body></html>"""
OFFERS = """<html lang="nl"><head><title>Aanbod</title></head><body><main><h1>Aanbod</h1>
<h2>Coachtraject Rust</h2><p>Zes sessies van 75 minuten waarin je leert je grenzen te
bewaken. Investering: € 950,-</p>
<a class="btn" href="https://calendly.com/licht/traject">Boek je traject</a>
<blockquote><p>Na drie sessies sliep ik weer door. Ik had dit veel eerder moeten doen!</p>
<p>– Anna</p></blockquote>
<h2>Wandelcoaching</h2><p>Een sessie van 90 minuten in het bos, waarin we lopend praten over
wat je bezighoudt. Prijs: € 120,-</p>
<p><a href="mailto:hallo@licht.nl">Mail me</a></p>
</main></body></html>"""
PRICES = """<html lang="nl"><head><title>Tarieven</title></head><body><main><h1>Tarieven</h1>
<h2>Coachtraject Rust</h2><p>Zes sessies: € 1.100,-</p>
<h2>Wandelcoaching</h2><p>Per sessie € 120,-</p></main></body></html>"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    pages = {"/": HOME, "/over-mij/": ABOUT, "/aanbod/": OFFERS, "/tarieven/": PRICES}
    return write_site(tmp_path / "site", pages)


def by_name(items: list[dict]) -> dict[str, dict]:
    return {item["name"]: item for item in items}


def test_each_offer_with_its_price_action_quote_and_clicks(site: Path) -> None:
    report = json.loads(run("check", site, "--format", "json").stdout)
    shop = by_name(report["shop_window"])
    assert set(shop) == {"Coachtraject Rust", "Wandelcoaching"}
    rust, walk = shop["Coachtraject Rust"], shop["Wandelcoaching"]
    assert rust["page"] == walk["page"] == "/aanbod/"
    assert (rust["price"], walk["price"]) == ("€ 950,-", "€ 120,-")
    assert (rust["action"], rust["leads_to"]) == ("Boek je traject", "booking")
    assert rust["leads_target"] == "https://calendly.com/licht/traject"
    assert (walk["action"], walk["leads_to"], walk["leads_target"]) == (
        "Mail me", "mail", "hallo@licht.nl"
    )  # fmt: skip
    assert rust["quote"].startswith("Na drie sessies sliep ik weer door")
    assert walk["quote"] is None
    assert rust["clicks"] == walk["clicks"] == 2  # home -> about -> offers
    # the pricing page asks another price for the programme; the walk costs the same there
    assert rust["other_prices"] == {"/tarieven/": "€ 1.100,-"}
    assert walk["other_prices"] == {}


def test_an_offer_no_link_leads_to_has_no_click_count(site: Path) -> None:
    (site / "over-mij" / "index.html").write_text(ABOUT.replace('href="/aanbod/"', ""), "utf-8")
    shop = by_name([vars(i) for i in audit(str(site)).shop_window])
    assert shop["Coachtraject Rust"]["clicks"] is None


def test_the_text_html_and_inspect_show_it(site: Path) -> None:
    text = run("check", site).stdout
    window = text.partition("shop window\n")[2].partition("\n\n")[0]
    assert "  Coachtraject Rust  (/aanbod/, 2 clicks from the homepage)" in window
    assert "price as written: € 950,-" in window
    assert "! another price on /tarieven/: € 1.100,-" in window
    assert "'Mail me' -> an e-mail (hallo@licht.nl)" in window
    html = run("check", site, "--format", "html").stdout
    shop = html.partition('class="sheet shop"')[2].partition("</section>")[0]
    assert shop.count('class="offer-row"') == 2
    assert "Een andere prijs op Tarieven: € 1.100,-" in shop  # the report's words, in Dutch
    assert "naar een boekingstool" in shop and "Na drie sessies" in shop
    inspected = run("inspect", site).stdout
    assert "shop window" in inspected and "! another price on /tarieven/" in inspected
    data = json.loads(run("inspect", site, "--format", "json").stdout)
    assert by_name(data["shop_window"])["Coachtraject Rust"]["price"] == "€ 950,-"


@pytest.mark.parametrize(
    ("name", "priced", "leads"),
    [
        ("nl-before", False, {"mail", "contact_form"}),
        ("nl-after", True, {"booking"}),
        ("en-after", True, {"booking", "checkout"}),
    ],
)
def test_the_example_sites(name: str, priced: bool, leads: set[str]) -> None:
    report = json.loads(run("check", EXAMPLES / name, "--format", "json").stdout)
    shop = report["shop_window"]
    assert len(shop) == 2 and {item["leads_to"] for item in shop} == leads
    for item in shop:
        assert item["clicks"] == 1 and item["other_prices"] == {}
        assert bool(item["price"]) == priced
        # the before sites price their offers only on the pricing page
        assert (item["price_on"] is not None) == (not priced)

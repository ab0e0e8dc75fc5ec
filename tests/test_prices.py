"""Tests for the price finder."""

import pytest

from auditor.site.prices import find_prices, parse_amount

TRAPS = [
    "verdien",
    "verdienen",
    "omzet",
    "bespaar",
    "korting van",
    "vergoed tot",
    "vergoeding tot",
    "earn",
    "earning",
    "revenue",
    "save",
    "months",
    "per maand verdienen",
]

PRICES = [
    ("€ 95,-", 95.0, "EUR"),
    ("€ 95,--", 95.0, "EUR"),
    ("€95", 95.0, "EUR"),
    ("€1.250,00", 1250.0, "EUR"),
    ("€ 1.250", 1250.0, "EUR"),
    ("€1.250,-", 1250.0, "EUR"),
    ("1.250 euro", 1250.0, "EUR"),
    ("95 euro", 95.0, "EUR"),
    ("95 €", 95.0, "EUR"),
    ("EUR 450", 450.0, "EUR"),
    ("EUR 1.250", 1250.0, "EUR"),
    ("1\u00a0250 €", 1250.0, "EUR"),
    ("1\u202f250\u00a0€", 1250.0, "EUR"),
    ("$1,500", 1500.0, "USD"),
    ("$1,500.00", 1500.0, "USD"),
    ("US$ 200", 200.0, "USD"),
    ("USD 1,500", 1500.0, "USD"),
    ("150 dollars", 150.0, "USD"),
    ("£95", 95.0, "GBP"),
    ("95 pounds", 95.0, "GBP"),
    ("95 pond", 95.0, "GBP"),
    ("GBP 1,250.50", 1250.5, "GBP"),
    ("95,- per sessie", 95.0, "EUR"),
    ("vanaf € 75", 75.0, "EUR"),
    ("from $150 per session", 150.0, "USD"),
    ("3x €197", 197.0, "EUR"),
    ("€ 85 per sessie", 85.0, "EUR"),
    ("(€ 120 incl. btw)", 120.0, "EUR"),
    ("€1250", 1250.0, "EUR"),
    ("€ 45,00", 45.0, "EUR"),
    ("€ 97,50", 97.5, "EUR"),
    ("$97.50", 97.5, "USD"),
    ("Prijs 2024 € 95", 95.0, "EUR"),
    ("Het traject kost €200", 200.0, "EUR"),
    ("Investering: €1.500. Verdien je het terug?", 1500.0, "EUR"),
]

NOT_PRICES = [
    "Bel 06-12345678",
    "Bel +31 6 1234 5678",
    "Call (555) 123-4567",
    "Actief van 2015-2020",
    "© 2024 Coaching",
    "Op 12-03-2024",
    "Om 9.30 uur",
    "Prijzen zijn incl. 21% btw",
    "24/7 bereikbaar",
    "1:1 coaching",
    "1-op-1 traject",
    "Gemiddeld cijfer 9,2",
    "Rated 4.9/5",
    "10 sessies",
    "KvK 12345678",
    "btw NL001234567B01",
    "BE 0123.456.789",
    "IBAN NL91 ABNA 0417 1643 00",
    "1234 AB Amsterdam",
    "Meer dan 250 klanten",
    "€10k per maand",
    "$10K months",
    "€10m",
    "€ 1,5 miljoen",
    "CA$200",
]

CLAIMS = [
    "Verdien €10.000 per maand met je praktijk",
    "Clients earn $5,000 more",
    "Bespaar €200 als je nu boekt",
    "Je zorgverzekeraar vergoed tot € 500 per jaar",
    "Krijg een korting van € 50",
    "Ze haalden €10.000 omzet",
    "Wil jij €5.000 per maand verdienen?",
    "She went to $20,000 in revenue",
]


@pytest.mark.parametrize(("text", "amount", "currency"), PRICES)
def test_finds_price(text: str, amount: float, currency: str) -> None:
    [price] = find_prices(text)
    assert (price.amount, price.currency) == (amount, currency)
    assert text[price.start : price.end] == price.text


@pytest.mark.parametrize("text", NOT_PRICES)
def test_ignores_non_price(text: str) -> None:
    assert find_prices(text) == []


@pytest.mark.parametrize("text", CLAIMS)
def test_ignores_income_claims_with_traps(text: str) -> None:
    assert find_prices(text, TRAPS) == []
    assert find_prices(text)  # without traps the amount is found


@pytest.mark.parametrize(
    "text",
    [
        "Het traject kost €200",
        "Het traject kost €200. Bespaar tijd en geld.",
        "Unsaved changes? Het kost €200",
        "Bespaar tijd. Het traject kost €200",
        "Het traject kost €200, bespaar €50 met een pakket",
    ],
)
def test_trap_only_near_the_amount(text: str) -> None:
    assert find_prices(text, TRAPS)[0].amount == 200.0


def test_several_prices_in_order() -> None:
    text = "Losse sessie € 95,- of 5 sessies voor € 425,-"
    prices = find_prices(text)
    assert [p.amount for p in prices] == [95.0, 425.0]
    for price in prices:
        assert text[price.start : price.end] == price.text
    assert prices[0].end <= prices[1].start


def test_offsets() -> None:
    text = "Tarief: vanaf € 75 per sessie of $1,500.00 per traject (95 pounds)."
    prices = find_prices(text)
    assert [p.text for p in prices] == ["€ 75", "$1,500.00", "95 pounds"]
    assert all(text[p.start : p.end] == p.text for p in prices)


def test_trap_skips_only_the_claim() -> None:
    text = "Mijn klanten verdienen €10.000 extra. Het traject kost € 1.495,-"
    assert [p.amount for p in find_prices(text, TRAPS)] == [1495.0]


def test_trap_phrase_is_case_insensitive_and_whole_words() -> None:
    assert find_prices("SAVE $200 today", ["save"]) == []
    assert find_prices("Savers pay $200", ["save"])


def test_trap_phrases_take_the_lexicon_wildcards() -> None:
    assert find_prices("Insurers reimbursed $500 last year", ["reimburse*"]) == []
    assert [p.amount for p in find_prices("Insurers reimbursed $500", ["reimburse"])] == [500.0]


@pytest.mark.parametrize(
    ("number", "amount"),
    [
        ("1.250,00", 1250.0),
        ("1,250.00", 1250.0),
        ("1.250", 1250.0),
        ("1,250", 1250.0),
        ("1\u00a0250", 1250.0),
        ("97.50", 97.5),
        ("97,50", 97.5),
        ("95,-", 95.0),
        ("95,–", 95.0),
        ("1.250.000", 1250000.0),
    ],
)
def test_parse_amount(number: str, amount: float) -> None:
    assert parse_amount(number) == amount

"""German is only data: rules/lexicons/de.yml gives detection, phrases and every rule's text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, META_RULES, write_site

from auditor.checks.loader import load_rules
from auditor.cli.main import main
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.sentences import reader_count

DE = load_knowledge().lexicons["de"]
RULES = {rule.id: rule for rule in load_rules()}


def check(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _template(text: str) -> re.Pattern[str]:
    """A rule text with its {placeholders} as wildcards."""
    parts = re.split(r"{\w+}", text)
    return re.compile("(?s)" + ".+?".join(re.escape(part) for part in parts))


def german(rule_id: str, field: str) -> list[str]:
    """The German texts of a rule field (every message variant), read from the lexicon."""
    value = DE.raw(f"rule_texts.{rule_id}.{field}")
    texts = list(value.values()) if isinstance(value, dict) else [value]
    assert texts and all(isinstance(t, str) and t.strip() for t in texts), (rule_id, field)
    return texts


def assert_german(finding: dict[str, Any]) -> None:
    rule = finding["rule"]
    for field in ("message", "fix"):
        assert any(_template(text).fullmatch(finding[field]) for text in german(rule, field)), (
            f"{rule}: {field} is not the lexicon's German text: {finding[field]!r}"
        )


def _keys(data: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in data.items():
        keys.add(prefix + key)
        if isinstance(value, dict):
            keys |= _keys(value, f"{prefix}{key}.")
    return keys


def test_the_german_lexicon_has_every_key_of_the_dutch_one() -> None:
    dutch = load_knowledge().lexicons["nl"].data
    assert DE.lang == "de" and DE.data["name"] == "Deutsch"
    assert _keys(dutch) - _keys(DE.data) == set()
    for key in _keys(dutch):
        if isinstance(DE.raw(key), list):
            assert DE.raw(key), f"de.yml: {key} is empty"


def test_the_rule_files_carry_no_german() -> None:
    # the German texts come from the lexicon alone: no rule file was touched for German
    for rule in RULES.values():
        assert "de" not in rule.title and "de" not in rule.fix and "de" not in rule.why
        assert all("de" not in texts for texts in rule.message.values()), rule.id


def test_de_before_is_german_and_its_findings_speak_german() -> None:
    report = check(str(EXAMPLES / "de-before"))
    assert report["pages"] and {page["lang"] for page in report["pages"]} == {"de"}
    assert {f["rule"] for f in report["findings"]} == set(RULES) - META_RULES
    for finding in report["findings"]:
        assert_german(finding)


def test_de_after_has_no_findings() -> None:
    report = check(str(EXAMPLES / "de-after"))
    assert {page["lang"] for page in report["pages"]} == {"de"}
    assert report["findings"] == []


def test_lang_de_reports_on_a_dutch_site_in_german() -> None:
    dutch = check(str(EXAMPLES / "nl-before"))
    report = check("--lang", "de", str(EXAMPLES / "nl-before"))
    assert {page["lang"] for page in report["pages"]} == {"nl"}  # its copy is read as Dutch
    where = [(f["rule"], f["page"], f["line"], f["excerpt"]) for f in report["findings"]]
    assert where == [(f["rule"], f["page"], f["line"], f["excerpt"]) for f in dutch["findings"]]
    for finding in report["findings"]:
        assert_german(finding)


def test_a_german_page_without_html_lang_is_detected_from_its_text(tmp_path: Path) -> None:
    home = (
        "<html><body><h1>Herzlich willkommen auf meiner Webseite!</h1>"
        "<p>Mein Name ist Lena und ich bin Coach in Freiburg. Auf dieser Seite erzähle ich dir"
        " ein bisschen über mich und über meine Arbeit mit dir.</p></body></html>"
    )
    report = check(str(write_site(tmp_path, {"/": home})))
    assert [page["lang"] for page in report["pages"]] == ["de"]
    [welcome] = [f for f in report["findings"] if f["rule"] == "homepage-autobiographical-welcome"]
    assert welcome["message"].startswith("Die Startseite beginnt mit einem allgemeinen Willkommen")
    assert_german(welcome)


@pytest.mark.parametrize(
    ("text", "you", "i"),
    [
        ("Ich begleite dich auf deinem Weg, damit du deine Stärken kennst.", 4, 1),
        ("Ich begleite Sie auf Ihrem Weg und helfe Ihnen, Ihre Stärken zu finden.", 4, 1),
        ("Mein Mann und ich wohnen mit unseren Kindern in Freiburg.", 0, 2),
        # "sie" (she, they) is not the reader; the formal "Sie" is told by its capital, and at
        # the start of a sentence by the verb in the plural after it
        ("Sie hat zwei Kinder und sie wohnt mit ihrem Mann in Köln.", 0, 0),
        ("Sie suchen einen Weg aus der Erschöpfung?", 1, 0),
    ],
)
def test_you_and_i_count_du_and_sie(text: str, you: int, i: int) -> None:
    assert (reader_count(text, DE), DE["i"].count(text)) == (you, i)


def _de(body: str) -> str:
    return f'<html lang="de"><body>{body}</body></html>'


def home(body: str) -> dict[str, str]:
    return {"/": _de(body)}


def linked(path: str, label: str, body: str) -> dict[str, str]:
    """A homepage whose menu links to `path`, and the page at `path`."""
    nav = f'<nav><a href="{path}">{label}</a></nav><h1>Du steckst im Job fest?</h1>'
    return {"/": _de(nav), path: _de(body)}


HERO = "<h1>Du steckst im Job fest?</h1><p>Gemeinsam finden wir deinen Weg.</p>"
BOOK = (
    '<p><a class="wp-block-button__link" href="https://calendly.com/x">Erstgespräch buchen</a></p>'
)
ABOUT_ME = (
    "<p>Ich begleite Frauen, die beruflich neu anfangen wollen. Zwanzig Jahre habe ich selbst in"
    " einem Job gearbeitet, der nicht zu mir passte, und ich weiß, wie viel Mut der erste Schritt"
    " kostet. Wenn du mit mir arbeitest, bekommst du einen klaren Plan und jemanden, der dich"
    " ermutigt.</p><ul><li>Systemische Coachin (DVCT)</li></ul>"
)
TRAININGS = (
    "<p>Meine Ausbildungen:</p><ul><li>2015 Ausbildung zur systemischen Beraterin</li>"
    "<li>2017 NLP-Practitioner</li><li>2019 Weiterbildung Achtsamkeit</li>"
    "<li>2020 Zertifikat Resilienztrainerin</li><li>Mitglied im DVCT</li></ul>"
)
ABOUT_OWNER = (
    "<h1>Meine Praxis</h1><p>Ich bin Anna. Ich bin seit 2010 Coach und ich liebe meine Arbeit."
    " Meine Praxis ist in Leipzig. Ich habe viele Ausbildungen gemacht und ich lerne immer weiter."
    " Ich freue mich auf dich.</p>"
)
FORMAL = (
    "<h1>Stehen Sie vor einer beruflichen Entscheidung?</h1><p>Ich begleite Sie dabei. Ich höre"
    " zu, ich frage nach und ich zeige Ihnen, was ich sehe. Ich bin seit 2010 Coach und ich weiß:"
    " Sie haben die Antworten oft schon. Mein Ziel ist, dass Sie sie finden und dass Sie mit einem"
    " Plan nach Hause gehen, der Ihnen entspricht.</p>"
)
QUOTES = (
    "<h1>Ruhe im Kopf</h1><blockquote><p>Frau Berger hat mir sehr geholfen. Ich schlafe wieder"
    " und fühle mich endlich ruhiger.</p></blockquote><blockquote><p>Sie hat mir zugehört, und ich"
    " habe mich zum ersten Mal wirklich verstanden gefühlt.</p></blockquote>"
)
FORM = '<form><input type="email" name="email"><button>Anmelden</button></form>'
PRIVACY = '<p>Mehr in meiner <a href="/datenschutzerklaerung/">Datenschutzerklärung</a>.</p>'
PACKAGE = "<h1>Coaching-Paket</h1><p>Fünf Sitzungen für 690 €.</p>"

# German copy that breaks each rule (with the message variant it should get) and copy that passes
CASES: list[tuple[str, str, dict[str, str], str | None]] = [
    (
        "homepage-autobiographical-welcome",
        "fail",
        home("<h1>Schön, dass du da bist!</h1><p>Mein Name ist Anna und ich bin Coach.</p>"),
        "welcome",
    ),
    (
        "homepage-autobiographical-welcome",
        "fail",
        home("<h1>Hallo, ich bin Anna!</h1><p>Ich bin Coach in Leipzig.</p>"),
        "self_intro",
    ),
    ("homepage-autobiographical-welcome", "pass", home(HERO), None),
    ("homepage-letter-signoff", "fail", home(HERO + "<p>Alles Liebe, deine Anna</p>"), None),
    (
        "homepage-letter-signoff",
        "fail",
        home(HERO + "<p>Mit freundlichen Grüßen</p><p>Anna Schmidt</p>"),
        None,
    ),
    ("homepage-letter-signoff", "pass", home(HERO + BOOK), None),
    (
        "homepage-ideal-client",
        "fail",
        home(
            "<h1>Coaching in Freiburg</h1><p>Einzelcoaching und Workshops, vor Ort oder online.</p>"
        ),
        None,
    ),
    (
        "homepage-ideal-client",
        "pass",
        home(
            "<h1>Für Frauen, die neu anfangen wollen</h1><p>Kennst du das? Du bist erschöpft.</p>"
        ),
        None,
    ),
    ("homepage-self-focus", "fail", home(ABOUT_OWNER), None),
    ("homepage-self-focus", "pass", home(FORMAL), None),
    (
        "homepage-hero-cta",
        "fail",
        home(HERO + '<p><a class="btn" href="/ueber-mich/">Mehr erfahren</a></p>'),
        "weak",
    ),
    (
        "homepage-hero-cta",
        "pass",
        home(HERO + '<p><a class="btn" href="/kontakt/">Termin vereinbaren</a></p>'),
        None,
    ),
    (
        "unexplained-jargon",
        "fail",
        home(
            "<h1>Ruhe im Kopf</h1><p>Ich arbeite mit EMDR und systemischer Aufstellungsarbeit.</p>"
        ),
        None,
    ),
    (
        "unexplained-jargon",
        "pass",
        home(
            "<h1>Ruhe im Kopf</h1><p>Ich nutze EMDR (eine Methode, die Erinnerungen lindert).</p>"
        ),
        None,
    ),
    ("social-proof", "fail", home(HERO), None),
    (
        "social-proof",
        "pass",
        home(
            HERO + "<h2>Das sagen meine Klientinnen</h2><p>Nach drei Monaten hatte ich wieder"
            " Freude an meiner Arbeit. Danke!</p>"
        ),
        None,
    ),
    ("social-proof", "pass", home(QUOTES), None),
    (
        "signup-form-privacy-link",
        "fail",
        home(
            HERO
            + FORM
            + "<p>Ich bin Coach.</p><p>Ich wohne in Leipzig.</p><p>Ich bin gern draußen.</p>"
        ),
        "no_link",
    ),
    ("signup-form-privacy-link", "pass", home(HERO + FORM + PRIVACY), None),
    (
        "offer-has-buy-button",
        "fail",
        linked(
            "/angebot/", "Angebot", PACKAGE + '<p><a href="mailto:a@example.de">Schreib mir</a></p>'
        ),
        "contact_only",
    ),
    (
        "offer-has-buy-button",
        "pass",
        linked(
            "/angebot/", "Angebot", PACKAGE + '<p><a class="btn" href="/b/">Jetzt buchen</a></p>'
        ),
        None,
    ),
    (
        "price-next-to-offer",
        "fail",
        linked(
            "/angebot/", "Angebot", "<h1>Einzelcoaching</h1><p>90 Minuten. Preis auf Anfrage.</p>"
        ),
        "on_request",
    ),
    (
        "price-next-to-offer",
        "pass",
        linked(
            "/angebot/",
            "Angebot",
            "<h1>Einzelcoaching</h1><p>90 Minuten, ab 120 € pro Sitzung.</p>",
        ),
        None,
    ),
    (
        "about-page-credentials-list",
        "fail",
        linked("/ueber-mich/", "Über mich", "<h1>Über mich</h1>" + TRAININGS),
        "default",
    ),
    (
        "about-page-credentials-list",
        "pass",
        linked("/ueber-mich/", "Über mich", "<h1>Über mich</h1>" + ABOUT_ME + BOOK),
        None,
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "kind", "pages", "variant"),
    CASES,
    ids=[f"{rule}/{kind}/{n}" for n, (rule, kind, _, _) in enumerate(CASES)],
)
def test_german_copy_breaks_or_passes_each_rule(
    rule_id: str, kind: str, pages: dict[str, str], variant: str | None, tmp_path: Path
) -> None:
    report = check(str(write_site(tmp_path, pages)))
    assert {page["lang"] for page in report["pages"]} == {"de"}
    findings = [f for f in report["findings"] if f["rule"] == rule_id]
    if kind == "pass":
        assert findings == [], [f["message"] for f in findings]
        return
    assert findings, f"{rule_id} found nothing"
    for finding in findings:
        assert_german(finding)
    if variant:
        template = _template(DE.raw(f"rule_texts.{rule_id}.message")[variant])
        assert any(template.fullmatch(f["message"]) for f in findings), variant


def test_every_rule_has_german_cases() -> None:
    assert {rule for rule, kind, _, _ in CASES if kind == "fail"} == set(RULES) - META_RULES
    assert {rule for rule, kind, _, _ in CASES if kind == "pass"} == set(RULES) - META_RULES

"""Coverage: every rule passed, failed, not checked (with the reason) or off, in every report;
JavaScript shells are never passed or failed on their copy."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import EXAMPLES, write_site
from helpers import make_repo, run, run_json, write_rule
from http_server import Route, SiteServer
from test_json_schema import assert_valid

from auditor.audit.engine import AuditOptions, audit
from auditor.audit.report import Report, RuleStatus
from auditor.audit.report_reader import load_reports
from auditor.checks.kinds import KINDS
from auditor.checks.rule import CheckKind, Reason
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.parse import parse_page
from auditor.reporters import FORMATS
from auditor.sources.raw import RawPage

PARSING = ParseContext(load_knowledge())

HOME_RULES = (
    "homepage-autobiographical-welcome", "homepage-hero-cta", "homepage-ideal-client",
    "homepage-letter-signoff", "homepage-self-focus", "unexplained-jargon",
)  # fmt: skip
# a homepage whose copy is written to pass every homepage rule, with a priced, bookable offer
HOME = (
    '<html lang="nl"><body><h1>Loop je vast in je werk?</h1>'
    "<p>Herken je dat je 's nachts wakker ligt? Voor ondernemers die weer rust willen.</p>"
    '<a class="btn" href="https://calendly.com/x">Plan je kennismakingsgesprek</a>'
    "<h2>Coachtraject Vrij</h2><p>Zes sessies voor € 1.250,-.</p>"
    '<a class="btn" href="https://calendly.com/x">Boek je traject</a>'
    "</body></html>"
)
# what a React app without server rendering sends: no copy, a mount point, scripts
REACT_SHELL = (
    '<!doctype html><html lang="nl"><head><title>Praktijk Vrij</title>'
    '<script defer src="/static/js/main.4f2a.js"></script></head>'
    "<body><noscript>You need to enable JavaScript to run this app.</noscript>"
    '<div id="root"></div></body></html>'
)


def statuses(report: Report) -> dict[str, RuleStatus]:
    return {s.id: s for s in report.rules}


def audit_pages(tmp_path: Path, pages: dict[str, str | bytes]) -> Report:
    return audit(str(write_site(tmp_path / "site", pages)))


def shell_marker(html: str) -> str | None:
    return parse_page(RawPage("/", html.encode()), PARSING).js_shell


@pytest.mark.parametrize(
    ("html", "marker"),
    [
        (REACT_SHELL, "/static/js/main."),  # the bundle comes first
        ('<body><app-root ng-version="17.0.1"></app-root><script src="main.js"></script></body>',
         "ng-version"),
        ('<body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">'
         '{"props": {}}</script></body>', "id=__next"),
        ('<body><div class="site">Laden...</div>'
         '<script src="https://static.parastorage.com/x/thunderbolt.js"></script></body>',
         "static.parastorage.com"),
    ],
)  # fmt: skip
def test_a_javascript_shell_is_known_by_its_marker(html: str, marker: str) -> None:
    assert shell_marker(html) == marker


@pytest.mark.parametrize(
    "html",
    [
        # a server-rendered app: the copy is in the HTML, whatever its root is called
        '<body><div id="__next"><h1>Loop je vast in je werk?</h1><p>'
        + "Herken je dat je 's nachts wakker ligt en niet weet wat je wilt? " * 3
        + '</p></div><script src="/_next/static/chunks/main.js"></script></body>',
        # a short static page: little copy, but no framework and no scripts
        "<body><h1>Praktijk Vrij</h1><p>Coaching in Utrecht.</p></body>",
        # a framework root with a short page but few scripts: not mostly scripts
        '<body><div id="app"><h1>Praktijk Vrij</h1><p>Coaching</p><p>Utrecht</p></div>'
        '<script src="app.js"></script></body>',
    ],
)
def test_a_page_whose_copy_is_in_its_html_is_no_shell(html: str) -> None:
    assert shell_marker(html) is None


def test_a_shell_homepage_is_not_checked_and_has_no_findings(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": REACT_SHELL})
    by_id = statuses(report)
    assert [f.rule for f in report.findings] == []
    for rule in (*HOME_RULES, "social-proof"):
        assert by_id[rule].status == "not_checked", rule
    assert by_id["homepage-hero-cta"].reason == "js_shell"
    assert by_id["homepage-hero-cta"].page == "/"
    assert "JavaScript" in str(by_id["homepage-hero-cta"].message)
    # the shell says nothing about offers or sign-up forms either: they may be in its scripts
    assert by_id["price-next-to-offer"].reason == "js_shell"
    assert by_id["signup-form-privacy-link"].reason == "js_shell"


def test_a_hit_on_a_shell_is_never_a_finding(tmp_path: Path) -> None:
    """Before, the shell homepage failed social proof ("no testimonial") on copy it never had."""
    report = audit_pages(tmp_path, {"/": REACT_SHELL})
    assert statuses(report)["social-proof"].reason == "js_shell"
    assert not [f for f in report.findings if f.page == "/"]


def test_a_site_without_an_about_page(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": HOME})
    about = statuses(report)["about-page-credentials-list"]
    assert (about.status, about.reason, about.findings) == ("not_checked", "no_about_page", 0)
    assert about.message and "pages:" in about.message and "Geen over-mij-pagina" in about.message


def test_offer_rules_pass_and_fail_on_the_offers_they_judge(tmp_path: Path) -> None:
    passing = statuses(audit_pages(tmp_path / "a", {"/": HOME}))
    assert passing["price-next-to-offer"].status == "passed"
    assert passing["offer-has-buy-button"].status == "passed"
    unpriced = HOME.replace("voor € 1.250,-", "").replace("https://calendly.com/x", "mailto:a@b.nl")
    failing = statuses(audit_pages(tmp_path / "b", {"/": unpriced}))
    assert failing["price-next-to-offer"].status == "failed"
    assert failing["price-next-to-offer"].findings == 1
    assert failing["offer-has-buy-button"].status == "failed"


def test_no_offer_on_a_site_that_sells_names_the_config(tmp_path: Path) -> None:
    pricing = '<html lang="nl"><body><h1>Tarieven</h1><p>Een sessie kost € 95,-.</p></body></html>'
    home = '<html lang="nl"><body><h1>Rust in je hoofd</h1><p>Ik help je verder.</p></body></html>'
    report = audit_pages(tmp_path, {"/": home, "/tarieven/": pricing})
    price = statuses(report)["price-next-to-offer"]
    assert (price.status, price.reason) == ("not_checked", "no_offer")
    assert "`pages:`" in str(price.message) and ".auditor.yml" in str(price.message)
    plain = audit_pages(tmp_path / "b", {"/": home})
    assert statuses(plain)["offer-has-buy-button"].reason == "sells_nothing"


def test_no_email_form_is_nothing_to_check_not_a_pass(
    tmp_path: Path, example_report: Callable[[str], Report]
) -> None:
    form = statuses(audit_pages(tmp_path, {"/": HOME}))["signup-form-privacy-link"]
    assert (form.status, form.reason) == ("not_checked", "no_email_form")
    after = statuses(example_report("nl-after"))
    assert after["signup-form-privacy-link"].status == "passed"


def test_an_unreadable_homepage_is_not_checked_with_the_reason(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": b"\x00\x01binary", "/over-mij/": HOME})
    welcome = statuses(report)["homepage-autobiographical-welcome"]
    assert (welcome.status, welcome.reason, welcome.page) == ("not_checked", "unreadable", "/")


def test_an_about_page_that_could_not_be_read(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": HOME, "/over-mij/": b"\x00\x01binary"})
    about = statuses(report)["about-page-credentials-list"]
    assert (about.status, about.reason, about.page) == ("not_checked", "unreadable", "/over-mij/")


def test_a_crawled_shell_and_a_page_that_answered_500() -> None:
    menu = '<nav><a href="/about/">About</a></nav>'
    routes = {
        "/": Route(body=REACT_SHELL.replace("<body>", f"<body>{menu}").encode()),
        "/about/": Route(status=500),
    }
    with SiteServer(routes=routes) as server:
        report = audit(server.url + "/")
    by_id = statuses(report)
    assert (by_id["homepage-ideal-client"].reason, by_id["homepage-ideal-client"].page) == (
        "js_shell", server.url + "/"
    )  # fmt: skip
    about = by_id["about-page-credentials-list"]
    assert (about.reason, about.page) == ("unreadable", server.url + "/about/")
    assert report.findings == []


def test_a_check_that_fails_is_not_checked(tmp_path: Path) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("odd input")

    kinds = {**KINDS, "self_focus": CheckKind("self_focus", broken)}
    report = audit(str(write_site(tmp_path / "site", {"/": HOME})), AuditOptions(kinds=kinds))
    assert statuses(report)["homepage-self-focus"].reason == "rule_error"
    assert any("homepage-self-focus failed" in e.message for e in report.errors)


def test_rules_turned_off_and_custom_rules(tmp_path: Path) -> None:
    site = write_site(make_repo(tmp_path / "repo") / "site", {"/": HOME})
    write_rule(tmp_path / "repo" / "own", "no-cheap", "phrase_absent", {"phrases": ["goedkoop"]})
    write_rule(tmp_path / "repo" / "own", "about-you", "phrase_present",
               {"roles": ["about"], "phrases": ["jij"]})  # fmt: skip
    write_rule(tmp_path / "repo" / "own", "say-rest", "phrase_present",
               {"roles": ["home"], "phrases": ["stilte"]})  # fmt: skip
    (tmp_path / "repo" / ".auditor.yml").write_text(
        "rules_paths: [own]\nrules:\n  homepage-self-focus: off\n", encoding="utf-8"
    )
    _, report = run_json(site)
    assert_valid(report)
    by_id = {s["id"]: s for s in report["rules"]}
    assert by_id["homepage-self-focus"] == {
        "id": "homepage-self-focus", "status": "off", "reason": None, "message": None,
        "page": None, "findings": 0,
    }  # fmt: skip
    assert by_id["no-cheap"]["status"] == "passed"
    assert by_id["say-rest"]["status"] == "failed" and by_id["say-rest"]["findings"] == 1
    assert (by_id["about-you"]["status"], by_id["about-you"]["reason"]) == (
        "not_checked", "no_pages"
    )  # fmt: skip
    assert "about" in by_id["about-you"]["message"]


@pytest.mark.parametrize("name", ["nl-before", "en-after"])
def test_json_statuses_agree_with_the_findings(
    name: str, example_report: Callable[[str], Report]
) -> None:
    report = json.loads(FORMATS["json"]([example_report(name)], False))
    assert_valid(report)
    counts: dict[str, int] = {}
    for finding in report["findings"]:
        if finding.get("suppression") is None:
            counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    for status in report["rules"]:
        assert status["findings"] == counts.get(status["id"], 0)
        assert (status["status"] == "failed") == (status["id"] in counts)
        assert (status["reason"] is None) == (status["status"] != "not_checked")


def test_the_schema_rejects_a_status_that_contradicts_itself(
    example_report: Callable[[str], Report],
) -> None:
    report = json.loads(FORMATS["json"]([example_report("en-after")], False))
    report["rules"][0].update(status="not_checked", reason=None)
    with pytest.raises(AssertionError):
        assert_valid(report)
    report["rules"][0].update(status="failed", reason=None, findings=0)
    with pytest.raises(AssertionError):
        assert_valid(report)


def test_text_report_lists_what_was_not_checked_and_never_says_it_passed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": REACT_SHELL})
    result = run("check", site)
    assert result.exit_code == 0
    text = result.stdout
    assert "not checked" in text.splitlines() and "  homepage-hero-cta" in text.splitlines()
    assert "/ toont de tekst alleen met JavaScript" in text
    assert "passed" not in text and "✓" not in text
    assert "no problems found in what could be checked" in text.splitlines()[-1]


def test_text_report_of_a_site_checked_in_full_has_no_such_section() -> None:
    text = run("check", EXAMPLES / "nl-before").stdout
    assert "not checked" not in text


def test_html_shows_not_checked_apart_and_never_as_in_order(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": HOME})
    html = FORMATS["html"]([report], False)
    works = html.partition('class="sheet works"')[2].partition("</section>")[0]
    unchecked = html.partition('class="sheet not-checked"')[2].partition("</section>")[0]
    assert 'data-rule="about-page-credentials-list" data-verdict="not_checked"' in unchecked
    assert "Geen over-mij-pagina gevonden" in unchecked
    assert "about-page-credentials-list" not in works
    assert 'data-rule="price-next-to-offer" data-verdict="passed"' in works
    assert "unused-suppression" not in works  # about directives, not the copy
    assert "Wat we niet konden controleren" in html


def test_html_of_a_report_without_statuses_claims_no_pass(
    example_report: Callable[[str], Report],
) -> None:
    """An older JSON report read back (auditor diff) does not say what was checked."""
    old = example_report("en-after")
    old.rules = []
    html = FORMATS["html"]([old], False)
    assert 'data-verdict="passed"' not in html


def test_junit_skips_a_rule_that_was_not_checked(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": HOME})
    suites = ET.fromstring(FORMATS["junit"]([report], False))
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    skipped = cases["about-page-credentials-list"].find("skipped")
    assert skipped is not None and skipped.get("message", "").startswith("not checked: Geen")
    assert cases["price-next-to-offer"].find("skipped") is None  # checked, and passed


def test_html_cards_of_your_own_rules_keep_their_severity(tmp_path: Path) -> None:
    site = write_site(make_repo(tmp_path / "repo") / "site", {"/": HOME})
    write_rule(tmp_path / "repo" / "own", "say-rest", "phrase_present",
               {"roles": ["home"], "phrases": ["stilte"]}, severity="error")  # fmt: skip
    write_rule(tmp_path / "repo" / "own", "no-cheap", "phrase_absent", {"phrases": ["goedkoop"]})
    (tmp_path / "repo" / ".auditor.yml").write_text("rules_paths: [own]\n", encoding="utf-8")
    html = run("check", site, "--format", "html").stdout
    card = html.partition('data-rule="say-rest" data-verdict="failed"')
    assert card[1] and "sev-error" in card[0].rpartition("<article")[2]
    works = html.partition('class="sheet works"')[2].partition("</section>")[0]
    assert 'data-rule="no-cheap" data-verdict="passed"' in works


def test_a_rule_of_your_own_without_phrases_for_the_sites_language(tmp_path: Path) -> None:
    site = write_site(make_repo(tmp_path / "repo") / "site", {"/": HOME})
    write_rule(tmp_path / "repo" / "own", "no-cheap", "phrase_absent",
               {"phrases": {"de": ["billig"]}})  # fmt: skip
    (tmp_path / "repo" / ".auditor.yml").write_text("rules_paths: [own]\n", encoding="utf-8")
    _, report = run_json(site)
    status = next(s for s in report["rules"] if s["id"] == "no-cheap")
    assert (status["status"], status["reason"]) == ("not_checked", "no_phrases")
    assert status["message"] == "Deze regel heeft geen woorden voor de taal van zijn pagina's (nl)."


@pytest.mark.parametrize("lang", sorted(load_knowledge().lexicons))
def test_every_reason_has_a_text_in_every_language(lang: str) -> None:
    for reason in get_args(Reason):
        text = load_knowledge().lexicons[lang].raw(f"not_checked.{reason}")
        assert isinstance(text, str) and text.strip(), (lang, reason)


def test_statuses_read_back_from_a_json_report(tmp_path: Path) -> None:
    report = audit_pages(tmp_path, {"/": HOME})
    file = tmp_path / "report.json"
    file.write_text(FORMATS["json"]([report], False), encoding="utf-8")
    [again] = load_reports(file)
    assert again.rules == report.rules

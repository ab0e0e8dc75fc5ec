"""`auditor inspect`: the site model as the rules see it, in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import CORPUS, EXAMPLE_SITES, EXAMPLES, write_site
from http_server import Route, SiteServer

from auditor.cli.main import main

NL_BEFORE = str(EXAMPLES / "nl-before")
NL_AFTER = str(EXAMPLES / "nl-after")
CORPUS_SITES = sorted(p.parent.name for p in CORPUS.glob("*/labels.yaml"))
SIGNALS = {"homepage", "config", "slug", "label", "h1", "title", "none"}
LEADS = {"message", "form", "booking", "payment", "checkout", "events", "page", "this_page",
         "not_read", "external", "no_link"}  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["inspect", *args])


def inspected(target: str, *args: str) -> dict[str, Any]:
    result = run(target, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def keys(value: object) -> set[str]:
    """Every key of every object in a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in keys(item)}
    return set()


def test_the_about_page_shows_its_role_and_why() -> None:
    result = run(NL_BEFORE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "over-mij/index.html  /over-mij/  about  (URL slug 'over mij')" in lines
    assert "index.html  /  home  (the homepage)" in lines
    header = lines.index("over-mij/index.html  /over-mij/  about  (URL slug 'over mij')")
    assert lines[header + 2 : header + 5] == [
        "  sections:",
        "    h1 Over mij  [blocks 0-18, line 76]",
        "      h2 Opleidingen en certificaten  [blocks 2-18, line 103]",
    ]


def test_offers_without_price_or_buy_button_show_what_they_have() -> None:
    text = run(NL_BEFORE).stdout
    data = inspected(NL_BEFORE)
    assert data["offers"], "the example's offer page has two offers"
    for offer in data["offers"]:
        assert offer["prices"] == [] and not offer["price_on_request"]
        assert all(a["judged"] != "buy" for a in offer["actions"])
        assert f"  offer: '{offer['name']}' " in text
    assert text.count("    price: no price") == len(data["offers"])
    kinds = {a["leads_to"]["kind"] for o in data["offers"] for a in o["actions"]}
    assert {"message", "page"} <= kinds  # "Mail me" and "Neem contact op"
    assert "(contact only, no buy action) -> /contact/, the contact page" in text


def test_offers_with_price_and_booking_button() -> None:
    data = inspected(NL_AFTER)
    pages = {p["url"]: p for p in data["pages"]}
    text = run(NL_AFTER).stdout
    for offer in data["offers"]:
        assert offer["prices"], offer["name"]
        assert any(
            a["judged"] == "buy" and a["leads_to"]["kind"] == "booking" for a in offer["actions"]
        )
        assert pages[offer["page"]]["role"] in ("offer", "home")
        written = ", ".join(p["text"] for p in offer["prices"])
        assert f"    price: {written}" in text
    assert "(buy action) -> https://calendly.com/" in text


@pytest.mark.parametrize("name", EXAMPLE_SITES)
def test_json_shape_and_the_roles_the_rules_see(name: str) -> None:
    target = str(EXAMPLES / name)
    data = inspected(target)
    assert data["inspect_version"] == "1"
    assert set(data) == {
        "inspect_version", "tool", "target", "pages", "offers", "shop_window", "errors"
    }  # fmt: skip
    check = json.loads(CliRunner().invoke(main, ["check", target, "--format", "json"]).stdout)
    assert {p["url"]: p["role"] for p in data["pages"]} == {
        p["url"]: p["role"] for p in check["pages"]
    }
    for page in data["pages"]:
        assert page["role_reason"]["signal"] in SIGNALS
        assert page["role_reason"]["text"]
        for s in page["sections"]:
            assert s["first_block"] <= s["last_block"] < page["blocks"]
    urls = {p["url"] for p in data["pages"]}
    for offer in data["offers"]:
        assert offer["page"] in urls
        assert {a["leads_to"]["kind"] for a in offer["actions"]} <= LEADS
    forms = [f for p in data["pages"] for f in p["forms"] if f["email_field"]]
    assert forms  # every example site asks for an e-mail address somewhere
    if name.endswith("-after"):
        assert all(f["privacy_link"] for f in forms)


def test_help_documents_every_json_key() -> None:
    help_text = CliRunner().invoke(main, ["inspect", "--help"]).stdout
    for key in keys(inspected(NL_AFTER)) - {"name", "version"}:  # "tool": {...}
        assert f'"{key}"' in help_text, key
    readme = (EXAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "auditor inspect" in readme and '"inspect_version": "1"' in readme


def test_the_readme_example_is_what_inspect_prints() -> None:
    readme = (EXAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ auditor inspect examples/sites/nl-before\n", 1)[1].split("```")[0]
    printed = run(NL_BEFORE).stdout.splitlines()
    shown = [line for line in example.splitlines() if line != "..."]
    assert shown and all(line in printed for line in shown)


def test_testimonials_and_review_widget() -> None:
    data = inspected(str(EXAMPLES / "en-after"))
    home = next(p for p in data["pages"] if p["role"] == "home")
    assert home["testimonials"]["quoted_blocks"] and home["testimonials"]["headings"]
    assert "  testimonials: heading 'What clients say'" in run(str(EXAMPLES / "en-after")).stdout


def test_a_target_that_cannot_be_read_is_one_line_and_exit_3(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing"))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("auditor: ") and "missing" in result.stderr


@pytest.mark.parametrize("args", [("--format", "xml", NL_BEFORE), ()])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert run(*args).exit_code == 2


def test_config_pages_and_lang_are_read(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {"/": "<html lang='nl'><h1>Hoi</h1></html>", "/p2/": "<html><h1>Marieke</h1></html>"},
    )
    config = tmp_path / "auditor.yml"
    config.write_text("pages:\n  /p2/: about\ncontent_lang: {/p2/: en}\n", encoding="utf-8")
    data = inspected(str(site), "--config", str(config))
    page = next(p for p in data["pages"] if p["url"] == "/p2/")
    assert page["role"] == "about"
    assert page["role_reason"] == {
        "signal": "config",
        "value": "/p2/",
        "word": "",
        "text": "config pages: '/p2/'",
    }
    assert {p["url"]: p["lang"] for p in data["pages"]} == {"/": "nl", "/p2/": "en"}
    # --lang is the language of a report: the copy is read as before
    assert inspected(str(site), "--config", str(config), "--lang", "de")["pages"] == data["pages"]


def test_a_crawl_reads_max_pages_and_lists_the_pages_not_read() -> None:
    home = (EXAMPLES / "nl-before" / "index.html").read_bytes()
    home = home.replace(b"</body>", b'<a href="/kapot/">Tarieven</a></body>')
    routes = {"/": Route(body=home), "/kapot/": Route(404)}
    with SiteServer(root=EXAMPLES / "nl-before", routes=routes) as server:
        data = inspected(server.url + "/", "--ignore-robots")
        text = run(server.url + "/").stdout
        two = inspected(server.url + "/", "--max-pages", "2")
    assert (data["pages"][0]["url"], data["pages"][0]["role"]) == (server.url + "/", "home")
    assert {p["role"] for p in data["pages"]} >= {"about", "offer", "pricing", "contact"}
    assert [e["page"] for e in data["errors"]] == [server.url + "/kapot/"]
    assert "not read:" in text and "/kapot/: HTTP 404" in text
    assert len(two["pages"]) == 2


def test_page_text_cannot_reach_the_terminal_as_escapes(tmp_path: Path) -> None:
    site = write_site(
        tmp_path, {"/": "<html><h1>Hoi \x1b[31mrood\x1b[0m</h1><p>x\u202e</p></html>"}
    )
    result = run(str(site))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    json.loads(run(str(site), "--format", "json").stdout)


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    result = run(NL_BEFORE, "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["inspect_version"] == "1"


@pytest.mark.parametrize(
    "name",
    CORPUS_SITES or [pytest.param("", marks=pytest.mark.skip(reason=f"no corpus at {CORPUS}"))],
)
def test_every_corpus_site_can_be_inspected(name: str) -> None:
    target = str(CORPUS / name)
    data = inspected(target)
    assert data["pages"] and any(p["role"] == "home" for p in data["pages"])
    text = run(target)
    assert text.exit_code == 0 and text.stdout.startswith(target)


def test_inspect_shows_where_an_action_leads_and_bookings_elsewhere_on_the_page(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path / "site", {
        "/": '<html lang="nl"><body><nav><a href="/aanbod/">Aanbod</a></nav>'
             "<h1>Loop je vast?</h1></body></html>",
        "/aanbod/": '<html lang="nl"><body><h1>Aanbod</h1><p>Zes sessies coaching: € 600.</p>'
                    '<p><a class="btn" href="/contact/">Boek nu</a></p></body></html>',
        "/contact/": '<html lang="nl"><body><h1>Contact</h1><p>Mail naar '
                     '<a href="mailto:info@example.nl">info@example.nl</a>.</p></body></html>',
    })  # fmt: skip
    offer = inspected(str(site))["offers"][0]
    action = next(a for a in offer["actions"] if a["label"] == "Boek nu")
    assert action["destination"]["kind"] == "contact"
    assert "(judged: contact" in run(str(site)).stdout
    assert offer["page_actions"] == []

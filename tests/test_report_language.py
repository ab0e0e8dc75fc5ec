"""`--lang` and `lang:` set the language of the report only; each page's copy is read in its own
language, unless the configuration's `content_lang:` says otherwise (for the site or by glob)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write_site
from helpers import make_repo, run, run_json
from http_server import SiteServer
from serve_app import App, ServeProcess

from auditor.checks.loader import load_rules

NL_BEFORE = EXAMPLES / "nl-before"
RULES = {rule.id: rule for rule in load_rules()}
ERRORS = {"price-next-to-offer", "offer-has-buy-button"}


def _template(text: str) -> re.Pattern[str]:
    """A rule text with its {placeholders} as wildcards."""
    parts = re.split(r"{\w+}", text)
    return re.compile("(?s)" + ".+?".join(re.escape(part) for part in parts))


def speaks(finding: dict[str, Any], lang: str) -> bool:
    """The finding's message and fix are the rule's own texts in `lang`."""
    rule = RULES[finding["rule"]]
    messages = [rule.text("message", lang, variant) for variant in rule.message]
    return any(_template(t).fullmatch(finding["message"]) for t in messages) and bool(
        _template(rule.text("fix", lang)).fullmatch(finding["fix"])
    )


def where(report: dict[str, Any]) -> list[tuple[object, ...]]:
    """What was found and where: everything but the words of the report."""
    keys = ("rule", "page", "line", "column", "excerpt", "fingerprint", "evidence")
    return [tuple(json.dumps(f[k]) for k in keys) for f in report["findings"]]


def test_lang_en_on_the_dutch_example_finds_the_same_in_english() -> None:
    _, dutch = run_json(NL_BEFORE)
    _, english = run_json(NL_BEFORE, "--lang", "en")
    assert len(dutch["findings"]) == 15
    assert where(english) == where(dutch)
    assert {f["rule"] for f in english["findings"] if f["severity"] == "error"} == ERRORS
    assert {p["lang"] for p in english["pages"]} == {"nl"}  # the copy is still Dutch
    assert all(speaks(f, "nl") for f in dutch["findings"])
    assert all(speaks(f, "en") and not speaks(f, "nl") for f in english["findings"])
    assert [r["status"] for r in english["rules"]] == [r["status"] for r in dutch["rules"]]
    html = run("check", NL_BEFORE, "--format", "html", "--lang", "en").stdout
    assert '<html lang="en">' in html and "What to improve" in html
    # the quoted Dutch copy keeps its language (a screen reader reads it as Dutch)
    assert '<p lang="nl"><mark>Hallo, welkom op mijn website!</mark></p>' in html


def test_lang_in_the_config_is_the_report_s_too(tmp_path: Path) -> None:
    config = tmp_path / "auditor.yml"
    config.write_text("lang: en\n", encoding="utf-8")
    _, dutch = run_json(NL_BEFORE)
    _, english = run_json(NL_BEFORE, "--config", config)
    assert where(english) == where(dutch)
    assert all(speaks(f, "en") for f in english["findings"])
    _, german = run_json(NL_BEFORE, "--config", config, "--lang", "de")  # the option wins
    assert where(german) == where(dutch) and all(speaks(f, "de") for f in german["findings"])


def test_a_rule_not_checked_says_why_in_the_report_s_language(tmp_path: Path) -> None:
    home = '<html lang="nl"><body><h1>Hallo</h1></body></html>'
    site = write_site(tmp_path / "site", {"/": home})
    _, report = run_json(site, "--lang", "en")
    about = next(r for r in report["rules"] if r["id"] == "about-page-credentials-list")
    _, dutch = run_json(site)
    assert about["status"] == "not_checked"
    assert about["message"] != next(r["message"] for r in dutch["rules"] if r["id"] == about["id"])
    assert "about" in about["message"].lower()


# a Dutch site with one English page that detection reads as Dutch (it declares nl, and its
# copy is too short to tell): the welcome rule reads it only as English
MIXED = {
    "/": '<html lang="nl"><body><h1>Welcome to my website!</h1><p>Hi there.</p></body></html>',
    "/over-mij/": (
        '<html lang="nl"><body><h1>Over mij</h1><p>Ik help ondernemers die vastlopen in hun '
        "werk om weer rust en richting te vinden, met een traject van zes sessies.</p>"
        "</body></html>"
    ),
}


def _langs(report: dict[str, Any]) -> dict[str, str]:
    return {p["url"]: p["lang"] for p in report["pages"]}


def _welcome(report: dict[str, Any]) -> list[str]:
    return [f["message"] for f in report["findings"]
            if f["rule"] == "homepage-autobiographical-welcome"]  # fmt: skip


@pytest.mark.parametrize(
    "content_lang",
    ['{"/": en}', "{index.html: en}", '{"/": en, "*": nl}', '{"/over-mij/*": nl, "/": en}'],
)
def test_content_lang_by_glob_overrides_detection(tmp_path: Path, content_lang: str) -> None:
    site = write_site(tmp_path / "site", MIXED)
    _, detected = run_json(site)
    assert _langs(detected) == {"/": "nl", "/over-mij/": "nl"}
    assert _welcome(detected) == []
    config = tmp_path / "auditor.yml"
    config.write_text(f"content_lang: {content_lang}\n", encoding="utf-8")
    _, read = run_json(site, "--config", config)
    assert _langs(read) == {"/": "en", "/over-mij/": "nl"}
    [message] = _welcome(read)
    assert message.startswith("The homepage opens with a generic welcome")  # its page's language
    _, dutch = run_json(site, "--config", config, "--lang", "nl")
    assert _welcome(dutch)[0].startswith("De homepage opent met een algemeen welkom")


def test_content_lang_for_the_whole_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", MIXED)
    config = tmp_path / "auditor.yml"
    config.write_text("content_lang: en\n", encoding="utf-8")
    _, read = run_json(site, "--config", config)
    assert _langs(read) == {"/": "en", "/over-mij/": "en"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("content_lang: fr\n", ".auditor.yml:1: content_lang: must be one of de, en, nl"),
        ("content_lang: {/en/*: fr}\n", ".auditor.yml:1: content_lang./en/*: must be one of"),
        ("content_lang: [nl]\n", ".auditor.yml:1: content_lang: must be a language (de, en, nl)"),
    ],
)
def test_a_bad_content_lang_is_one_line(tmp_path: Path, text: str, problem: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    site = write_site(repo / "site", MIXED)
    (repo / ".auditor.yml").write_text(text, encoding="utf-8")
    result = run("check", site)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"auditor: {problem}"), result.stderr


def test_content_lang_reaches_a_markdown_site(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "_index.md").write_text(
        "---\ntitle: Home\nlang: nl\n---\n# Welcome to my website!\n", encoding="utf-8"
    )
    config = tmp_path / "auditor.yml"
    config.write_text("content_lang: {/: en}\n", encoding="utf-8")
    _, read = run_json(content, "--config", config)
    assert _langs(read) == {"/": "en"} and _welcome(read)


def test_a_crawl_and_a_batch_read_the_copy_in_its_language(tmp_path: Path) -> None:
    with SiteServer(NL_BEFORE) as srv:
        _, alone = run_json(srv.url + "/")
        urls = tmp_path / "sites.txt"
        urls.write_text(f"{srv.url}/\n{NL_BEFORE}\n", encoding="utf-8")
        result = run("check", "--urls-file", urls, "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.stderr
    crawled, folder = json.loads(result.stdout)
    assert where(crawled) == where(alone)
    assert {p["lang"] for p in crawled["pages"]} == {"nl"}
    for report in (crawled, folder):
        assert {f["rule"] for f in report["findings"]} >= ERRORS
        assert all(speaks(f, "en") for f in report["findings"])


@pytest.mark.skipif(sys.platform == "win32", reason="the app is started as a subprocess")
def test_serve_writes_a_round_in_the_config_s_language(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    site = write_site(repo / "site", MIXED)
    (repo / ".auditor.yml").write_text("lang: en\ncontent_lang: {/over-mij/: nl}\n", "utf-8")
    with ServeProcess(tmp_path / "clients.db") as server:
        app = App(server.url)
        audit = app.start_audit(app.add_client("Mixed", str(site)))
        assert app.wait(audit) == "done"
        report = app.report(audit)
        html = app.get(f"/audits/{audit}/report.html").text
    assert _langs(report) == {"/": "nl", "/over-mij/": "nl"}
    assert report["findings"] and all(speaks(f, "en") for f in report["findings"])
    assert '<html lang="en">' in html

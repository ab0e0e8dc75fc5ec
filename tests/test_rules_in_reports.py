"""The run's rules reach every reporter: a rule turned off in the configuration is off (never
passed) in SARIF, JUnit and HTML; a rule of your own carries its title, why and fix; the meta
rule about directives shows in CI formats only, never in a client's report or overview."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES
from helpers import make_repo, run, write_rule

TITLE = "Say when the practice is closed"
WHY = "A reader who plans ahead wants to know when she can come."
FIX = "Add a line with the holidays, such as: closed in August."


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Dutch example in a repository, social-proof off, one rule of the coach's own."""
    repo = make_repo(tmp_path / "repo")
    shutil.copytree(EXAMPLES / "nl-before", repo / "site")
    path = write_rule(repo / "own", "say-closed", "phrase_present",
                      {"roles": ["home"], "phrases": ["gesloten in augustus"]})  # fmt: skip
    rule = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule["title"] = {"en": TITLE, "nl": "Zeg wanneer de praktijk dicht is"}
    rule["why"], rule["fix"] = {"en": WHY}, {"en": FIX}
    path.write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    (repo / ".auditor.yml").write_text(
        "rules_paths: [own]\nrules:\n  social-proof: 'off'\n", encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    return repo


def output(*args: str) -> str:
    result = run("check", "site", *args)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_sarif_lists_the_runs_rules(repo: Path) -> None:
    driver = json.loads(output("--format", "sarif"))["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert "social-proof" not in rules  # off: not a rule of this run
    assert "price-next-to-offer" in rules and "unused-suppression" in rules
    own = rules["say-closed"]
    assert own["shortDescription"]["text"] == TITLE
    assert own["fullDescription"]["text"] == WHY
    assert FIX in own["help"]["text"] and "helpUri" not in own  # no page under docs/rules/
    assert "helpUri" in rules["price-next-to-offer"]


def test_junit_skips_an_off_rule_and_describes_your_own(repo: Path) -> None:
    suite = ET.fromstring(output("--format", "junit")).find("testsuite")
    assert suite is not None
    cases = [c for c in suite.iter("testcase") if c.get("name") == "social-proof"]
    assert cases, "an off rule still has its cases, as skipped"
    for case in cases:
        skipped = case.find("skipped")
        assert skipped is not None and skipped.get("message", "").startswith("off")
        assert case.find("failure") is None
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["rule.say-closed.title"] == TITLE
    assert properties["rule.say-closed.why"] == WHY
    assert properties["rule.say-closed.fix"] == FIX
    failure = next(c for c in suite.iter("testcase") if c.get("name") == "say-closed"
                   and c.get("classname") == "index.html").find("failure")  # fmt: skip
    assert failure is not None and (failure.text or "").startswith(TITLE)


def test_html_shows_an_off_rule_as_off_and_your_own_with_its_texts(repo: Path) -> None:
    html = output("--format", "html")
    works = html.partition('class="sheet works"')[2].partition("</section>")[0]
    assert "social-proof" not in works and "say-closed" not in works
    off = html.partition('class="sheet off"')[2].partition("</section>")[0]
    assert 'data-rule="social-proof" data-verdict="off"' in off
    card = html.partition('data-rule="say-closed" data-verdict="failed"')[2].partition("</article>")
    assert "Zeg wanneer de praktijk dicht is" in card[0]  # the Dutch title: a Dutch report
    assert WHY in card[0] and FIX in card[0]  # no Dutch why or fix: the English ones


def test_the_dutch_example_never_shows_the_meta_rule_to_the_client() -> None:
    target = str(EXAMPLES / "nl-before")
    result = run("check", target, "--format", "html")
    assert "unused-suppression" not in result.stdout
    overview = run("check", target, str(EXAMPLES / "nl-after"), "--format", "html").stdout
    assert "unused-suppression" not in overview  # no column for it in the overview
    markdown = run("check", target, "--format", "markdown").stdout
    assert "unused-suppression" not in markdown.partition("###")[0]  # not in the summary
    sarif = json.loads(run("check", target, "--format", "sarif").stdout)
    assert "unused-suppression" in {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}


def test_markdown_links_only_the_rules_with_a_doc_page(repo: Path) -> None:
    markdown = output("--format", "markdown")
    assert "| `say-closed` |" in markdown and "docs/rules/say-closed.md" not in markdown
    assert "docs/rules/price-next-to-offer.md" in markdown


def test_an_overview_shows_a_rule_off_for_one_site_only_as_off_there(
    repo: Path, tmp_path: Path
) -> None:
    other = make_repo(tmp_path / "other")
    shutil.copytree(EXAMPLES / "nl-before", other / "site")
    html = run("check", "site", str(other / "site"), "--format", "html").stdout
    rows = html.partition("<tbody>")[2].partition("</tbody>")[0].split("<tr data-site=")[1:]
    verdicts = [
        row.partition('data-rule="social-proof" data-verdict="')[2].partition('"')[0]
        for row in rows
    ]
    assert sorted(verdicts) == ["failed", "off"]  # a column, off for the configured site only

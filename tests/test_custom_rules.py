"""Users' own YAML rules: the generic check kinds, their params, and the README's worked example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO_ROOT, write_site
from helpers import (
    assert_one_error_line,
    findings,
    make_repo,
    mismatch,
    run,
    run_json,
    write_rule,
)

from auditor.checks.kinds import KINDS
from auditor.checks.kinds.generic import GenericRule
from auditor.checks.loader import load_rules


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = make_repo(tmp_path / "repo")
    (repo / ".auditor.yml").write_text("rules_paths: [rules]\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    return repo


def readme_yaml() -> list[str]:
    """The YAML examples of the README's "Custom rules" section."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Custom rules\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def readme_rule() -> str:
    """The rule file of the README's "Custom rules" section."""
    [rule] = [block for block in readme_yaml() if block.startswith("id: ")]
    return rule


def test_the_readme_snippets_have_valid_params() -> None:
    snippets = [yaml.safe_load(block) for block in readme_yaml() if block.startswith("check: ")]
    assert len(snippets) == 2
    for snippet in snippets:
        assert isinstance(KINDS[snippet["check"]].read(snippet["params"]), GenericRule)


def test_the_readme_example_findings_hold(tmp_path: Path) -> None:
    """The README's fail example with `findings:` states what the hero rule finds in it."""
    [block] = [b for b in readme_yaml() if b.lstrip().startswith("- name: only mail me")]
    [example] = yaml.safe_load(block)
    [rule] = [r for r in load_rules() if r.id == "homepage-hero-cta"]
    assert mismatch(rule, example, tmp_path) is None


def test_the_readme_example_end_to_end(repo: Path) -> None:
    text = readme_rule()
    (repo / "copy-rules").mkdir()
    (repo / "copy-rules" / "no-cheap-words.yml").write_text(text, encoding="utf-8")
    (repo / ".auditor.yml").write_text("rules_paths: [copy-rules]\n", encoding="utf-8")
    examples = yaml.safe_load(text)["examples"]
    for kind, example in (("fail", examples["fail"][0]), ("pass", examples["pass"][0])):
        site = write_site(repo / kind, example["pages"])
        result = run("check", site)
        assert result.exit_code in (0, 1), result.output  # the bundled rules find errors too
        flagged = [line for line in result.stdout.splitlines() if "no-cheap-words" in line]
        assert bool(flagged) == (kind == "fail"), result.stdout
    _, report = run_json(repo / "fail")
    [finding] = findings(report, "no-cheap-words")
    assert (finding["page"], finding["severity"]) == ("/aanbod/", "warning")
    assert finding["message"] == "'korting' maakt je aanbod kleiner dan het is."
    assert finding["excerpt"] == "Nu met 20% korting!"


HOME = (
    '<html lang="en"><body><h1>Sleep again</h1><p>Are you lying awake? You worry at night.</p>'
    '<a class="btn" href="https://calendly.com/me">Book a call</a><h2>How it works</h2>'
    "<p>I listen. I ask. I help you see it.</p><ul><li>Six sessions</li><li>Online</li></ul>"
    "<p>With love, Anna</p></body></html>"
)


@pytest.mark.parametrize(
    ("check", "params", "flagged"),
    [
        ("phrase_absent", {"phrases": ["lying awake", "worry"]}, ["Are you lying awake? You worry"
                                                                  " at night."]),
        ("phrase_absent", {"phrases": ["lying awake"], "region": "ending"}, []),
        ("phrase_absent", {"phrases": ["with love"], "region": "ending"}, ["With love, Anna"]),
        ("phrase_absent", {"phrases": ["lying awake"], "roles": ["about"]}, []),
        ("phrase_absent", {"phrases": {"nl": ["lying awake"]}}, []),
        ("phrase_absent", {"phrases": {"en": ["sleep*"]}}, ["Sleep again"]),
        ("phrase_present", {"phrases": ["guarantee"]}, ["Sleep again"]),
        ("phrase_present", {"phrases": ["six sessions"]}, []),
        ("phrase_present", {"phrases": ["six sessions"], "region": "opening"}, ["Sleep again"]),
        ("phrase_present", {"phrases": {"lexicon": "cta.buy"}, "roles": ["home"]}, []),
        ("phrase_ratio", {"phrases": {"lexicon": "i"}, "versus": {"lexicon": "you"},
                          "ratio": 0.5}, ["I listen. I ask. I help you see it."]),
        ("phrase_ratio", {"phrases": {"lexicon": "i"}, "versus": {"lexicon": "you"}}, []),
        ("phrase_ratio", {"phrases": ["i"], "versus": ["you"], "ratio": 0.5, "min_count": 4}, []),
        ("phrase_ratio", {"phrases": ["i"], "versus": ["you"], "ratio": 0.5,
                          "region": "opening"}, []),
        ("list_share", {"max_share": 0.2, "min_items": 2}, ["Six sessions | Online"]),
        ("list_share", {"max_share": 0.5, "min_items": 2}, []),
        ("list_share", {"phrases": ["online"], "max_share": 0.1, "min_items": 1}, ["Online"]),
        ("element_present", {"text": ["book*"]}, []),
        ("element_present", {"text": ["book*"], "region": "ending"}, ["Six sessions"]),
        ("element_present", {"href": ["calendly.com"], "element": "link"}, []),
        ("element_present", {"href": ["stripe.com"]}, ["Sleep again"]),
        ("element_present", {"element": "form"}, ["Sleep again"]),
    ],
)  # fmt: skip
def test_generic_check_kinds(
    repo: Path, check: str, params: dict[str, Any], flagged: list[str]
) -> None:
    write_rule(repo / "rules", "mine", check, params)
    _, report = run_json(write_site(repo / "site", {"/": HOME}))
    assert [f["excerpt"] for f in findings(report, "mine")] == flagged


def test_message_placeholders_of_the_generic_kinds(repo: Path) -> None:
    cases: dict[str, tuple[str, dict[str, Any], str, str]] = {
        "absent": ("phrase_absent", {"phrases": ["worry"]}, "{phrase}", "worry"),
        "present": ("phrase_present", {"phrases": ["xa", "xb", "xc", "xd"]}, "{phrases}",
                    "'xa', 'xb', 'xc'"),
        "ratio": ("phrase_ratio", {"phrases": ["i"], "versus": ["you"], "ratio": 0.5},
                  "{count}/{versus_count}", "3/3"),
        "share": ("list_share", {"max_share": 0.1, "min_items": 1}, "{items} {share}", "2 33%"),
        "element": ("element_present", {"element": "form"}, "no {element}", "no form"),
    }  # fmt: skip
    for name, (check, params, message, _) in cases.items():
        write_rule(repo / "rules", name, check, params, message=message)
    _, report = run_json(write_site(repo / "site", {"/": HOME}))
    for name, (*_, expected) in cases.items():
        assert [f["message"] for f in findings(report, name)] == [expected], name


@pytest.mark.parametrize(
    ("check", "params", "expected"),
    [
        ("phrase_absent", {}, "params.phrases: missing"),
        ("phrase_absent", {"phrases": "x", "colour": 1}, "params.colour: unknown param"),
        ("phrase_absent", {"phrases": []}, "params.phrases: give a list of phrases"),
        ("phrase_absent", {"phrases": [True]}, "params.phrases: True is not a phrase"),
        ("phrase_absent", {"phrases": {"lexicon": "nope"}}, "no lexicon has a phrase list 'nope'"),
        ("phrase_absent", {"phrases": {"lexicon": "you", "nl": ["x"]}}, "takes nothing else"),
        ("phrase_present", {"phrases": ["x"], "region": "top"}, "params.region: must be one of"),
        ("phrase_present", {"phrases": ["x"], "roles": ["bio"]}, "params.roles: 'bio' is not"),
        ("phrase_ratio", {"phrases": ["x"]}, "params.versus: missing"),
        ("phrase_ratio", {"phrases": ["x"], "versus": ["y"], "ratio": "2"},
         "params.ratio: must be a number"),
        ("list_share", {"max_share": 2}, "params.max_share: must be a number from 0 to 1"),
        ("element_present", {"element": "image"}, "params.element: must be one of"),
        ("element_present", {"element": "form", "href": ["x"]}, "params.href: a form has no"),
        ("element_present", {"href": [1]}, "params.href: give a list of texts"),
    ],
)  # fmt: skip
def test_bad_params_are_one_error_line(
    repo: Path, check: str, params: dict[str, Any], expected: str
) -> None:
    write_rule(repo / "rules", "mine", check, params)
    line = assert_one_error_line(run("check", write_site(repo / "site", {"/": HOME})))
    assert re.match(rf"auditor: {re.escape(str(repo / 'rules' / 'mine.yml'))}:\d+: ", line), line
    assert expected in line


def test_a_bad_rule_file_is_one_error_line(repo: Path) -> None:
    site = write_site(repo / "site", {"/": HOME})
    path = write_rule(repo / "rules", "mine", "phrase_absent", {"phrases": ["x"]})
    path.write_text(path.read_text(encoding="utf-8").replace("id: mine", "id: My Rule"), "utf-8")
    assert "id must be lowercase" in assert_one_error_line(run("check", site))
    path.write_text("id: [mine\n", encoding="utf-8")
    line = assert_one_error_line(run("check", site))
    assert re.search(r"mine\.yml:\d+: not valid YAML", line), line


def test_config_options_replace_a_custom_rules_params(repo: Path) -> None:
    write_rule(repo / "rules", "mine", "phrase_absent", {"phrases": ["worry"]})
    site = write_site(repo / "site", {"/": HOME})
    _, report = run_json(site)
    assert len(findings(report, "mine")) == 1
    config = "rules_paths: [rules]\nrules:\n  mine:\n    options: {region: ending}\n"
    (repo / ".auditor.yml").write_text(config, encoding="utf-8")
    _, report = run_json(site)
    assert findings(report, "mine") == []
    config = "rules_paths: [rules]\nrules:\n  mine:\n    options:\n      region: top\n"
    (repo / ".auditor.yml").write_text(config, encoding="utf-8")
    line = assert_one_error_line(run("check", site))
    assert line == (
        "auditor: .auditor.yml:5: rules.mine.options.region: must be one of opening, main, ending"
    )


def test_rules_and_explain_read_the_config(repo: Path) -> None:
    """`auditor rules` lists your own rules and the configured severities; explain explains them."""
    write_rule(repo / "rules", "mine", "phrase_present", {"phrases": ["korting"]})
    config = "rules_paths: [rules]\nrules:\n  social-proof: off\n  homepage-hero-cta: error\n"
    (repo / ".auditor.yml").write_text(config, encoding="utf-8")
    listed = {line.split()[0]: line.split()[1] for line in run("rules").stdout.splitlines()}
    severities = [listed[rule] for rule in ("mine", "social-proof", "homepage-hero-cta")]
    assert severities == ["warning", "off", "error"]
    explained = run("explain", "--lang", "nl", "mine")
    assert explained.exit_code == 0
    assert explained.stdout.startswith("mine (warning): found {phrase}\n")
    assert "\nWaarom het ertoe doet: Waarom.\n" in explained.stdout
    (repo / ".auditor.yml").write_text("rules:\n  nope: off\n", encoding="utf-8")
    line = assert_one_error_line(run("rules"))
    assert line.startswith("auditor: .auditor.yml:2: rules.nope: unknown rule"), line

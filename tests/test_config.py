"""The configuration: where it is found, what each key does, errors with file and line, init."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import write_site
from helpers import assert_one_error_line, findings, make_repo, run, run_json
from http_server import SiteServer

from auditor.config.project import KEYS

WELCOME = (
    '<html lang="nl"><body><h1>Hallo, welkom op mijn website!</h1>'
    "<p>Mijn naam is Marieke en ik ben loopbaancoach in Utrecht.</p>"
    "<h2>Coachtraject Vrij</h2><p>Zes sessies voor € 1.250,-.</p>"
    '<a class="btn" href="https://calendly.com/x">Plan je kennismakingsgesprek</a>'
    "</body></html>"
)  # warnings only: a welcome, no proof, no reader, no call to action in the opening
WELCOME_RULE = "homepage-autobiographical-welcome"
OFF = f"rules:\n  {WELCOME_RULE}: off\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return make_repo(tmp_path / "repo")


def site_in(folder: Path, pages: dict[str, str | bytes] | None = None) -> Path:
    return write_site(folder, pages or {"/": WELCOME})


def rules_found(target: Path | str, *args: str) -> set[str]:
    _, report = run_json(target, *args)
    return {f["rule"] for f in report["findings"]}


def test_without_config_every_rule_runs(repo: Path) -> None:
    assert WELCOME_RULE in rules_found(site_in(repo / "site"))


def test_config_in_the_target_folder(repo: Path) -> None:
    site = site_in(repo / "site")
    (site / ".auditor.yml").write_text(OFF, encoding="utf-8")
    assert WELCOME_RULE not in rules_found(site)


def test_config_in_a_parent_folder_and_for_a_file_target(repo: Path) -> None:
    site = site_in(repo / "public" / "site")
    (repo / ".auditor.yml").write_text(OFF, encoding="utf-8")
    assert WELCOME_RULE not in rules_found(site)
    assert WELCOME_RULE not in rules_found(site / "index.html")


def test_config_in_pyproject(repo: Path) -> None:
    site = site_in(repo / "site")
    (repo / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.auditor.rules]\n{WELCOME_RULE} = "off"\n',
        encoding="utf-8",
    )
    assert WELCOME_RULE not in rules_found(site)


def test_a_pyproject_without_tool_auditor_is_passed_over(repo: Path) -> None:
    site = site_in(repo / "public" / "site")
    (repo / "public" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    (repo / ".auditor.yml").write_text(OFF, encoding="utf-8")
    assert WELCOME_RULE not in rules_found(site)


def test_the_nearest_config_wins_and_yml_before_pyproject(repo: Path) -> None:
    site = site_in(repo / "site")
    (repo / ".auditor.yml").write_text(OFF, encoding="utf-8")
    (site / ".auditor.yml").write_text("fail_on: warning\n", encoding="utf-8")
    (site / "pyproject.toml").write_text(f'[tool.auditor.rules]\n{WELCOME_RULE} = "off"\n')
    assert WELCOME_RULE in rules_found(site)
    assert run("check", site).exit_code == 1  # fail_on: warning


def test_discovery_stops_at_the_repository_root(repo: Path) -> None:
    site = site_in(repo / "site")
    (repo.parent / ".auditor.yml").write_text(OFF, encoding="utf-8")
    assert WELCOME_RULE in rules_found(site)


def test_explicit_config_wins_over_the_one_found(repo: Path) -> None:
    site = site_in(repo / "site")
    (site / ".auditor.yml").write_text("fail_on: warning\n", encoding="utf-8")
    (repo / "strict.yml").write_text(OFF, encoding="utf-8")
    assert WELCOME_RULE not in rules_found(site, "--config", str(repo / "strict.yml"))
    assert run("check", "--config", repo / "strict.yml", site).exit_code == 0


def test_a_url_target_finds_the_config_from_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = site_in(repo / "site")
    (repo / ".auditor.yml").write_text(OFF, encoding="utf-8")
    with SiteServer(root=site) as server:
        assert WELCOME_RULE in rules_found(server.url + "/")
        monkeypatch.chdir(repo)
        assert WELCOME_RULE not in rules_found(server.url + "/")


def test_a_crawl_does_not_fetch_what_the_config_ignores(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = WELCOME.replace("</body>", '<a href="/blog/een/">Blog</a><a href="/over/">Over</a>')
    site = site_in(repo / "site", {"/": home, "/blog/een/": WELCOME, "/over/": ABOUT})
    (repo / ".auditor.yml").write_text("ignore:\n  - /blog/*\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    with SiteServer(root=site) as server:
        _, report = run_json(server.url + "/")
    assert [p["url"] for p in report["pages"]] == [server.url + "/", server.url + "/over/"]
    assert "/over/" in server.requests
    assert not [path for path in server.requests if path.startswith("/blog")]


def test_severity_and_options_of_a_rule(repo: Path) -> None:
    site = site_in(repo / "site")
    (repo / ".auditor.yml").write_text(f"rules:\n  {WELCOME_RULE}: error\n", encoding="utf-8")
    _, report = run_json(site)
    assert [f["severity"] for f in findings(report, WELCOME_RULE)] == ["error"]
    assert run("check", site).exit_code == 1
    assert "homepage-self-focus" not in rules_found(site)  # min_owner is 5 sentences
    config = "rules:\n  homepage-self-focus:\n    options: {min_owner: 2}\n"
    (repo / ".auditor.yml").write_text(config, encoding="utf-8")
    assert "homepage-self-focus" in rules_found(site)


def test_fail_on_and_max_warnings_and_the_command_line_over_them(repo: Path) -> None:
    site = site_in(repo / "site")
    assert run("check", site).exit_code == 0
    (repo / ".auditor.yml").write_text("fail_on: warning\n", encoding="utf-8")
    assert run("check", site).exit_code == 1
    assert run("check", "--fail-on", "error", site).exit_code == 0
    _, report = run_json(site)
    warnings = report["summary"]["by_severity"]["warning"]
    for limit, code in ((warnings, 0), (warnings - 1, 1)):
        (repo / ".auditor.yml").write_text(f"max_warnings: {limit}\n", encoding="utf-8")
        assert run("check", site).exit_code == code


def test_lang_and_the_command_line_over_it(repo: Path) -> None:
    site = site_in(repo / "site")
    (repo / ".auditor.yml").write_text("lang: en\n", encoding="utf-8")
    _, report = run_json(site)
    assert {p["lang"] for p in report["pages"]} == {"nl"}  # the copy's: only the report is English
    assert welcome_message(report).startswith("The homepage opens with a generic welcome")
    _, report = run_json(site, "--lang", "nl")
    assert welcome_message(report).startswith("De homepage opent met een algemeen welkom")


def welcome_message(report: dict[str, Any]) -> str:
    [message] = [f["message"] for f in report["findings"] if f["rule"] == WELCOME_RULE]
    return message


ABOUT = (
    '<html lang="nl"><body><h1>Marieke</h1><ul><li>2002 – Bachelor Bedrijfseconomie</li>'
    "<li>2009 – Training Leidinggeven</li><li>2012 – Opleiding NLP Practitioner</li>"
    "<li>2015 – Cursus Mindfulness</li><li>2018 – Post-hbo Coaching</li></ul></body></html>"
)


def test_pages_give_roles_and_ignore_leaves_pages_out(repo: Path) -> None:
    site = site_in(repo / "site", {"/": WELCOME, "/marieke/": ABOUT, "/blog/x/": WELCOME})
    _, report = run_json(site)
    roles = {p["url"]: p["role"] for p in report["pages"]}
    assert roles["/marieke/"] == "other"
    assert not findings(report, "about-page-credentials-list")
    config = "pages:\n  /marieke: about\nignore:\n  - /blog/*\n"
    (repo / ".auditor.yml").write_text(config, encoding="utf-8")
    _, report = run_json(site)
    assert {p["url"]: p["role"] for p in report["pages"]} == {"/": "home", "/marieke/": "about"}
    assert [f["page"] for f in findings(report, "about-page-credentials-list")] == ["/marieke/"]
    (repo / ".auditor.yml").write_text("ignore: ['*.html']\n", encoding="utf-8")
    result = run("check", site)
    assert "every page is ignored" in assert_one_error_line(result, 3)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("lang: nl\nfoo: 1\n", ".auditor.yml:2: foo: unknown key"),
        ("rules:\n  homepage-self-fokus: off\n", ".auditor.yml:2: rules.homepage-self-fokus: "
                                                 "unknown rule"),
        ("rules:\n  social-proof: loud\n", ".auditor.yml:2: rules.social-proof: 'loud' is not"),
        ("rules:\n  social-proof:\n    level: info\n", ".auditor.yml:3: rules.social-proof.level:"),
        ("rules:\n  social-proof:\n    severity: info\n    options:\n      min_words: 3\n",
         ".auditor.yml:5: rules.social-proof.options.min_words: unknown option (the rule's params:"
         " min_quote_words, roles, region)"),
        ("rules:\n  social-proof:\n    options: {min_quote_words: many}\n",
         ".auditor.yml:3: rules.social-proof.options.min_quote_words: must be a number"),
        ("rules:\n  social-proof:\n    options: {min_quote_words: .nan}\n",
         ".auditor.yml:3: rules.social-proof.options.min_quote_words: must be a number"),
        ("fail_on: sometimes\n", ".auditor.yml:1: fail_on: 'sometimes' is not one of"),
        ("\nmax_warnings: -1\n", ".auditor.yml:2: max_warnings: must be a whole number"),
        ("lang: xx\n", ".auditor.yml:1: lang: must be one of"),
        ("pages:\n  /wie/: bio\n", ".auditor.yml:2: pages./wie/: 'bio' is not one of"),
        ("ignore: 3\n", ".auditor.yml:1: ignore: must be a list of texts"),
        ("rules_paths:\n  - mine\n", ".auditor.yml:2: rules_paths[0]: no such folder"),
        ("baseline: b.json\n", ".auditor.yml:1: baseline: "),
        ("rules: {}\nrules: {}\n", ".auditor.yml:2: rules: duplicate key"),
        ("rules: [a\n", ".auditor.yml:2: not valid YAML"),
        ("- a\n", ".auditor.yml:1: the configuration must be a mapping"),
    ],
    ids=[
        "unknown-key", "unknown-rule", "bad-severity", "bad-rule-key", "unknown-option",
        "option-kind", "option-nan", "bad-fail-on", "bad-max-warnings", "bad-lang", "bad-role",
        "bad-ignore", "missing-rules-path", "missing-baseline", "duplicate-key", "bad-yaml",
        "not-a-mapping",
    ],
)  # fmt: skip
def test_config_errors_name_file_line_and_key(repo: Path, config: str, expected: str) -> None:
    site = site_in(repo / "site")
    (site / ".auditor.yml").write_text(config, encoding="utf-8")
    line = assert_one_error_line(run("check", site))
    assert line.startswith(f"auditor: repo/site/{expected}"), line
    assert run("check", "--config", site / ".auditor.yml", site).exit_code == 2


def test_pyproject_errors_name_the_line(repo: Path) -> None:
    site = site_in(repo / "site")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.auditor]\nfail_on = "warning"\n\n'
        '[tool.auditor.rules]\nsocial-proof = "info"\nhomepage-self-focus = {severity = "bad"}\n',
        encoding="utf-8",
    )
    line = assert_one_error_line(run("check", site))
    assert line == (
        "auditor: repo/pyproject.toml:9: rules.homepage-self-focus.severity:"
        " 'bad' is not one of off, error, warning, info"
    )


def test_a_missing_or_unreadable_config_option(repo: Path) -> None:
    site = site_in(repo / "site")
    line = assert_one_error_line(run("check", "--config", repo / "nope.yml", site))
    assert "nope.yml: no such configuration file" in line
    (repo / "other.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    line = assert_one_error_line(run("check", "--config", repo / "other.toml", site))
    assert line.endswith("other.toml: no [tool.auditor] table")


def test_init_writes_a_starter_whose_examples_are_valid(repo: Path) -> None:
    site = site_in(repo / "site")
    without = run("check", "--format", "json", site).stdout
    assert run("init").exit_code == 0
    starter = Path(".auditor.yml").read_text(encoding="utf-8")
    assert run("check", "--config", ".auditor.yml", "--format", "json", site).stdout == without
    # every commented example, uncommented, is a valid setting
    example = re.compile(r"^(\s*)# (\s*(?:[\w/*.-]+:(?: |$)|- ).*)$")
    settings = "\n".join(example.sub(r"\1\2", line) for line in starter.splitlines())
    uncommented = yaml.safe_load(settings)
    assert set(uncommented) == set(KEYS)
    assert all(uncommented[key] for key in ("rules", "pages", "ignore", "rules_paths"))
    Path(".auditor.yml").write_text(settings + "\n", encoding="utf-8")
    Path("copy-rules").mkdir()
    assert run("baseline", site, "--output", ".auditor-baseline.json").exit_code == 0
    result = run("check", "--config", ".auditor.yml", site)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "homepage-self-focus" not in result.stdout


def test_init_does_not_overwrite_without_force(repo: Path) -> None:
    Path(".auditor.yml").write_text("lang: nl\n", encoding="utf-8")
    line = assert_one_error_line(run("init"))
    assert ".auditor.yml exists; use --force" in line
    assert Path(".auditor.yml").read_text(encoding="utf-8") == "lang: nl\n"
    assert run("init", "--force").exit_code == 0
    assert "fail_on: error" in Path(".auditor.yml").read_text(encoding="utf-8")

"""CI formats: SARIF, GitHub workflow commands, JUnit XML, Markdown, GitLab Code Quality."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_SITES, EXAMPLES, REPO_ROOT

from auditor.audit.engine import audit
from auditor.audit.report import PageSummary, Report
from auditor.audit.score import site_score
from auditor.checks.findings import Finding
from auditor.checks.loader import load_rules
from auditor.cli.main import main
from auditor.reporters import FORMATS
from auditor.reporters.github import append_step_summary, render_github_reports
from auditor.reporters.gitlab import render_gitlab_reports
from auditor.reporters.junit import render_junit_reports
from auditor.reporters.markdown_summary import render_markdown_reports
from auditor.reporters.sarif import FINGERPRINT_KEY, sarif_log
from auditor.sources.raw import FetchError

SARIF_SCHEMA = REPO_ROOT.parent / "shared" / "reference" / "sarif-schema-2.1.0.json"
NL_BEFORE = EXAMPLES / "nl-before"
BLOG_ERROR = FetchError("https://example.nl/blog/", "timed out after 10 s")


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    """The example sites, audited once, with paths relative to the repository (as in CI)."""
    return {name: audit(f"examples/sites/{name}") for name in EXAMPLE_SITES}


@pytest.fixture(autouse=True)
def in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "rule": "price-next-to-offer", "severity": "error", "page": "/", "path": "index.html",
        "line": 3, "column": 5, "message": "message", "excerpt": "excerpt", "fix": "fix",
        "fingerprint": "0123456789abcdef0123",
    }  # fmt: skip
    values.update(changes)
    return Finding(**values)


def one_page(target: str, *findings: Finding, path: str | None = "index.html") -> Report:
    url = findings[0].page if findings else "/"
    page = PageSummary(url=url, path=path, role="home", lang="en", status=None)
    return Report(target=target, pages=[page], findings=list(findings), errors=[])


# -- SARIF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    from jsonschema import Draft4Validator

    return Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def assert_valid_sarif(log: dict[str, Any], validator: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


@pytest.mark.parametrize("name", EXAMPLE_SITES)
def test_sarif_of_the_example_sites_is_valid(
    name: str, reports: dict[str, Report], sarif_validator: Any
) -> None:
    report = reports[name]
    log = json.loads(FORMATS["sarif"]([report], False))
    assert_valid_sarif(log, sarif_validator)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in load_rules()]
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
        assert (REPO_ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file()
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert len(run["results"]) == len(report.findings)
    for result, f in zip(run["results"], report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f.rule
        assert result["level"] == levels[f.severity]
        assert result["message"]["text"].startswith(f.message)
        assert result["partialFingerprints"] == {FINGERPRINT_KEY: f.fingerprint}
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri == f"examples/sites/{name}/{f.path}"
        assert (REPO_ROOT / uri).is_file()
        assert physical["region"] == {"startLine": f.line, "startColumn": f.column}
        assert "suppressions" not in result
    if name.endswith("-before"):
        assert run["results"], "a before-site without results proves nothing here"


def test_sarif_suppressions(sarif_validator: Any) -> None:
    report = one_page(
        str(NL_BEFORE),
        finding(suppression={"kind": "inline", "reason": "the price is in the image"}),
        finding(rule="offer-has-buy-button", suppression={"kind": "baseline", "reason": ""}),
        finding(rule="social-proof", severity="warning"),
    )
    log = sarif_log([report])
    assert_valid_sarif(log, sarif_validator)
    inline, baseline, active = log["runs"][0]["results"]
    assert inline["suppressions"] == [
        {"kind": "inSource", "justification": "the price is in the image"}
    ]
    assert baseline["suppressions"] == [{"kind": "external"}]
    assert "suppressions" not in active


def test_sarif_crawled_pages_use_the_url(sarif_validator: Any) -> None:
    crawled = finding(page="https://example.nl/aanbod/", path=None, line=None, column=None)
    report = one_page("https://example.nl/", crawled, path=None)
    report.errors.append(BLOG_ERROR)
    log = sarif_log([report])
    assert_valid_sarif(log, sarif_validator)
    [result] = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "https://example.nl/aanbod/"}}
    [notification] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "https://example.nl/blog/" in notification["message"]["text"]


def test_sarif_files_outside_the_repository_are_file_uris(
    tmp_path: Path, sarif_validator: Any
) -> None:
    log = sarif_log([one_page(str(tmp_path), finding())])
    assert_valid_sarif(log, sarif_validator)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (tmp_path / "index.html").as_uri()}


def test_sarif_paths_are_relative_to_the_repository_root(
    reports: dict[str, Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a subfolder of the repository, the URIs still start at its root."""
    monkeypatch.chdir(REPO_ROOT / "examples")
    report = audit("sites/nl-before")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif_log([report])["runs"][0]["results"]
    }
    assert "examples/sites/nl-before/aanbod/index.html" in uris


# -- GitHub ----------------------------------------------------------------------------------


def unescape(text: str, prop: bool) -> str:
    """The runner's unescaping (actions/runner ActionCommand.Unescape)."""
    text = text.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Split a workflow command line as the runner does: ::name k=v,k=v::message."""
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    name, props, message = match.groups()
    properties = {}
    for pair in (props or "").split(","):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value, prop=True)
    return name, properties, unescape(message, prop=False)


def test_github_annotations_for_the_example_site(reports: dict[str, Report]) -> None:
    report = reports["nl-before"]
    lines = render_github_reports([report]).splitlines()
    commands = [parse_command(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(report.findings)
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for (name, props, message), f in zip(commands, report.findings, strict=True):
        assert name == kinds[f.severity]
        assert props == {
            "file": f"examples/sites/nl-before/{f.path}",
            "line": str(f.line),
            "col": str(f.column),
            "title": f"copy-auditor: {f.rule}",
        }
        assert message == f"{f.message}\nFix: {f.fix}"
    assert Counter(name for name, _, _ in commands)["error"] == report.count("error")


def test_github_escaping_in_messages_and_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = "we%ird,na:me\r\nx.html"
    message = "100% sure:\nyes, really\r"
    fix = "a, b: c %0A d"
    report = one_page(".", finding(path=path, message=message, fix=fix, rule="a,b:c"), path=path)
    [command, summary] = render_github_reports([report]).splitlines()
    assert "\r" not in command
    assert command.startswith("::error file=we%25ird%2Cna%3Ame%0D%0Ax.html,line=3,col=5,")
    assert ",title=copy-auditor%3A a%2Cb%3Ac::" in command
    assert command.endswith("::100%25 sure:%0Ayes, really%0D%0AFix: a, b: c %250A d")
    name, props, text = parse_command(command)
    assert (name, props["file"], props["title"]) == ("error", path, "copy-auditor: a,b:c")
    assert text == f"{message}\nFix: {fix}"
    assert not summary.startswith("::")


def test_github_crawled_pages_and_suppressed_findings() -> None:
    crawled = finding(page="https://example.nl/x/", path=None, line=None, column=None)
    silenced = finding(rule="social-proof", suppression={"kind": "inline", "reason": "r"})
    text = render_github_reports([one_page("https://example.nl/", crawled, silenced, path=None)])
    commands = [parse_command(line) for line in text.splitlines() if line.startswith("::")]
    assert len(commands) == 1
    _, props, message = commands[0]
    assert props == {"title": "copy-auditor: price-next-to-offer"}
    assert message.startswith("https://example.nl/x/: message")


def test_github_step_summary_is_appended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(main, ["check", "--format", "github", "examples/sites/nl-before"])
    assert result.exit_code == 1
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# Earlier step\n## copy-auditor: `examples/sites/nl-before`")
    assert "| :x: error | 94 | [price-next-to-offer]" in written
    assert "## copy-auditor" not in result.stdout


def test_github_step_summary_needs_the_variable(tmp_path: Path) -> None:
    append_step_summary([one_page(".", finding())], environ={})
    append_step_summary([one_page(".", finding())], environ={"GITHUB_STEP_SUMMARY": ""})
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_step_summary_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "dir" / "s.md"))
    result = CliRunner().invoke(main, ["check", "--format", "github", "examples/sites/nl-after"])
    assert result.exit_code == 2
    assert result.stderr.startswith("auditor: cannot write the step summary")
    assert len(result.stderr.splitlines()) == 1


# -- JUnit -----------------------------------------------------------------------------------


def test_junit_one_testcase_per_page_and_rule(reports: dict[str, Report]) -> None:
    report = reports["nl-before"]
    suites = ET.fromstring(render_junit_reports([report]))
    [suite] = suites.findall("testsuite")
    cases = suite.findall("testcase")
    rules = [r.id for r in load_rules()]
    assert len(cases) == len(report.pages) * len(rules) == int(suite.get("tests", ""))
    assert {(c.get("classname"), c.get("name")) for c in cases} == {
        (p.path, rule) for p in report.pages for rule in rules
    }
    failed = {(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None}
    assert failed == {(f.path, f.rule) for f in report.findings}
    assert int(suite.get("failures", "")) == len(failed)
    for case in cases:
        assert case.get("file") == f"examples/sites/nl-before/{case.get('classname')}"


def test_junit_survives_any_page_text() -> None:
    nasty = 'a\x00b\x01c\x1b[31m <&> "quote" \ud800 ]]> \x7f end'
    report = one_page(
        ".",
        finding(message=nasty, excerpt=nasty, fix=nasty, path="we<ird>&.html"),
        finding(rule="social-proof", suppression={"kind": "baseline", "reason": nasty}),
        path="we<ird>&.html",
    )
    report.errors.append(BLOG_ERROR)
    suites = ET.fromstring(render_junit_reports([report]).encode("utf-8"))
    failure = suites.find(".//failure")
    assert failure is not None
    assert 'c\ufffd[31m <&> "quote" \ufffd ]]>' in failure.get("message", "")
    assert "<&>" in (failure.text or "")
    skipped = suites.find(".//skipped")
    assert skipped is not None and skipped.get("message", "").startswith("suppressed (baseline)")
    suite = suites.find("testsuite")
    assert suite is not None
    assert (suite.get("failures"), suite.get("skipped"), suite.get("errors")) == ("1", "1", "1")


# -- Markdown --------------------------------------------------------------------------------


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every table row, split on unescaped pipes."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([c.strip() for c in cells])
    return rows


def test_markdown_summary_of_the_example_site(reports: dict[str, Report]) -> None:
    report = reports["nl-before"]
    text = render_markdown_reports([report])
    assert f"**Score {site_score(report)}/100**" in text
    counts = f"({report.count('error')} errors, {report.count('warning')} warnings,"
    assert counts in text
    rows = [r for r in table_rows(text) if r[0] != "severity"]
    assert len(rows) == len(report.findings)
    assert all(len(r) == 5 for r in rows)
    for f in report.findings:
        assert f"### `examples/sites/nl-before/{f.path}`" in text
    assert text.count("<details>") == text.count("</details>") > 0


def test_markdown_page_text_cannot_break_the_table() -> None:
    message = "a | b\nc <script>alert(1)</script> @marieke [x](javascript:y) `code`"
    report = one_page(
        ".",
        finding(message=message, fix="fix | it"),
        finding(rule="social-proof", suppression={"kind": "inline", "reason": "ok | fine"}),
    )
    text = render_markdown_reports([report])
    [header, row] = table_rows(text)
    assert len(row) == len(header) == 5
    assert "<script>" not in text and "@marieke" not in text and "[x](javascript" not in text
    assert "1 finding (1 error, 0 warnings, 0 info)" in text and "1 suppressed" in text
    assert "<summary>Suppressed (1)</summary>" in text


# -- GitLab ----------------------------------------------------------------------------------


def test_gitlab_code_quality(reports: dict[str, Report]) -> None:
    report = reports["nl-before"]
    issues = json.loads(render_gitlab_reports([report]))
    assert len(issues) == len(report.findings)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    for issue, f in zip(issues, report.findings, strict=True):
        assert issue["check_name"] == f.rule
        assert issue["description"].startswith(f.message)
        assert issue["severity"] == severities[f.severity]
        assert issue["location"] == {
            "path": f"examples/sites/nl-before/{f.path}",
            "lines": {"begin": f.line},
        }
        assert (REPO_ROOT / issue["location"]["path"]).is_file()
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_stay_unique_and_suppressed_findings_are_left_out() -> None:
    twice = finding(line=3), finding(line=9)
    silenced = finding(rule="social-proof", suppression={"kind": "baseline", "reason": ""})
    issues = json.loads(render_gitlab_reports([one_page(".", *twice, silenced)]))
    assert [i["check_name"] for i in issues] == ["price-next-to-offer"] * 2
    assert issues[0]["fingerprint"] == twice[0].fingerprint
    assert issues[1]["fingerprint"] != issues[0]["fingerprint"]


def test_several_targets_make_one_document() -> None:
    """Each format renders all reports of a run as one parseable document."""
    runner = CliRunner()
    args = ["check", "examples/sites/nl-before", "examples/sites/en-before", "--format"]
    sarif = json.loads(runner.invoke(main, [*args, "sarif"]).stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("/")[2]
        for r in sarif["runs"][0]["results"]
    }
    assert uris == {"nl-before", "en-before"}
    junit = ET.fromstring(runner.invoke(main, [*args, "junit"]).stdout)
    assert len(junit.findall("testsuite")) == 2
    gitlab = json.loads(runner.invoke(main, [*args, "gitlab"]).stdout)
    assert {i["location"]["path"].split("/")[2] for i in gitlab} == {"nl-before", "en-before"}

"""Reports of many pages, and file names a stranger chose, in the report formats."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import write_site
from helpers import run

from auditor.audit.report import PageSummary, Report
from auditor.checks.findings import Finding
from auditor.reporters.junit import render_junit_reports
from auditor.reporters.sarif import render_sarif_reports

# a page whose welcome is a finding of homepage-autobiographical-welcome
WELCOME = (
    "<html lang='nl'><body><h1>Welkom op mijn website</h1><p>Ik ben Anna en ik ben coach sinds"
    " 2010. Ik heb een opleiding gevolgd en ik vind mijn werk heel leuk.</p></body></html>"
)


def finding(page: str, path: str | None = None) -> Finding:
    return Finding("r", "warning", page, path, 1, 1, "message", "excerpt", "fix", fingerprint=page)


def test_junit_of_many_pages_and_findings_is_linear() -> None:
    n = 20_000  # each page's findings were looked for among all: 20,000 x 20,000
    pages = [PageSummary(f"/p{i}", None, "other", "nl", 200) for i in range(n)]
    report = Report("https://x.nl", pages, [finding(p.url) for p in pages], [])
    started = time.monotonic()
    xml = render_junit_reports([report])
    assert time.monotonic() - started < 8  # 15 rules x 20,000 test cases; was minutes
    assert xml.count("<failure ") == n


@pytest.mark.parametrize(
    ("name", "uri"),
    [("a b.html", "a%20b.html"), ("c#d.html", "c%23d.html"), ("e?f.html", "e%3Ff.html"),
     ("g%h.html", "g%25h.html"), ("über.html", "%C3%BCber.html")],
)  # fmt: skip
def test_sarif_uris_are_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, uri: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    report = Report("site", [], [finding("/x", name)], [])
    log = json.loads(render_sarif_reports([report]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == f"site/{uri}"


def test_baseline_file_names_never_reach_the_terminal_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path / "site", {"/": WELCOME})
    name = "base\x1b]0;owned\x07\x1b[2J\u202eline.json"
    result = run("baseline", site, "--output", name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).is_file()
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\x07" not in result.output
    result = run("check", site, "--baseline", name, "--prune-baseline")
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    missing = run("check", site, "--baseline", name + "\x1b[31m")
    assert missing.exit_code == 2
    assert "\x1b" not in missing.stderr


def test_a_target_name_too_long_for_the_system_still_reports() -> None:
    """A target no file system can look up (a name of 300 letters) is no file: the reports
    that place findings in files still render (hypothesis found the OSError)."""
    target = "a" * 300
    report = Report(target, [PageSummary("/", "index.html", "home", "nl", None)],
                    [finding("/", "index.html")], [])  # fmt: skip
    assert "<failure " in render_junit_reports([report])
    assert json.loads(render_sarif_reports([report]))["runs"][0]["results"]

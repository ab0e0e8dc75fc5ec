"""Report, baseline and folder inputs a stranger made: each is one line and an exit code, never a
traceback; an unexpected failure is one line and exit 4, never the findings' exit 1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import write_site
from helpers import assert_one_error_line, run
from http_server import SiteServer

from auditor.audit import engine
from auditor.page import parse as page_parse
from auditor.page import reader as page_reader

REPORT = '{"target": "site", "pages": [], "findings": [], "errors": [], "rules": []}'
HOSTILE_JSON = {
    "lone-surrogate": REPORT.replace('"site"', '"\\ud800"'),
    "deep-nesting": "[" * 100_000 + "]" * 100_000,
    "long-number": REPORT.replace('[], "rules"', '[], "n": ' + "1" * 5000 + ', "rules"'),
    "errors-not-a-list": REPORT.replace('"errors": []', '"errors": 5'),
    "huge-float": REPORT.replace('"errors": []', '"errors": 1e999'),
}
BASELINE = '{"tool": "copy-auditor", "version": 1, "findings": [FINDING]}'
FINDING = '{"fingerprint": "F", "rule": "r", "page": "/", "count": COUNT}'
HOSTILE_BASELINES = {
    "lone-surrogate": BASELINE.replace("FINDING", FINDING.replace('"F"', '"\\udc80"')),
    "deep-nesting": BASELINE.replace("FINDING", "[" * 100_000 + "]" * 100_000),
    "long-number": BASELINE.replace("FINDING", FINDING.replace("COUNT", "1" * 5000)),
    "huge-float": BASELINE.replace("FINDING", FINDING.replace("COUNT", "1e999")),
    "findings-not-a-list": BASELINE.replace("[FINDING]", "5"),
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_site(tmp_path / "site", {"/": "<html lang='en'><h1>Hi</h1><p>I coach.</p></html>"})


@pytest.mark.parametrize("text", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_a_hostile_report_to_diff(tmp_path: Path, text: str) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(REPORT, encoding="utf-8")
    bad.write_text(text, encoding="utf-8")
    for old, new in ((good, bad), (bad, good)):
        line = assert_one_error_line(run("diff", old, new))
        assert line.startswith(f"auditor: {bad}") and len(line) < 200, line


@pytest.mark.parametrize("text", HOSTILE_BASELINES.values(), ids=HOSTILE_BASELINES.keys())
def test_a_hostile_baseline(site: Path, text: str) -> None:
    Path("baseline.json").write_text(text, encoding="utf-8")
    line = assert_one_error_line(run("check", "--baseline", "baseline.json", site))
    assert line.startswith("auditor: baseline.json: ") and len(line) < 200, line


def test_a_folder_a_thousand_levels_deep(site: Path) -> None:
    deep = site
    for _ in range(1000):  # one at a time: mkdir(parents=True) recurses too
        deep = deep / "d"
        deep.mkdir()
    (deep / "index.html").write_text("<p>Deep down</p>", encoding="utf-8")
    try:
        result = run("check", "--format", "json", site)
    finally:
        remove_deep(site / "d")  # pytest's own clean-up of tmp_path recurses
    assert result.exit_code in (0, 1), result.output
    assert len(json.loads(result.stdout)["pages"]) == 2


def remove_deep(top: Path) -> None:
    """Remove a folder tree, however deep, without recursion."""
    folders, stack = [], [top]
    while stack:
        folders.append(stack.pop())
        for entry in folders[-1].iterdir():
            if entry.is_dir() and not entry.is_symlink():
                stack.append(entry)
            else:
                entry.unlink()
    for folder in reversed(folders):
        folder.rmdir()


def test_an_unexpected_failure_is_one_line_and_exit_4(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug\non two lines")

    monkeypatch.setattr(engine, "build_site", broken)
    monkeypatch.setattr(engine, "audit_folder", broken)
    line = assert_one_error_line(run("check", site), code=4)
    assert line.startswith("auditor: internal error: KeyError: 'a bug"), line
    assert "please report" in line


def test_a_homepage_that_cannot_be_read_is_exit_3(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "no problems found on 0 pages" and exit 0."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("unreadable")

    monkeypatch.setattr(page_parse, "parse_page", broken)
    monkeypatch.setattr(page_reader, "parse_page", broken)  # the crawl's reader
    line = assert_one_error_line(run("check", "-j", "1", site), code=3)
    assert line == f"auditor: {site}: no HTML file to audit (/: could not parse: ValueError)"
    with SiteServer(root=site) as server:
        line = assert_one_error_line(run("check", server.url + "/"), code=3)
    assert line.startswith(f"auditor: {server.url}/: no HTML file to audit ("), line
    assert line.endswith("ValueError: unreadable)"), line


@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_an_unreadable_sub_folder_is_one_error(
    site: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Root reads every folder, so the test makes the folder unreadable to the walk."""
    if kind == "markdown":
        (site / "index.html").unlink()
        (site / "index.md").write_text("# Hi\n\nI coach.\n", encoding="utf-8")
    write_site(site / "locked", {"/": "<p>Secret</p>"})
    scandir = os.scandir

    def denied(path: str | os.PathLike[str]) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    for jobs in ("1", "2"):
        result = run("check", "--format", "json", "-j", jobs, site)
        assert result.exit_code in (0, 1), result.output
        report = json.loads(result.stdout)
        assert report["errors"] == [
            {"page": "/locked/", "message": "could not read the folder: Permission denied"}
        ]
        assert len(report["pages"]) == 1

"""`auditor diff OLD.json NEW.json`: fixed, new and still open, matched by fingerprint."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES
from test_cli import assert_one_error_line

from auditor.audit.diff import diff_site
from auditor.audit.report import Report
from auditor.checks.findings import Finding
from auditor.cli.main import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def report_file(folder: Path, name: str, *targets: str | Path) -> Path:
    out = folder / name
    result = run("check", *targets, "--format", "json", "--output", out)
    assert result.exit_code in (0, 1), result.output
    return out


def diff_json(old: Path, new: Path) -> dict | list:
    return json.loads(run("diff", old, new, "--format", "json").stdout)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of nl-before to edit between two audits."""
    return Path(shutil.copytree(EXAMPLES / "nl-before", tmp_path / "site"))


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_before_and_after_everything_fixed(tmp_path: Path) -> None:
    old = report_file(tmp_path, "old.json", EXAMPLES / "nl-before")
    new = report_file(tmp_path, "new.json", EXAMPLES / "nl-after")
    result = run("diff", old, new)
    assert result.exit_code == 0
    before = json.loads(old.read_text(encoding="utf-8"))
    data = diff_json(old, new)
    assert isinstance(data, dict)
    assert len(data["fixed"]) == len(before["findings"]) and data["new"] == []
    assert data["still_open"] == []
    assert {f["fingerprint"] for f in data["fixed"]} == {
        f["fingerprint"] for f in before["findings"]
    }
    assert data["score"] == {"old": before["summary"]["score"], "new": 100}
    lines = result.stdout.splitlines()
    assert lines[0].endswith(f"score {before['summary']['score']} -> 100; "
                             f"{len(before['findings'])} fixed, 0 new, 0 still open")  # fmt: skip
    assert "  price-next-to-offer" in lines and "still open (" not in result.stdout
    assert all(len(line) <= 140 for line in lines[1:])  # long excerpts are shortened


def test_unrelated_edits_keep_findings_open(site: Path, tmp_path: Path) -> None:
    old = report_file(tmp_path, "old.json", site)
    offers = site / "aanbod" / "index.html"
    edit(offers, "<body", "<!-- moved -->\n\n\n<body")
    edit(offers, "verspreid over ongeveer drie maanden", "verspreid over een kwartaal")
    new = report_file(tmp_path, "new.json", site)
    data = diff_json(old, new)
    assert isinstance(data, dict)
    assert data["fixed"] == [] and data["new"] == []
    before = json.loads(old.read_text(encoding="utf-8"))["findings"]
    assert len(data["still_open"]) == len(before)
    moved = [f for f in data["still_open"] if f["page"] == "/aanbod/"]
    old_lines = {f["fingerprint"]: f["line"] for f in before}
    assert moved and all(f["line"] == old_lines[f["fingerprint"]] + 3 for f in moved)


def test_a_fix_and_a_new_problem(site: Path, tmp_path: Path) -> None:
    old = report_file(tmp_path, "old.json", site)
    home = site / "index.html"
    edit(home, "Met vriendelijke groeten,<br>Marieke", "Ik zie je graag bij een kennismaking.")
    edit(home, "</body>", '<form><input type="email" name="e"></form></body>')  # no privacy link
    new = report_file(tmp_path, "new.json", site)
    data = diff_json(old, new)
    assert isinstance(data, dict)
    assert [f["rule"] for f in data["fixed"]] == ["homepage-letter-signoff"]
    assert [f["rule"] for f in data["new"]] == ["signup-form-privacy-link"]
    assert run("diff", old, new).exit_code == 1  # something new


def test_several_targets_are_matched_per_target(tmp_path: Path) -> None:
    nl_before, en_before = EXAMPLES / "nl-before", EXAMPLES / "en-before"
    old = report_file(tmp_path, "old.json", nl_before, en_before)
    new = report_file(tmp_path, "new.json", en_before, nl_before, EXAMPLES / "en-after")
    data = diff_json(old, new)
    assert isinstance(data, list)
    assert [d["target"] for d in data] == [
        str(en_before),
        str(nl_before),
        str(EXAMPLES / "en-after"),
    ]
    assert all(d["fixed"] == [] and d["new"] == [] for d in data[:2])
    assert all(d["still_open"] for d in data[:2])
    assert data[2]["score"]["old"] is None

    dropped = run("diff", new, report_file(tmp_path, "one-less.json", en_before, nl_before))
    assert dropped.exit_code == 0 and "examples/sites/en-after" in dropped.stderr
    assert "not compared" in dropped.stderr


def test_the_same_finding_twice_is_matched_once() -> None:
    twice = Finding("r", "error", "/", None, None, None, "m", "Mail me", "f", fingerprint="a" * 20)
    old = Report("s", [], [twice, twice], [])
    new = Report("s", [], [twice], [])
    result = diff_site(old, new)
    assert (len(result.fixed), len(result.added), len(result.still_open)) == (1, 0, 1)


def test_silenced_is_not_fixed() -> None:
    open_one = Finding("r", "error", "/", None, None, None, "m", "x", "f", fingerprint="b" * 20)
    silenced = Finding(**{**open_one.__dict__, "suppression": {"kind": "baseline"}})
    result = diff_site(Report("s", [], [open_one], []), Report("s", [], [silenced], []))
    assert (result.fixed, result.added, result.still_open) == ([], [], [])


def test_html_progress_page(tmp_path: Path) -> None:
    old = report_file(tmp_path, "old.json", EXAMPLES / "en-before")
    new = report_file(tmp_path, "new.json", EXAMPLES / "en-after")
    html = run("diff", old, new, "--format", "html").stdout
    assert '<html lang="en">' in html and "Progress report" in html
    assert html.count('data-verdict="fixed"') > 0 and 'data-count="new"><b>0</b>' in html
    dutch = run("diff", old, new, "--format", "html", "--lang", "nl").stdout
    assert '<html lang="nl">' in dutch and "Opgelost" in dutch


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not valid JSON (line 1)"),
        ("[]", "holds no report"),
        ("[1]", "is not a copy-auditor JSON report"),
        ('{"target": "x"}', "is not a copy-auditor JSON report"),
        ('{"target": "x", "pages": [], "findings": [{"rule": "r"}]}', "each finding needs"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
    ],
)
def test_bad_report_files(tmp_path: Path, content: str | bytes | None, message: str) -> None:
    good = report_file(tmp_path, "good.json", EXAMPLES / "en-after")
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    elif content is not None:
        bad.write_text(content, encoding="utf-8")
    for args in ((bad, good), (good, bad)):
        result = run("diff", *args)
        assert result.exit_code == 2
        assert_one_error_line(result.stderr)
        assert message in result.stderr and str(bad) in result.stderr


def test_text_from_a_report_file_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    old = report_file(tmp_path, "old.json", EXAMPLES / "en-before")
    data = json.loads(old.read_text(encoding="utf-8"))
    data["findings"][0]["rule"] = "evil\x07\u202e"
    data["findings"][0]["excerpt"] = "copy\x08\u202e"
    gone = {**data, "target": "gone\x07\u202e"}
    old.write_text(json.dumps([data, gone]), encoding="utf-8")
    new = tmp_path / "new.json"
    new.write_text(json.dumps([{**data, "findings": []}]), encoding="utf-8")
    result = run("diff", old, new)
    for raw in ("\x07", "\x08", "\u202e"):  # (click itself drops ANSI escapes off a terminal)
        assert raw not in result.stdout and raw not in result.stderr
    assert "evil" in result.stdout and "gone" in result.stderr

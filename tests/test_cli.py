"""The `auditor` command: exit codes, error lines, report formats and the rules/explain commands."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CORE_RULES, EXAMPLES, write_site
from http_server import SiteServer

from auditor.checks.loader import load_rules
from auditor.cli.main import main
from auditor.lexicons import knowledge, lexicon

NL_BEFORE = str(EXAMPLES / "nl-before")
NL_AFTER = str(EXAMPLES / "nl-after")
SUMMARY = re.compile(
    r"\d+ findings \([1-9]\d* errors?, \d+ warnings?, \d+ infos?\) on 6 pages of "
    r".+, score \d\d?/100$"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def python_m_auditor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_error_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("auditor: ")


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_findings_at_error_exit_1() -> None:
    result = run("check", NL_BEFORE)
    assert result.exit_code == 1
    assert SUMMARY.search(result.stdout.splitlines()[-1])
    assert f" of {NL_BEFORE}, score " in result.stdout.splitlines()[-1]
    assert result.stderr == ""


def test_clean_site_exits_0() -> None:
    result = run("check", NL_AFTER)
    assert result.exit_code == 0
    assert "no problems found" in result.stdout
    assert result.stdout.endswith(", score 100/100\n")


def test_fail_on_never_exits_0_with_findings() -> None:
    result = run("check", "--fail-on", "never", NL_BEFORE)
    assert result.exit_code == 0
    assert SUMMARY.search(result.stdout)


def test_fail_on_warning(warnings_only: Path) -> None:
    default = run("check", str(warnings_only))
    assert default.exit_code == 0
    assert re.search(r"\(0 errors, [1-9]\d* warnings?,", default.stdout)
    assert run("check", "--fail-on", "warning", str(warnings_only)).exit_code == 1
    assert run("check", "--fail-on", "info", str(warnings_only)).exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bogus", NL_BEFORE),
        ("check", "--fail-on", "sometimes", NL_BEFORE),
        ("check", "--max-pages", "0", NL_BEFORE),
        ("check",),
        ("check", "--lang", "xx", NL_BEFORE),
        ("explain", "--all", "price-next-to-offer"),
        ("rules", "--format", "markdown"),
        ("rules", "--output-dir", "docs"),
    ],
    ids=[
        "unknown-option",
        "bad-fail-on",
        "bad-max-pages",
        "no-target",
        "unknown-lang",
        "explain-rule-and-all",
        "markdown-without-dir",
        "dir-without-markdown",
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "Error:" in result.stderr


def test_explain_unknown_rule_exits_2() -> None:
    result = run("explain", "no-such-rule")
    assert result.exit_code == 2
    assert_one_error_line(result.stderr)
    assert "no-such-rule" in result.stderr


def test_missing_folder_exits_3(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing"))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert_one_error_line(result.stderr)
    assert "missing" in result.stderr


def test_unreachable_url_exits_3(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/"
    result = run("check", "--timeout", "5", url)
    assert result.exit_code == 3
    assert_one_error_line(result.stderr)
    assert url in result.stderr


def test_output_file_keeps_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run("check", "--output", str(out), NL_BEFORE)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert SUMMARY.search(out.read_text(encoding="utf-8"))
    assert "\x1b" not in out.read_text(encoding="utf-8")


def test_output_file_json(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert run("check", "-o", str(out), "--format", "json", NL_AFTER).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["findings"] == []


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    result = run("check", "--output", str(tmp_path / "no" / "dir" / "r.txt"), NL_BEFORE)
    assert result.exit_code == 2
    assert_one_error_line(result.stderr)


def test_json_format_parses() -> None:
    result = run("check", "--format", "json", NL_BEFORE)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {f["rule"] for f in report["findings"]} >= CORE_RULES
    assert report["target"] == NL_BEFORE


def test_content_lang_overrides_the_declared_language_and_lang_does_not(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": '<html lang="nl"><body><h1>Welcome to my website!'})
    config = tmp_path / "auditor.yml"
    config.write_text("content_lang: en\n", encoding="utf-8")
    for args in ((), ("--lang", "en")):  # the report's language, not the copy's
        as_declared = json.loads(run("check", "--format", "json", *args, str(site)).stdout)
        assert [p["lang"] for p in as_declared["pages"]] == ["nl"]
        found = {f["rule"] for f in as_declared["findings"]}
        assert "homepage-autobiographical-welcome" not in found
    read = json.loads(run("check", "--format", "json", "--config", str(config), str(site)).stdout)
    assert [p["lang"] for p in read["pages"]] == ["en"]
    [finding] = [f for f in read["findings"] if f["rule"] == "homepage-autobiographical-welcome"]
    assert finding["message"].startswith("The homepage opens with a generic welcome")


def test_max_pages_limits_a_crawl() -> None:
    with SiteServer(root=EXAMPLES / "nl-before") as server:
        result = run("check", "--format", "json", "--max-pages", "2", server.url + "/")
    assert result.exit_code in (0, 1)
    report = json.loads(result.stdout)
    assert report["summary"]["pages"] == 2
    assert report["pages"][0]["url"] == server.url + "/"


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == [rule.id for rule in load_rules()]


def test_explain_shows_why_fix_and_examples() -> None:
    result = run("explain", "price-next-to-offer")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("price-next-to-offer (error)")
    for part in ("\nWhy it matters: ", "\nWhat to do: ", "\nA page that fails: ",
                 "\nA page that passes: ", "/tarieven/: <html"):  # fmt: skip
        assert part in out
    dutch = run("explain", "--lang", "nl", "price-next-to-offer").stdout
    assert "Prijs naast het aanbod" in dutch
    for part in ("\nWaarom het ertoe doet: ", "\nWat je kunt doen: ", "\nZo niet: ", "\nZo wel: "):
        assert part in dutch


def test_explain_without_a_rule_explains_every_rule() -> None:
    heading = re.compile(r"(\S+) \((?:error|warning|info)\): ")
    for args in (("explain",), ("explain", "--all")):
        result = run(*args)
        assert result.exit_code == 0
        explained = [m[1] for line in result.stdout.splitlines() if (m := heading.match(line))]
        assert explained == [rule.id for rule in load_rules()]
        assert result.stdout.count("\nWhy it matters: ") == len(explained)
    assert "Prijs naast het aanbod" in run("explain", "--lang", "nl").stdout


@pytest.fixture
def lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the bundled lexicons folder, read instead of it, that a test may add to."""
    rules = tmp_path / "rules"
    shutil.copytree(lexicon.rules_dir(), rules)
    monkeypatch.setattr(lexicon, "rules_dir", lambda: rules)
    monkeypatch.setattr(knowledge, "rules_dir", lambda: rules)
    yield rules / "lexicons"


def test_a_new_lexicon_adds_its_language_to_lang(lexicons: Path) -> None:
    # a whole lexicon (every required key), without German texts for the rules
    english = (lexicons / "en.yml").read_text(encoding="utf-8")
    (lexicons / "de.yml").write_text(english.replace("lang: en", "lang: de"), encoding="utf-8")
    assert "--lang [de|en|nl]" in run("check", "--help").stdout
    explained = run("explain", "--lang", "de", "price-next-to-offer")
    assert explained.exit_code == 0
    assert "Price next to the offer" in explained.stdout  # no German texts: the English ones
    checked = run("check", "--format", "json", "--lang", "de", NL_AFTER)
    assert checked.exit_code in (0, 1), checked.stderr
    assert {page["lang"] for page in json.loads(checked.stdout)["pages"]} == {"nl"}


@pytest.mark.parametrize(
    "args",
    [
        ("explain",),
        ("explain", "--lang", "nl", "price-next-to-offer"),
        ("check", "--lang", "nl", NL_AFTER),
    ],
)
def test_a_broken_lexicon_is_one_error_line(lexicons: Path, args: tuple[str, ...]) -> None:
    (lexicons / "de.yml").write_text("lang: [de\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 2
    assert_one_error_line(result.stderr)
    assert "de.yml" in result.stderr


def test_text_report_has_no_ansi_when_not_a_tty() -> None:
    assert "\x1b" not in run("check", NL_BEFORE).stdout


def test_text_report_is_coloured_on_a_tty(tmp_path: Path) -> None:
    """The counterpart of the test above: on a terminal the severities are coloured."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", NL_BEFORE],
        cwd=tmp_path,
        stdout=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    try:
        while chunk := os.read(leader, 65536):
            chunks.append(chunk)
    except OSError:  # EIO: the child closed the terminal and all output was read
        pass
    finally:
        os.close(leader)
    assert proc.wait(timeout=60) == 1
    assert b"\x1b[31merror\x1b[0m" in b"".join(chunks)


def test_escape_sequences_in_copy_do_not_reach_the_terminal(tmp_path: Path) -> None:
    home = (
        '<html lang="nl"><body><h1>Hallo, welkom op mijn website! \x1b[31mROOD\x1b[0m</h1>'
        "<p>Mijn naam is \x1b]0;titel\x07Marieke.</p></body></html>"
    )
    site = write_site(tmp_path, {"/": home})
    result = run("check", str(site))
    assert "homepage-autobiographical-welcome" in result.stdout
    assert "ROOD" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout


def test_python_m_auditor(tmp_path: Path) -> None:
    found = python_m_auditor("check", NL_BEFORE, cwd=tmp_path)
    assert found.returncode == 1
    assert SUMMARY.search(found.stdout)
    assert found.stderr == ""
    clean = python_m_auditor("check", "--format", "json", NL_AFTER, cwd=tmp_path)
    assert clean.returncode == 0
    assert json.loads(clean.stdout)["summary"]["findings"] == 0


def test_python_m_auditor_missing_folder(tmp_path: Path) -> None:
    proc = python_m_auditor("check", "missing-site", cwd=tmp_path)
    assert proc.returncode == 3
    assert proc.stdout == ""
    assert_one_error_line(proc.stderr)


def test_json_with_several_targets_is_one_array_of_reports() -> None:
    result = run("check", NL_BEFORE, NL_AFTER, "--format", "json")
    reports = json.loads(result.stdout)
    assert [r["target"] for r in reports] == [NL_BEFORE, NL_AFTER]
    assert result.exit_code == 1  # nl-before has errors

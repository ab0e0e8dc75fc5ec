"""Exit codes in CI: --max-warnings, --exit-zero, --output in every format, suppressed findings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES

from auditor.audit import engine
from auditor.audit.engine import audit
from auditor.audit.report import Report
from auditor.cli import main as cli
from auditor.config.settings import ExitPolicy
from auditor.reporters import FORMATS

NL_BEFORE = str(EXAMPLES / "nl-before")
NL_AFTER = str(EXAMPLES / "nl-after")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def test_max_warnings(warnings_only: Path) -> None:
    report = json.loads(run("check", "--format", "json", str(warnings_only)).stdout)
    warnings = report["summary"]["by_severity"]["warning"]
    assert warnings >= 1 and report["summary"]["by_severity"]["error"] == 0
    assert run("check", str(warnings_only)).exit_code == 0
    assert run("check", "--max-warnings", str(warnings), str(warnings_only)).exit_code == 0
    over = run("check", "--max-warnings", str(warnings - 1), str(warnings_only))
    assert over.exit_code == 1
    never = ("check", "--fail-on", "never", "--max-warnings", "0", str(warnings_only))
    assert run(*never).exit_code == 1


def test_max_warnings_must_be_a_count() -> None:
    result = run("check", "--max-warnings", "-1", NL_AFTER)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_exit_zero_with_findings() -> None:
    assert run("check", NL_BEFORE).exit_code == 1
    result = run("check", "--exit-zero", "--fail-on", "info", NL_BEFORE)
    assert result.exit_code == 0
    assert "price-next-to-offer" in result.stdout
    assert run("check", "--exit-zero", "--max-warnings", "0", NL_BEFORE).exit_code == 0


def test_exit_zero_keeps_real_errors(tmp_path: Path) -> None:
    missing = run("check", "--exit-zero", str(tmp_path / "missing"))
    assert missing.exit_code == 3
    assert missing.stderr.startswith("auditor: ")
    assert run("check", "--exit-zero", "--format", "nope", NL_BEFORE).exit_code == 2
    unwritable = run("check", "--exit-zero", "-o", str(tmp_path / "no" / "r.txt"), NL_BEFORE)
    assert unwritable.exit_code == 2


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("target", [NL_BEFORE, NL_AFTER], ids=["findings", "clean"])
def test_output_never_changes_the_exit_code(fmt: str, target: str, tmp_path: Path) -> None:
    to_stdout = run("check", "--format", fmt, target)
    out = tmp_path / f"report.{fmt}"
    to_file = run("check", "--format", fmt, "--output", str(out), target)
    assert to_file.exit_code == to_stdout.exit_code == (1 if target == NL_BEFORE else 0)
    assert to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


def silenced(report: Report) -> Report:
    """The report with every finding suppressed, as inline directives or a baseline would."""
    known = {"kind": "baseline", "reason": "known"}
    return replace(report, findings=[replace(f, suppression=known) for f in report.findings])


def test_suppressed_findings_do_not_count() -> None:
    report = audit(NL_BEFORE)
    strict, warnings = ExitPolicy(fail_on="info"), ExitPolicy(fail_on="never", max_warnings=0)
    assert strict.failed(report) and warnings.failed(report)
    quiet = silenced(report)
    assert not strict.failed(quiet)
    assert not warnings.failed(quiet)
    half = replace(quiet, findings=[*quiet.findings, report.findings[0]])
    assert strict.failed(half)


def test_suppressed_findings_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    # the command imports the engine's audit when it runs
    monkeypatch.setattr(engine, "audit", lambda target, options: silenced(audit(target)))
    args = ("--fail-on", "info", "--max-warnings", "0", "--format", "sarif", NL_BEFORE)
    result = run("check", *args)
    assert result.exit_code == 0
    results = json.loads(result.stdout)["runs"][0]["results"]
    external = [{"kind": "external", "justification": "known"}]
    assert results and all(r["suppressions"] == external for r in results)

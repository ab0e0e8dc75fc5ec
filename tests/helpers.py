"""Helpers for the configuration, custom rule, suppression and baseline tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from auditor.cli.main import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def run_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    """`auditor check --format json ARGS`: the exit code and the report."""
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["rule"] == rule]


def assert_one_error_line(result: Result, code: int = 2) -> str:
    """The command failed with `code` and one `auditor: ...` line on stderr; that line."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: "), result.stderr
    return lines[0]


def make_repo(folder: Path) -> Path:
    """A folder that config discovery treats as a repository root (it stops there)."""
    (folder / ".git").mkdir(parents=True)
    return folder


def write_rule(
    folder: Path, rule_id: str, check: str, params: dict[str, Any], severity: str = "warning",
    message: str = "found {phrase}",
) -> Path:  # fmt: skip
    """A custom rule file with the same texts in English and Dutch."""
    texts = {"en": message, "nl": message}
    data = {
        "id": rule_id, "severity": severity, "check": check, "title": texts, "message": texts,
        "fix": {"en": "Fix it.", "nl": "Los het op."}, "why": {"en": "Why.", "nl": "Waarom."},
        "params": params,
        "examples": {"fail": [{"name": "f", "html": "<p>x</p>"}],
                     "pass": [{"name": "p", "html": "<p>y</p>"}]},
    }  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rule_id}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

"""Helpers for the configuration, custom rule, suppression and baseline tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from conftest import write_site

from auditor.audit.engine import model_target
from auditor.checks.kinds import KINDS
from auditor.checks.rule import Hit, Rule
from auditor.checks.run import to_finding
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


def example_pages(example: dict[str, Any]) -> dict[str, str]:
    """A rule example's pages: site path -> HTML."""
    return example.get("pages") or {"/": example["html"]}


def found(rule: Rule, folder: Path) -> list[dict[str, Any]]:
    """What the rule's check finds in the site in `folder`: each hit's message variant and
    where its finding is (excerpt, line, column), in the order the check yields them."""
    site = model_target(str(folder))
    results = KINDS[rule.check](site, rule, lambda page: site.knowledge.lexicon(page.lang))
    return [
        {"variant": hit.variant, "excerpt": f.excerpt, "line": f.line, "column": f.column}
        for hit in results
        if isinstance(hit, Hit) and (f := to_finding(rule, hit))
    ]


def mismatch(rule: Rule, example: dict[str, Any], folder: Path) -> str | None:
    """How the findings of a fail example differ from its `findings:` (None: they agree): each
    expected key (variant, excerpt, line, column) of each finding, in order."""
    expected = example["findings"]
    got = found(rule, write_site(folder, example_pages(example)))
    seen = [{key: g[key] for key in e} for g, e in zip(got, expected, strict=False)]
    if len(got) != len(expected) or seen != expected:
        return f"expected {expected}, found {got}"
    return None

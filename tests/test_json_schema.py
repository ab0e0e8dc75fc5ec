"""JSON reports match auditor/report.schema.json and are internally consistent."""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_SITES, EXAMPLES
from http_server import SiteServer
from jsonschema import Draft202012Validator

from auditor.audit.engine import audit
from auditor.audit.report import Report
from auditor.checks.findings import SEVERITIES
from auditor.checks.loader import load_rules
from auditor.reporters.json_report import render_json

SCHEMA = json.loads(files("auditor").joinpath("report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def json_report(target: str) -> dict[str, Any]:
    return json.loads(render_json(audit(target)))


def assert_valid(report: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(report)]
    assert errors == []


def assert_summary_agrees(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert summary["pages"] == len(report["pages"])
    assert summary["findings"] == len(report["findings"])
    counts = Counter(f["severity"] for f in report["findings"])
    assert summary["by_severity"] == {s: counts[s] for s in SEVERITIES}
    assert isinstance(summary["score"], int)
    assert (summary["score"] == 100) == (report["findings"] == [])
    statuses = {s["id"]: s for s in report["rules"]}
    assert set(statuses) == {r.id for r in load_rules()}  # every rule, once
    for rule, status in statuses.items():
        assert status["findings"] == counts_by_rule(report)[rule]
        assert (status["status"] == "failed") == (status["findings"] > 0)


def counts_by_rule(report: dict[str, Any]) -> Counter[str]:
    return Counter(f["rule"] for f in report["findings"] if f.get("suppression") is None)


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", EXAMPLE_SITES)
def test_folder_report(name: str) -> None:
    report = json_report(str(EXAMPLES / name))
    assert_valid(report)
    assert_summary_agrees(report)
    for finding in report["findings"]:
        for key in ("message", "fix", "excerpt", "path"):
            assert finding[key] and finding[key].strip(), (key, finding)
        assert isinstance(finding["line"], int) and finding["line"] >= 1, finding
    assert all(page["path"] and page["status"] is None for page in report["pages"])
    if name.endswith("-before"):
        assert report["findings"], "a before-site with no findings proves nothing here"


def test_url_report() -> None:
    with SiteServer(root=EXAMPLES / "en-before") as server:
        report = json_report(server.url + "/")
    assert_valid(report)
    assert_summary_agrees(report)
    assert report["findings"]
    assert report["target"] == server.url + "/"
    for page in report["pages"]:
        assert page["url"].startswith(server.url) and page["path"] is None
        assert page["status"] == 200
    for finding in report["findings"]:
        assert finding["message"].strip() and finding["fix"].strip() and finding["excerpt"].strip()
        assert finding["line"] is None and finding["path"] is None


def test_report_with_errors_is_valid(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>Hi</h1>", encoding="utf-8")
    (tmp_path / "blob.html").write_bytes(b"\x00\x01binary")
    report = json_report(str(tmp_path))
    assert_valid(report)
    assert report["errors"] == [{"page": "/blob.html", "message": "skipped: binary file"}]


def test_a_report_without_pages_has_a_null_score() -> None:
    report = json.loads(render_json(Report(target="site", pages=[], findings=[], errors=[])))
    assert_valid(report)
    assert report["summary"]["score"] is None


def test_the_validator_rejects_a_broken_report() -> None:
    report = json_report(str(EXAMPLES / "nl-before"))
    report["findings"][0]["severity"] = "fatal"
    report["summary"]["score"] = 101
    del report["tool"]
    unused = next(s for s in report["rules"] if s["id"] == "unused-suppression")
    unused["status"] = "skipped"
    assert len(list(VALIDATOR.iter_errors(report))) == 4

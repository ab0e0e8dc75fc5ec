"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one run for all targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.audit.report import Report
from auditor.checks.findings import Finding
from auditor.reporters.locations import location, repository_root
from auditor.reporters.rule_info import PROJECT_URL, RuleInfo, rules_info

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "copyAuditor/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "baseline": "external"}
SRCROOT = "SRCROOT"


def _rule(info: RuleInfo) -> dict[str, Any]:
    help_text = "\n\n".join(t for t in (info.why, f"Fix: {info.fix}" if info.fix else "") if t)
    markdown = [f"**{info.title}**", info.why, f"**Fix:** {info.fix}" if info.fix else ""]
    if info.doc_url:
        markdown.append(f"[Rule documentation]({info.doc_url})")
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": "".join(word.capitalize() for word in info.id.split("-")),
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.why or info.title},
        "help": {
            "text": help_text or info.title,
            "markdown": "\n\n".join(part for part in markdown if part),
        },
        "defaultConfiguration": {"level": LEVELS[info.severity]},
    }
    if info.doc_url:
        descriptor["helpUri"] = info.doc_url
    return descriptor


def _location(report: Report, finding: Finding, root: Path) -> dict[str, Any]:
    where = location(report, finding, root)
    if finding.path is None:
        artifact = {"uri": where}
    elif where.startswith("/"):
        artifact = {"uri": Path(where).as_uri()}
    else:  # a relative URI reference: "#", "?", "%" and spaces in a file name are escaped
        artifact = {"uri": quote(where), "uriBaseId": SRCROOT}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column:
            region["startColumn"] = finding.column
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(report: Report, finding: Finding, index: int, root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message}\nFix: {finding.fix}"},
        "locations": [_location(report, finding, root)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"page": finding.page, "excerpt": finding.excerpt, "fix": finding.fix},
    }
    if finding.suppression is not None:
        kind = SUPPRESSION_KINDS.get(finding.suppression.get("kind", ""), "external")
        suppression = {"kind": kind}
        if finding.suppression.get("reason"):
            suppression["justification"] = finding.suppression["reason"]
        result["suppressions"] = [suppression]
    return result


def sarif_log(reports: list[Report]) -> dict[str, Any]:
    """The SARIF log of one run of the auditor over one or more targets."""
    root = repository_root()
    infos = rules_info(reports)
    index = {info.id: i for i, info in enumerate(infos)}
    results = [
        _result(report, finding, index[finding.rule], root)
        for report in reports
        for finding in report.findings
    ]
    notifications = [
        {"level": "warning", "message": {"text": f"not audited: {error.page}: {error.message}"}}
        for report in reports
        for error in report.errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copy-auditor",
                        "version": __version__,
                        "informationUri": PROJECT_URL,
                        "rules": [_rule(info) for info in infos],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "invocations": [
                    {"executionSuccessful": True, "toolExecutionNotifications": notifications}
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif_reports(reports: list[Report], color: bool = False) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(sarif_log(reports), ensure_ascii=False, indent=2) + "\n"

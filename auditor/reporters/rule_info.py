"""What reporters say about a rule: its title, why, fix and documentation page, in English."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model import Report
from auditor.rules import load_rules

PROJECT_URL = "https://github.com/copy-auditor/copy-auditor"


@dataclass(frozen=True)
class RuleInfo:
    """A rule as reporters describe it."""

    id: str
    severity: str
    title: str
    why: str
    fix: str
    doc_url: str | None


def doc_url(rule_id: str) -> str:
    """The rule's page, docs/rules/<id>.md, in the project's repository."""
    return f"{PROJECT_URL}/blob/main/docs/rules/{rule_id}.md"


def rules_info(reports: list[Report]) -> list[RuleInfo]:
    """The bundled rules, then any other rule the findings name (without a doc page)."""
    infos = [
        RuleInfo(r.id, r.severity, r.text("title", "en"), r.text("why", "en"),
                 r.text("fix", "en"), doc_url(r.id))
        for r in load_rules()
    ]  # fmt: skip
    known = {info.id for info in infos}
    for finding in (f for report in reports for f in report.findings):
        if finding.rule not in known:
            known.add(finding.rule)
            infos.append(RuleInfo(finding.rule, finding.severity, finding.rule, "", "", None))
    return infos

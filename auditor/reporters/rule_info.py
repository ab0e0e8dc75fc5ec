"""What reporters say about a rule: its title, why, fix and documentation page, in English,
from the rules of the run the reports carry (Report.rule_docs)."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.audit.report import Report
from auditor.audit.report_data import RuleDoc

PROJECT_URL = "https://github.com/copy-auditor/copy-auditor"


@dataclass(frozen=True)
class RuleInfo:
    """A rule as reporters describe it; severity "off" for a rule the configuration turns off."""

    id: str
    severity: str
    title: str
    why: str
    fix: str
    doc_url: str | None


def doc_url(rule_id: str) -> str:
    """The rule's page, docs/rules/<id>.md, in the project's repository."""
    return f"{PROJECT_URL}/blob/main/docs/rules/{rule_id}.md"


def run_docs(reports: list[Report]) -> list[RuleDoc]:
    """The rules of the run, by id: the first report that runs a rule describes it; a rule is
    off only when it is off for every report."""
    docs: dict[str, RuleDoc] = {}
    for report in reports:
        for doc in report.rule_docs:
            if doc.id not in docs or (docs[doc.id].severity == "off" != doc.severity):
                docs[doc.id] = doc
    return sorted(docs.values(), key=lambda d: d.id)


def rules_info(reports: list[Report], with_off: bool = False) -> list[RuleInfo]:
    """The rules of the run (`with_off`: those turned off too), then any other rule the
    findings name (without a doc page)."""
    infos = [
        RuleInfo(d.id, d.severity, d.text("title", "en"), d.text("why", "en"),
                 d.text("fix", "en"), doc_url(d.id) if d.bundled else None)
        for d in run_docs(reports)
        if with_off or d.severity != "off"
    ]  # fmt: skip
    known = {info.id for info in infos}
    for finding in (f for report in reports for f in report.findings):
        if finding.rule not in known:
            known.add(finding.rule)
            infos.append(RuleInfo(finding.rule, finding.severity, finding.rule, "", "", None))
    return infos

"""JUnit XML: a test suite per target, a test case per page and rule (skipped when the rule
was not checked, or its findings there are suppressed)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from auditor.audit.report import Report
from auditor.checks.findings import Finding
from auditor.reporters.locations import page_location, repository_root
from auditor.reporters.rule_info import RuleInfo, rules_info

# characters XML 1.0 does not allow, even escaped
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Any text made safe for an XML document (ElementTree escapes the markup characters)."""
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(findings: list[Finding], info: RuleInfo | None) -> str:
    parts = [f"{info.title}\nwhy: {info.why}" if info and info.why else info.title] if info else []
    for f in findings:
        where = f"line {f.line}: " if f.line else ""
        parts.append(f"{where}{f.message}\n> {f.excerpt}\nfix: {f.fix}")
    return "\n\n".join(parts)


def _case(suite: ET.Element, classname: str, rule: str, file: str | None) -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=xml_text(classname), name=xml_text(rule))
    if file:
        case.set("file", xml_text(file))
    return case


def _properties(suite: ET.Element, infos: list[RuleInfo]) -> None:
    """Each rule's title, why and fix, as the suite's properties (rule.ID.title...)."""
    properties = ET.SubElement(suite, "properties")
    for info in infos:
        for key, value in (("title", info.title), ("why", info.why), ("fix", info.fix)):
            if value:
                name = xml_text(f"rule.{info.id}.{key}")
                ET.SubElement(properties, "property", name=name, value=xml_text(value))


def _suite(report: Report, infos: list[RuleInfo], root: Path) -> ET.Element:
    """A test case per page and rule; a rule turned off or not checked is skipped, never a
    pass."""
    suite = ET.Element("testsuite", name=xml_text(f"copy-auditor: {report.target}"))
    _properties(suite, infos)
    by_id = {info.id: info for info in infos}
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    unchecked = {s.id: s for s in report.rules if s.status == "not_checked"}
    off = {s.id for s in report.rules if s.status == "off"}
    by_place: dict[tuple[str, str], list[Finding]] = {}  # (page, rule): each looked up once
    for f in report.findings:
        by_place.setdefault((f.page, f.rule), []).append(f)
    for page in report.pages:
        file = page_location(report, page.path, page.url, root) if page.path else None
        for rule in by_id:
            counts["tests"] += 1
            case = _case(suite, page.path or page.url, rule, file)
            found = by_place.get((page.url, rule), [])
            active = [f for f in found if f.suppression is None]
            if active:
                counts["failures"] += 1
                failure = ET.SubElement(
                    case, "failure", type=active[0].severity, message=xml_text(active[0].message)
                )
                failure.text = xml_text(_failure_text(active, by_id.get(rule)))
            elif found:
                counts["skipped"] += 1
                reason = found[0].suppression or {}
                message = f"suppressed ({reason.get('kind')}): {reason.get('reason') or ''}"
                ET.SubElement(case, "skipped", message=xml_text(message.rstrip(": ")))
            elif rule in off:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message="off: turned off in the configuration")
            elif rule in unchecked:  # never a pass for a rule that judged nothing
                counts["skipped"] += 1
                status = unchecked[rule]
                message = f"not checked: {status.message or status.reason}"
                ET.SubElement(case, "skipped", message=xml_text(message))
    for error in report.errors:
        counts["tests"] += 1
        counts["errors"] += 1
        case = _case(suite, error.page, "read", None)
        ET.SubElement(case, "error", message=xml_text(error.message))
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def render_junit_reports(reports: list[Report], color: bool = False) -> str:
    """One <testsuites> document for every report of the run."""
    root = repository_root()
    infos = rules_info(reports, with_off=True)
    suites = ET.Element("testsuites", name="copy-auditor")
    for report in reports:
        suites.append(_suite(report, infos, root))
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"

"""The diff of two audits (auditor/audit/diff.py) for people and for machines: per site the
score change, then what was fixed, what is new and what is still open."""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import groupby

from auditor.audit.diff import SiteDiff
from auditor.audit.score import site_score
from auditor.checks.findings import Finding
from auditor.core.terminal import safe


def diff_dict(diff: SiteDiff) -> dict[str, object]:
    """The JSON shape: each list holds findings as in the JSON report."""
    return {
        "target": diff.target,
        "score": {"old": site_score(diff.old), "new": site_score(diff.new)},
        "fixed": [_finding(f) for f in diff.fixed],
        "new": [_finding(f) for f in diff.added],
        "still_open": [_finding(f) for f in diff.still_open],
    }


def _finding(finding: Finding) -> dict[str, object]:
    """A finding as the JSON report has it (its former fingerprints left out)."""
    data = asdict(finding)
    del data["former"]
    return data


def render_diff_json(diffs: list[SiteDiff]) -> str:
    """One site as an object, several as an array."""
    data: object = diff_dict(diffs[0]) if len(diffs) == 1 else [diff_dict(d) for d in diffs]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_section(title: str, findings: list[Finding]) -> list[str]:
    lines = [f"{title} ({len(findings)})"]
    for rule, group in groupby(findings, key=lambda f: f.rule):
        lines.append(f"  {safe(rule)}")
        for f in group:
            where = f"{f.path}:{f.line}" if f.path and f.line else f.page
            lines.append(f"    {safe(where)}  {safe(_short(f.excerpt))}")
    return lines


def render_diff_text(diffs: list[SiteDiff]) -> str:
    """For people: per site the score change, then fixed, new and still open by rule and page."""
    lines: list[str] = []
    for d in diffs:
        old, new = site_score(d.old), site_score(d.new)
        score = f"score {'-' if old is None else old} -> {'-' if new is None else new}"
        counts = f"{len(d.fixed)} fixed, {len(d.added)} new, {len(d.still_open)} still open"
        lines.append(f"{safe(d.target)}: {score}; {counts}")
        for title, found in (("fixed", d.fixed), ("new", d.added), ("still open", d.still_open)):
            if found:
                lines.extend(_text_section(title, found))
        lines.append("")
    return "\n".join(lines)

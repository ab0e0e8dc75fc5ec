"""Compare two audits of the same sites: what was fixed, what is new, what is still open.

Findings are matched by fingerprint (rule, page and the quoted copy), so a finding keeps its
identity when lines move or other copy on the page changes. A finding that is suppressed in
either audit is matched like any other but never listed: silencing a finding does not fix it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from itertools import groupby

from auditor.model import Finding, Report
from auditor.score import site_score
from auditor.terminal import safe


@dataclass
class SiteDiff:
    """One site's progress from the old report to the new one."""

    old: Report
    new: Report
    fixed: list[Finding]
    added: list[Finding]  # "new" in the JSON output
    still_open: list[Finding]

    @property
    def target(self) -> str:
        return self.new.target


def _order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.rule, f.page, f.line or 0))


def _unmatched(findings: list[Finding], others: list[Finding]) -> list[Finding]:
    """The findings whose fingerprint `others` does not have (counting repeats)."""
    left = Counter(f.fingerprint for f in others)
    unmatched = []
    for f in findings:
        if left[f.fingerprint]:
            left[f.fingerprint] -= 1
        else:
            unmatched.append(f)
    return unmatched


def diff_site(old: Report, new: Report) -> SiteDiff:
    """Match the findings of two reports of one site."""
    added = _unmatched(new.findings, old.findings)
    fixed = _unmatched(old.findings, new.findings)
    new_ones = {id(f) for f in added}
    still = [f for f in new.findings if id(f) not in new_ones]
    return SiteDiff(
        old=old,
        new=new,
        fixed=_order([f for f in fixed if f.suppression is None]),
        added=_order([f for f in added if f.suppression is None]),
        still_open=_order([f for f in still if f.suppression is None]),
    )


def diff_runs(old: list[Report], new: list[Report]) -> tuple[list[SiteDiff], list[str]]:
    """Pair the reports by target (one report each: paired whatever their targets).

    A target only in the new run is all new; the targets only in the old run are returned
    apart, not compared.
    """
    if len(old) == 1 and len(new) == 1:
        return [diff_site(old[0], new[0])], []
    before = {r.target: r for r in old}
    diffs = [diff_site(before.get(r.target, Report(r.target, [], [], [])), r) for r in new]
    targets = {r.target for r in new}
    return diffs, [r.target for r in old if r.target not in targets]


def diff_dict(diff: SiteDiff) -> dict[str, object]:
    """The JSON shape: each list holds findings as in the JSON report."""
    return {
        "target": diff.target,
        "score": {"old": site_score(diff.old), "new": site_score(diff.new)},
        "fixed": [asdict(f) for f in diff.fixed],
        "new": [asdict(f) for f in diff.added],
        "still_open": [asdict(f) for f in diff.still_open],
    }


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

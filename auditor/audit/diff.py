"""Compare two audits of the same sites: what was fixed, what is new, what is still open.

Findings are matched by fingerprint (rule, page and what the finding is about: see
auditor/checks/identity.py), so a finding keeps its identity when lines move or copy changes. A
finding that is suppressed in either audit is matched like any other but never listed:
silencing a finding does not fix it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from auditor.audit.report import Report
from auditor.checks.findings import Finding


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


def _paired(old: list[Finding], new: list[Finding]) -> tuple[set[int], set[int]]:
    """The positions of the findings of each list that the other one has: matched by
    fingerprint, then the rest by a former fingerprint (a report written before findings had
    subjects); each finding matched once."""
    old_paired: set[int] = set()
    new_paired: set[int] = set()
    for keys in (lambda f: (f.fingerprint,)), (lambda f: (f.fingerprint, *f.former)):
        waiting: dict[str, deque[int]] = {}
        for i, f in enumerate(old):
            if i not in old_paired:
                for key in dict.fromkeys(keys(f)):
                    waiting.setdefault(key, deque()).append(i)
        for j, f in enumerate(new):
            for key in () if j in new_paired else keys(f):
                queue = waiting.get(key)
                while queue and queue[0] in old_paired:
                    queue.popleft()
                if queue:
                    old_paired.add(queue.popleft())
                    new_paired.add(j)
                    break
    return old_paired, new_paired


def diff_site(old: Report, new: Report) -> SiteDiff:
    """Match the findings of two reports of one site."""
    old_paired, new_paired = _paired(old.findings, new.findings)
    fixed = [f for i, f in enumerate(old.findings) if i not in old_paired]
    added = [f for j, f in enumerate(new.findings) if j not in new_paired]
    still = [f for j, f in enumerate(new.findings) if j in new_paired]
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

"""The baseline file: findings accepted as they are, by fingerprint, so that only new ones count.

Each fingerprint has a count: with 2 in the baseline and 3 findings now, one of them is new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditor.checks.findings import Finding
from auditor.core import atomic
from auditor.core.errors import InputError
from auditor.core.jsonfile import JsonProblem, parse_json
from auditor.core.paths import shown

VERSION = 1


class BaselineError(InputError):
    """A baseline file cannot be read or written (one line naming the file)."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    page: str
    count: int


@dataclass
class Baseline:
    """The accepted findings, by fingerprint."""

    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        """A baseline of the findings that count now (inline suppressions are not needed)."""
        return cls._counted([f for f in findings if f.suppression is None])

    @classmethod
    def _counted(cls, findings: list[Finding]) -> Baseline:
        counts = Counter(f.fingerprint for f in findings)
        first = {f.fingerprint: f for f in reversed(findings)}
        return cls({fp: Entry(fp, first[fp].rule, first[fp].page, n) for fp, n in counts.items()})

    def accepted(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the baseline holds, up to each count: by fingerprint, then (a baseline
        written before findings had subjects) by a former fingerprint."""
        left = Counter({fp: entry.count for fp, entry in self.entries.items()})
        taken, rest = [], []
        for finding in findings:
            if left[finding.fingerprint] > 0:
                left[finding.fingerprint] -= 1
                taken.append(finding)
            else:
                rest.append(finding)
        for finding in rest:
            former = next((fp for fp in finding.former if left[fp] > 0), None)
            if former is not None:
                left[former] -= 1
                taken.append(finding)
        return taken

    def apply(self, findings: Iterable[Finding]) -> int:
        """Mark the findings the baseline accepts (up to each count); how many were marked."""
        accepted = self.accepted(f for f in findings if f.suppression is None)
        for finding in accepted:
            finding.suppression = {"kind": "baseline"}
        return len(accepted)

    def pruned(self, findings: Iterable[Finding]) -> Baseline:
        """The findings it still accepts, by today's fingerprints (so an older baseline is
        rewritten with them); without those that no longer occur, counts lowered to what
        occurs now."""
        counted = [
            f for f in findings if f.suppression is None or f.suppression.get("kind") == "baseline"
        ]
        return Baseline._counted(self.accepted(counted))

    def outdated(self, findings: Iterable[Finding]) -> int:
        """How many of the findings it marked it holds only by a former fingerprint."""
        return sum(
            1 for f in findings
            if f.suppression == {"kind": "baseline"} and f.fingerprint not in self.entries
        )  # fmt: skip

    @property
    def total(self) -> int:
        return sum(e.count for e in self.entries.values())

    def write(self, path: Path) -> None:
        entries = sorted(self.entries.values(), key=lambda e: (e.page, e.rule, e.fingerprint))
        data = {
            "tool": "copy-auditor",
            "version": VERSION,
            "findings": [
                {"fingerprint": e.fingerprint, "rule": e.rule, "page": e.page, "count": e.count}
                for e in entries
            ],
        }
        try:
            atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            raise BaselineError(f"cannot write {shown(path)}: {exc.strerror}") from None


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; BaselineError when it is missing or not one."""
    try:
        data = parse_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{shown(path)}: no such baseline; write one with 'auditor baseline'"
        ) from None
    except (OSError, UnicodeDecodeError, JsonProblem) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not valid JSON"
        reason = str(exc) if isinstance(exc, JsonProblem) else reason
        raise BaselineError(f"{shown(path)}: cannot read the baseline: {reason}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("version") != VERSION:
        raise BaselineError(f"{shown(path)}: not a copy-auditor baseline (version {VERSION})")
    entries = {}
    for n, item in enumerate(findings):
        try:
            entry = Entry(
                str(item["fingerprint"]), str(item["rule"]), str(item["page"]), int(item["count"])
            )
        except (TypeError, KeyError, ValueError):
            raise BaselineError(
                f"{shown(path)}: findings[{n}] needs fingerprint, rule, page and count"
            ) from None
        entries[entry.fingerprint] = entry
    return Baseline(entries)

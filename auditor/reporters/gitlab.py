"""GitLab Code Quality: the JSON array of issues a merge request widget shows."""

from __future__ import annotations

import hashlib
import json

from auditor.audit.report import Report
from auditor.reporters.locations import location, repository_root

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab_reports(reports: list[Report], color: bool = False) -> str:
    """One issue per unsuppressed finding (GitLab has no notion of a suppressed issue)."""
    root = repository_root()
    issues = []
    seen: set[str] = set()
    for report in reports:
        for f in report.active:
            fingerprint, n = f.fingerprint, 1
            while fingerprint in seen:  # GitLab needs unique fingerprints: same rule and text
                n += 1
                fingerprint = hashlib.sha256(f"{f.fingerprint}\n{n}".encode()).hexdigest()[:20]
            seen.add(fingerprint)
            issues.append(
                {
                    "type": "issue",
                    "description": f"{f.message} Fix: {f.fix}",
                    "check_name": f.rule,
                    "fingerprint": fingerprint,
                    "severity": SEVERITIES[f.severity],
                    "categories": ["Style"],
                    "location": {
                        "path": location(report, f, root),
                        "lines": {"begin": f.line or 1},
                    },
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"

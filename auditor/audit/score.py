"""The site score: 100 minus points for each rule the site breaks, by severity."""

from __future__ import annotations

import math
from collections import defaultdict

from auditor.audit.report import Report

WEIGHTS = {"error": 20, "warning": 10, "info": 3}


def site_score(report: Report) -> int | None:
    """0-100, or None when no page was audited.

    A rule with findings costs its severity's weight; each further finding of that rule a
    quarter of it, up to twice the weight per rule. The score never drops below 0 and is
    rounded half up.
    """
    if not report.pages:
        return None
    weights: dict[str, list[int]] = defaultdict(list)
    for finding in report.active:  # suppressed findings cost nothing
        weights[finding.rule].append(WEIGHTS[finding.severity])
    lost = 0.0
    for found in weights.values():
        weight = max(found)
        lost += min(weight + (len(found) - 1) * weight / 4, 2 * weight)
    return max(0, math.floor(100 - lost + 0.5))

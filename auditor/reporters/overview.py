"""The overview of a batch: one line per site with its score and findings per severity."""

from __future__ import annotations

from auditor.audit.report import Report
from auditor.audit.score import site_score
from auditor.checks.findings import SEVERITIES
from auditor.core.terminal import safe


def render_overview(reports: list[Report], color: bool = False) -> str:
    """A table of the sites in the order given; the sites not audited are not in it."""
    width = max([len("site"), *(len(safe(r.target)) for r in reports)])
    head = f"{'site':<{width}}  {'pages':>5}  {'score':>5}  " + "  ".join(
        f"{s + 's' if s != 'info' else s:>8}" for s in SEVERITIES
    )
    lines = [head, "-" * len(head)]
    for r in reports:
        score = site_score(r)
        counts = "  ".join(f"{r.count(s):>8}" for s in SEVERITIES)
        shown = "-" if score is None else str(score)
        lines.append(f"{safe(r.target):<{width}}  {len(r.pages):>5}  {shown:>5}  {counts}")
    total = sum(len(r.findings) for r in reports)
    lines.append(f"{len(reports)} sites audited, {total} findings")
    return "\n".join(lines) + "\n"

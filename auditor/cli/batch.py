"""`auditor check --urls-file`: run a batch, print each site's failure (and, streaming, each
JSON line) as it comes, and show the progress of the sites on the terminal."""

from __future__ import annotations

import click

from auditor.audit.batch import BatchLimits, Outcome, run_batch
from auditor.audit.engine import AuditOptions
from auditor.audit.report import Report
from auditor.core.progress import ProgressBar
from auditor.core.terminal import safe
from auditor.reporters.jsonl import render_jsonl


def check_batch(
    targets: list[str],
    options: list[AuditOptions],
    limits: BatchLimits,
    stream: bool,
    quiet: bool,
    jobs: int,
) -> tuple[list[Report | None], bool]:
    """The reports in the order of `targets` (None for a site that could not be audited),
    and whether a site could not be audited. `options`: each target's own.

    With `stream`, each report is printed as one JSON line as soon as its site is done.
    """
    reports: dict[int, Report] = {}
    failed = False
    bar = ProgressBar("sites", enabled=not quiet)

    def done(index: int, outcome: Outcome) -> None:
        nonlocal failed
        if isinstance(outcome, Report):
            reports[index] = outcome
            if stream:
                click.echo(render_jsonl(outcome), nl=False)
        else:
            failed = True
            bar.close()
            click.echo(f"auditor: {safe(outcome)}", err=True)  # may quote a server
        bar(len(reports) + failed, len(targets))

    try:
        run_batch(targets, options, limits, jobs, done)
    finally:
        bar.close()
    return [reports.get(i) for i in range(len(targets))], failed

"""`auditor diff`: what was fixed, what is new and what is still open between two reports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from auditor.cli.options import EXIT_FINDINGS, EXIT_OK, OUTPUT_OPTION, Language, emit, say
from auditor.cli.prepare import configured_rules


@click.command(name="diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@OUTPUT_OPTION
@click.option("--lang", type=Language(), help="Language of the HTML page (default: the sites').")
def diff(old: Path, new: Path, fmt: str, output: str | None, lang: str | None) -> None:
    """What was fixed, what is new and what is still open between two JSON reports.

    Exits 1 when NEW has findings OLD did not have.
    """
    from auditor.audit.diff import diff_runs
    from auditor.audit.report_reader import load_reports
    from auditor.reporters.diff_report import render_diff_json, render_diff_text

    diffs, missing = diff_runs(load_reports(old), load_reports(new))
    for target in missing:
        say(f"{target} is in {old} but not in {new}; not compared")
    if fmt == "html":
        from auditor.reporters.html_report import render_diff_html

        rules = [rule for rule in configured_rules() if rule.severity != "off"]
        text = render_diff_html(diffs, rules, lang)
    else:
        text = render_diff_json(diffs) if fmt == "json" else render_diff_text(diffs)
    emit(text, output)
    sys.exit(EXIT_FINDINGS if any(d.added for d in diffs) else EXIT_OK)

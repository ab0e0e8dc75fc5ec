"""`auditor rules` and `auditor explain`: the rules as configured, listed, documented or
explained one by one."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.options import CONFIG_OPTION, Language
from auditor.cli.prepare import configured_rules
from auditor.core.errors import InputError
from auditor.core.terminal import safe


@click.command(name="rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["list", "markdown"]),
    default="list",
    show_default=True,
    help="One line per rule, or a Markdown page per rule (needs --output-dir).",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the Markdown pages here: <id>.md per rule and a README.md index.",
)
@CONFIG_OPTION
def list_rules(fmt: str, output_dir: Path | None, config_file: Path | None) -> None:
    """List the rules (your own too) with their configured severity, or write their docs."""
    if fmt == "markdown" and output_dir is None:
        raise click.UsageError("--format markdown needs --output-dir")
    if fmt == "list" and output_dir is not None:
        raise click.UsageError("--output-dir needs --format markdown")
    rules = configured_rules(config_file)
    if output_dir is None:
        for rule in rules:
            click.echo(f"{rule.id:<36} {rule.severity:<8} {rule.text('title', 'en')}")
        return
    from auditor.reporters.docs import write_docs

    try:
        written = write_docs(rules, output_dir)
    except OSError as exc:
        raise InputError(f"cannot write {exc.filename or output_dir}: {exc.strerror}") from None
    click.echo(f"wrote {len(written)} files to {safe(str(output_dir))}")


@click.command()
@click.argument("rule_id", required=False)
@click.option("--all", "every", is_flag=True, help="Explain every rule (also without RULE_ID).")
@click.option("--lang", type=Language(), default="en", show_default=True, help="Text language.")
@CONFIG_OPTION
def explain(rule_id: str | None, every: bool, lang: str, config_file: Path | None) -> None:
    """Why a rule matters, its fix, a failing and a passing example (every rule without RULE_ID)."""
    if rule_id is not None and every:
        raise click.UsageError("give a RULE_ID or --all, not both")
    rules = {r.id: r for r in configured_rules(config_file)}
    if rule_id is not None and rule_id not in rules:
        raise InputError(f"unknown rule '{rule_id}'; see 'auditor rules'")
    from auditor.reporters.explain import render_explanation

    for rule in rules.values() if rule_id is None else [rules[rule_id]]:
        click.echo(render_explanation(rule, lang), nl=False)

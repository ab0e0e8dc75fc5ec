"""The `auditor` command: check, rules, explain."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click
from click.shell_completion import CompletionItem

from auditor import __version__
from auditor.docs import write_docs
from auditor.engine import AuditOptions, TargetError, audit
from auditor.lexicon import LexiconError, load_lexicons, load_markup
from auditor.model import SEVERITIES, Report
from auditor.reporters import FORMATS
from auditor.reporters.text import safe
from auditor.rules import Rule, RuleError, load_rules
from auditor.sources.crawl import CrawlOptions

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_TARGET = 0, 1, 2, 3
FAIL_ON = ("error", "warning", "info", "never")


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"auditor: {message}", err=True)
    sys.exit(code)


def _rules() -> list[Rule]:
    try:
        load_lexicons()
        load_markup()
        return load_rules()
    except (RuleError, LexiconError) as exc:
        _fail(str(exc), EXIT_USAGE)


def _languages() -> tuple[str, ...]:
    try:
        return tuple(sorted(load_lexicons()))
    except LexiconError as exc:
        _fail(str(exc), EXIT_USAGE)


class Language(click.ParamType):
    """A language with a lexicon in rules/lexicons/, read when the option is used."""

    name = "language"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return f"[{'|'.join(_languages())}]"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        languages = _languages()
        if value not in languages:
            choices = ", ".join(repr(lang) for lang in languages)
            self.fail(f"{value!r} is not one of {choices}.", param, ctx)
        return value

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(lang) for lang in _languages() if lang.startswith(incomplete)]


def failing(report: Report, fail_on: str) -> bool:
    """True when a finding is at or above the --fail-on severity."""
    if fail_on == "never":
        return False
    limit = SEVERITIES.index(fail_on)
    return any(SEVERITIES.index(f.severity) <= limit for f in report.findings)


def _use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copy-auditor")
def main() -> None:
    """copy-auditor: audit the copy of a coach's website."""


@main.command()
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file instead of stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="Crawl at most this many pages of a URL.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    help="Fetch this many pages at a time (from one host).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.5, 120),
    default=10.0,
    show_default=True,
    help="Seconds allowed per request.",
)
@click.option("--lang", type=Language(), help="Override the detected language.")
@click.option(
    "--ignore-robots", is_flag=True, help="Crawl pages robots.txt disallows (your own site)."
)
@click.option(
    "--budget",
    type=click.FloatRange(1, 86400),
    default=120.0,
    show_default=True,
    help="Seconds allowed for the whole crawl of a URL.",
)
@click.option("--insecure", is_flag=True, help="Accept any TLS certificate (a test server).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Follow links and redirects into private, loopback and link-local addresses.",
)
def check(
    targets: tuple[str, ...], fmt: str, output: str | None, fail_on: str, max_pages: int,
    concurrency: int, timeout: float, lang: str | None, ignore_robots: bool, budget: float,
    insecure: bool, allow_private: bool,
) -> None:  # fmt: skip
    """Audit a site: a URL (crawled), a folder of HTML files, or one HTML file."""
    crawl = replace(
        CrawlOptions(), max_pages=max_pages, concurrency=concurrency, timeout=timeout,
        respect_robots=not ignore_robots, budget=budget, insecure=insecure,
        allow_private=allow_private,
    )  # fmt: skip
    options = AuditOptions(lang=lang, crawl=crawl, rules=_rules())
    reports, exit_code = [], EXIT_OK
    for target in targets:
        try:
            reports.append(audit(target, options))
        except TargetError as exc:  # may quote what a server sent: made safe for a terminal
            click.echo(f"auditor: {safe(str(exc))}", err=True)
            exit_code = EXIT_TARGET
        except RuleError as exc:  # a rule parameter of the wrong kind, found as the check runs
            _fail(str(exc), EXIT_USAGE)
    if not reports:
        sys.exit(exit_code)
    text = FORMATS[fmt](reports, _use_color(output))
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
    else:
        click.echo(text, nl=False)
    if exit_code == EXIT_OK and any(failing(r, fail_on) for r in reports):
        exit_code = EXIT_FINDINGS
    sys.exit(exit_code)


@main.command(name="rules")
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
def list_rules(fmt: str, output_dir: Path | None) -> None:
    """List the rules, one line each, or write their Markdown docs."""
    if fmt == "markdown" and output_dir is None:
        raise click.UsageError("--format markdown needs --output-dir")
    if fmt == "list" and output_dir is not None:
        raise click.UsageError("--output-dir needs --format markdown")
    rules = _rules()
    if output_dir is None:
        for rule in rules:
            click.echo(f"{rule.id:<36} {rule.severity:<8} {rule.text('title', 'en')}")
        return
    try:
        written = write_docs(rules, output_dir)
    except OSError as exc:
        _fail(f"cannot write {exc.filename or output_dir}: {exc.strerror}", EXIT_USAGE)
    click.echo(f"wrote {len(written)} files to {output_dir}")


def _explain(rule: Rule, lang: str) -> None:
    bad, good = rule.examples["fail"][0], rule.examples["pass"][0]
    click.echo(f"{rule.id} ({rule.severity}): {rule.text('title', lang)}\n")
    click.echo(f"Why: {rule.text('why', lang)}\n")
    click.echo(f"Fix: {rule.text('fix', lang)}\n")
    for label, example in (("Fails", bad), ("Passes", good)):
        click.echo(f"{label}: {example.get('name', '')}")
        pages = example.get("pages") or {"/": example.get("html", "")}
        for url, html in pages.items():
            click.echo(f"  {url}: {html}")
        click.echo("")


@main.command()
@click.argument("rule_id", required=False)
@click.option("--all", "every", is_flag=True, help="Explain every rule (also without RULE_ID).")
@click.option("--lang", type=Language(), default="en", show_default=True, help="Text language.")
def explain(rule_id: str | None, every: bool, lang: str) -> None:
    """Why a rule matters, its fix, a failing and a passing example (every rule without RULE_ID)."""
    if rule_id is not None and every:
        raise click.UsageError("give a RULE_ID or --all, not both")
    rules = {r.id: r for r in _rules()}
    if rule_id is None:
        for rule in rules.values():
            _explain(rule, lang)
        return
    if rule_id not in rules:
        _fail(f"unknown rule '{rule_id}'; see 'auditor rules'", EXIT_USAGE)
    _explain(rules[rule_id], lang)

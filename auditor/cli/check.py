"""`auditor check`: audit sites, report their findings, exit by them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditor.cli.options import (
    CONFIG_OPTION,
    EXIT_FINDINGS,
    EXIT_OK,
    FILE,
    IGNORE_ROBOTS_OPTION,
    LANG_OPTION,
    MAX_PAGES_OPTION,
    OUTPUT_OPTION,
    QUIET_OPTION,
    emit,
    say,
    use_color,
)
from auditor.cli.prepare import batch_settings, typed_targets
from auditor.core.defaults import FAIL_ON, cores
from auditor.core.errors import EXIT_TARGET, InputError
from auditor.core.terminal import safe
from auditor.reporters import FORMATS, Render

if TYPE_CHECKING:  # each command imports what it uses when it runs: a quick start
    from auditor.audit.engine import AuditOptions
    from auditor.audit.report import Report
    from auditor.config.settings import TargetSettings


@click.command()
@click.argument("targets", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="Report format.",
)
@OUTPUT_OPTION
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    show_default="error, or the config's fail_on",
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--max-warnings",
    type=click.IntRange(0),
    help="Exit 1 when there are more than this many warnings, whatever --fail-on says.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even with findings (still 2 or 3 when something goes wrong).",
)
@MAX_PAGES_OPTION
@click.option(
    "--concurrency",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    help="Fetch this many pages at a time (from one host, in a batch too).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.5, 120),
    default=10.0,
    show_default=True,
    help="Seconds allowed per request.",
)
@LANG_OPTION
@IGNORE_ROBOTS_OPTION
@click.option(
    "--budget",
    type=click.FloatRange(1, 86400),
    default=120.0,
    show_default=True,
    help="Seconds allowed for the whole crawl of a URL, from its first request.",
)
@click.option("--insecure", is_flag=True, help="Accept any TLS certificate (a test server).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Follow links and redirects into private, loopback and link-local addresses.",
)
@CONFIG_OPTION
@click.option("--baseline", type=FILE, help="Report only findings not in this baseline.")
@click.option(
    "--prune-baseline", is_flag=True, help="Drop the baseline's findings that no longer occur."
)
@click.option(
    "--changed-since", metavar="REF", help="Report only pages whose file changed since a git ref."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=cores(),
    show_default="the number of cores",
    help="Parse a folder's pages (or audit a batch's sites) in this many processes.",
)
@click.option(
    "--urls-file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Audit the sites listed in this file too, one a line, many at once ('-': stdin).",
)
@click.option(
    "--global-concurrency",
    type=click.IntRange(1, 256),
    default=32,
    show_default=True,
    help="With --urls-file: fetch this many pages at a time in all (--concurrency: per host).",
)
@QUIET_OPTION
def check(
    targets: tuple[str, ...], fmt: str, output: str | None, fail_on: str | None, max_pages: int,
    concurrency: int, timeout: float, lang: str | None, ignore_robots: bool, budget: float,
    insecure: bool, allow_private: bool, max_warnings: int | None, exit_zero: bool,
    config_file: Path | None, baseline: Path | None, prune_baseline: bool,
    changed_since: str | None, jobs: int, urls_file: str | None, global_concurrency: int,
    quiet: bool,
) -> None:  # fmt: skip
    """Audit a site: a URL (crawled), a folder of HTML or Markdown pages, or one file."""
    from auditor.audit.engine import TargetError
    from auditor.config.settings import CommandLine
    from auditor.sources.crawl_options import CrawlOptions

    if not targets and urls_file is None:
        raise click.UsageError("give a TARGET or --urls-file")
    if prune_baseline and changed_since:
        raise click.UsageError("--prune-baseline needs every page: not with --changed-since")
    crawl = replace(
        CrawlOptions(), max_pages=max_pages, concurrency=concurrency, timeout=timeout,
        respect_robots=not ignore_robots, budget=budget, insecure=insecure,
        allow_private=allow_private,
    )  # fmt: skip
    command = CommandLine(
        config=config_file, lang=lang, fail_on=fail_on, max_warnings=max_warnings,
        baseline=baseline, changed_since=changed_since,
    )  # fmt: skip
    batch = typed_targets(list(targets), lang)
    batch += _read_urls(urls_file) if urls_file is not None else []
    settings = batch_settings(batch, command, crawl, jobs)
    if prune_baseline and not any(s.baseline_file for s in settings):
        raise click.UsageError("--prune-baseline needs --baseline or a baseline in the config")
    runs: list[tuple[TargetSettings, Report | None]] = []
    render: Render = FORMATS[fmt]
    printed = False
    if urls_file is not None:
        from auditor.audit.batch import BatchLimits
        from auditor.cli.batch import check_batch
        from auditor.reporters.overview import render_overview

        limits = BatchLimits(per_host=concurrency, total=global_concurrency)
        printed = fmt == "jsonl" and not output
        outcomes, failed = check_batch(
            batch, [s.options for s in settings], limits, printed, quiet, jobs
        )
        runs = list(zip(settings, outcomes, strict=True))
        exit_code = EXIT_TARGET if failed else EXIT_OK
        render = render_overview if fmt == "text" else render
    else:
        exit_code = EXIT_OK
        for target, target_settings in zip(batch, settings, strict=True):
            try:
                report = _audit_with_progress(target, target_settings.options, quiet)
            except TargetError as exc:  # said, and the other targets are still reported
                say(str(exc))
                exit_code = EXIT_TARGET
                report = None
            runs.append((target_settings, report))
    _baselines(runs, prune_baseline)
    reports = [r for _, r in runs if r is not None]
    if not reports:
        sys.exit(exit_code)
    text = render(reports, use_color(output))
    if output or not printed:
        emit(text, output)
    if fmt == "github":
        from auditor.reporters.github import append_step_summary

        try:
            append_step_summary(reports)
        except OSError as exc:
            raise InputError(f"cannot write the step summary: {exc.strerror}") from None
    if exit_code == EXIT_OK and any(s.policy.failed(r) for s, r in runs if r is not None):
        exit_code = EXIT_FINDINGS
    if exit_zero and exit_code == EXIT_FINDINGS:
        exit_code = EXIT_OK
    sys.exit(exit_code)


def _audit_with_progress(target: str, options: AuditOptions, quiet: bool) -> Report:
    """Audit one target with a progress bar of its pages on the terminal (not with -q)."""
    from auditor.audit.engine import audit
    from auditor.core.progress import ProgressBar

    bar = ProgressBar(target, enabled=not quiet)
    try:
        return audit(target, replace(options, progress=bar))
    finally:
        bar.close()


def _read_urls(urls_file: str) -> list[str]:
    from auditor.audit.batch import read_targets

    try:
        if urls_file == "-":
            return read_targets(sys.stdin.read())
        return read_targets(Path(urls_file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InputError(f"cannot read {urls_file}: {reason}") from None


def _baselines(runs: list[tuple[TargetSettings, Report | None]], prune: bool) -> None:
    """Prune the baselines (--prune-baseline), else say which ones are outdated."""
    from auditor.config.settings import outdated_baselines, prune_baselines

    for line in prune_baselines(runs) if prune else outdated_baselines(runs):
        click.echo(safe(line), err=True)

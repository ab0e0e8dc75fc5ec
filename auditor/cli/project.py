"""`auditor init` and `auditor baseline`: the files a project keeps beside its site, a starter
configuration and the findings it accepts for now."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from auditor.cli.options import (
    CONFIG_OPTION,
    FILE,
    IGNORE_ROBOTS_OPTION,
    LANG_OPTION,
    MAX_PAGES_OPTION,
)
from auditor.cli.prepare import target_settings
from auditor.core.defaults import CONFIG_FILES, DEFAULT_BASELINE
from auditor.core.errors import InputError, TargetUnreadable
from auditor.core.terminal import safe


@click.command(name="baseline")
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--output", "-o", type=FILE,
    help=f"Write the baseline here [default: the config's baseline, else {DEFAULT_BASELINE}].",
)  # fmt: skip
@CONFIG_OPTION
@LANG_OPTION
@MAX_PAGES_OPTION
@IGNORE_ROBOTS_OPTION
def write_baseline(
    targets: tuple[str, ...], output: Path | None, config_file: Path | None, lang: str | None,
    max_pages: int, ignore_robots: bool,
) -> None:  # fmt: skip
    """Record the current findings, so that `check --baseline` reports only new ones."""
    from auditor.audit.baseline import Baseline
    from auditor.audit.engine import TargetError, audit
    from auditor.config.settings import CommandLine
    from auditor.core.paths import shown
    from auditor.sources.crawl_options import CrawlOptions

    crawl = replace(CrawlOptions(), max_pages=max_pages, respect_robots=not ignore_robots)
    command = CommandLine(config=config_file, lang=lang)
    settings = [target_settings(target, command, crawl, with_baseline=False) for target in targets]
    findings = []
    for target, settings_of_target in zip(targets, settings, strict=True):
        try:
            findings += audit(target, settings_of_target.options).findings
        except TargetError as exc:
            raise TargetUnreadable(f"{exc}; no baseline written") from None
    path = output or settings[0].config.baseline or Path(DEFAULT_BASELINE)
    baseline = Baseline.of(findings)
    baseline.write(path)
    fingerprints = len(baseline.entries)
    where = safe(shown(path))
    click.echo(f"wrote {baseline.total} findings ({fingerprints} fingerprints) to {where}")


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .auditor.yml.")
def init(force: bool) -> None:
    """Write a commented starter .auditor.yml in the current folder."""
    from auditor.config.starter import write_starter

    path = Path(CONFIG_FILES[0])
    try:
        write_starter(path, force)
    except FileExistsError:
        raise InputError(f"{path} exists; use --force to overwrite it") from None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    click.echo(f"wrote {path}")

"""What the commands read before they audit: the sites the typed targets mean, each target's
settings, the rules as configured. Each imports what it uses when it runs: a quick start."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from auditor.cli.options import say

if TYPE_CHECKING:
    from auditor.checks.rule import Rule
    from auditor.config.settings import CommandLine, TargetSettings
    from auditor.sources.crawl_options import CrawlOptions


def configured_rules(config_file: Path | None = None) -> list[Rule]:
    """Every rule, the configuration's own rules too, each with its configured severity
    ("off" for one the configuration turns off)."""
    from auditor.config.settings import config_for, rules_as_configured

    return rules_as_configured(config_for(".", config_file))


def typed_targets(targets: list[str], lang: str | None) -> list[str]:
    """The sites the typed targets mean (auditor/sources/targets.py), saying so on stderr."""
    from auditor.sources.targets import resolve_targets

    return resolve_targets(targets, lang, say)


def target_settings(
    target: str, command: CommandLine, crawl: CrawlOptions, with_baseline: bool = True
) -> TargetSettings:
    """The target's settings (its config found from its folder, or the current folder for a
    URL)."""
    from auditor.config.settings import resolve

    settings = resolve(target, command, crawl, with_baseline)
    _warn_of_gaps([settings])
    return settings


def batch_settings(
    targets: list[str], command: CommandLine, crawl: CrawlOptions, jobs: int
) -> list[TargetSettings]:
    """Each target's settings, with `jobs` worker processes; the URLs share theirs."""
    from auditor.config.settings import resolve_batch

    settings = resolve_batch(targets, command, crawl, jobs)
    _warn_of_gaps(settings)
    return settings


def _warn_of_gaps(settings: list[TargetSettings]) -> None:
    """A warning for each language whose lexicon cannot serve some rules (once a line)."""
    for line in dict.fromkeys(line for s in settings for line in s.lexicon_gaps):
        say(f"warning: {line}")

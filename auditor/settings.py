"""The settings of a check, per target: the configuration file first, the command line over it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.config import Config, find_config, load_config
from auditor.config_file import ConfigError
from auditor.engine import AuditOptions, is_url
from auditor.lexicon import LexiconError
from auditor.model import SEVERITIES, Report
from auditor.rules import RuleError, load_rules
from auditor.sources.crawl import CrawlOptions


@dataclass(frozen=True)
class CommandLine:
    """What the command line says; None: not given (the configuration or the default decides)."""

    config: Path | None = None
    lang: str | None = None
    fail_on: str | None = None
    max_warnings: int | None = None  # the --max-warnings option, where there is one


@dataclass(frozen=True)
class ExitPolicy:
    """When a report fails the check: a finding at or above `fail_on`, or more warnings than
    `max_warnings`. Suppressed findings never count."""

    fail_on: str = "error"
    max_warnings: int | None = None

    def failed(self, report: Report) -> bool:
        if self.fail_on != "never":
            limit = SEVERITIES.index(self.fail_on)
            if any(SEVERITIES.index(f.severity) <= limit for f in report.active):
                return True
        return self.max_warnings is not None and report.count("warning") > self.max_warnings


@dataclass
class TargetSettings:
    """How one target is audited and judged."""

    config: Config
    options: AuditOptions
    policy: ExitPolicy


def config_for(target: str, explicit: Path | None) -> Config:
    """The --config file, else the one found from the target's folder (the current folder for
    a URL) up to the repository root, else an empty configuration."""
    if explicit is not None:
        return load_config(explicit)
    start = Path.cwd() if is_url(target) else Path(target)
    found = find_config(start if start.is_dir() else start.parent)
    return load_config(found) if found else Config()


def resolve(target: str, command: CommandLine, crawl: CrawlOptions) -> TargetSettings:
    """The settings for one target; raises one of SETTINGS_ERRORS."""
    config = config_for(target, command.config)
    rules, disabled = config.apply_to(load_rules(config.rules_paths))
    options = AuditOptions(
        lang=command.lang or config.lang, crawl=crawl, rules=rules, roles=config.pages,
        ignore=config.ignore, disabled=disabled,
    )  # fmt: skip
    policy = ExitPolicy(
        fail_on=command.fail_on or config.fail_on or "error",
        max_warnings=(
            command.max_warnings if command.max_warnings is not None else config.max_warnings
        ),
    )
    return TargetSettings(config, options, policy)


# what resolve() raises: each a one-line usage or configuration error
SETTINGS_ERRORS = (ConfigError, RuleError, LexiconError)

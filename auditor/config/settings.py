"""The settings of a check, per target: the configuration file first, the command line over it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from auditor.audit.baseline import Baseline, BaselineError, load_baseline
from auditor.audit.engine import AuditOptions, is_url
from auditor.audit.report import Report
from auditor.checks.findings import SEVERITIES
from auditor.checks.loader import load_rules
from auditor.checks.rule import Rule
from auditor.checks.run import lexicon_gaps
from auditor.config.changed_files import ChangedError, changed_files
from auditor.config.project import Config, find_config, load_config
from auditor.core.paths import shown
from auditor.page.language import Languages
from auditor.sources.crawl_options import CrawlOptions


@dataclass(frozen=True)
class CommandLine:
    """What the command line says; None: not given (the configuration or the default decides)."""

    config: Path | None = None
    lang: str | None = None
    fail_on: str | None = None
    max_warnings: int | None = None  # the --max-warnings option, where there is one
    baseline: Path | None = None
    changed_since: str | None = None


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
    baseline_file: Path | None
    # a line for each language whose lexicon cannot serve some of the rules (checks/run.py)
    lexicon_gaps: tuple[str, ...] = ()


def config_for(target: str, explicit: Path | None) -> Config:
    """The --config file, else the one found from the target's folder (the current folder for
    a URL) up to the repository root, else an empty configuration."""
    if explicit is not None:
        return load_config(explicit)
    start = Path.cwd() if is_url(target) else Path(target)
    found = find_config(start if start.is_dir() else start.parent)
    return load_config(found) if found else Config()


def _baseline(config: Config, command: CommandLine) -> tuple[Path | None, Baseline | None]:
    if command.baseline is not None:
        return command.baseline, load_baseline(command.baseline)
    if config.baseline is None:
        return None, None
    try:
        return config.baseline, load_baseline(config.baseline)
    except BaselineError as exc:
        raise config.error(("baseline",), str(exc)) from None


def resolve(
    target: str, command: CommandLine, crawl: CrawlOptions, with_baseline: bool = True,
    jobs: int | None = None,
) -> TargetSettings:  # fmt: skip
    """The settings for one target (`with_baseline`: read the baseline file, if there is one;
    `jobs` worker processes); raises an InputError (core/errors.py)."""
    config = config_for(target, command.config)
    every = load_rules(config.rules_paths, config.knowledge)
    rules, disabled = config.apply_to(every)
    off = tuple(rule for rule in every if rule.id in disabled)
    baseline_file, baseline = _baseline(config, command) if with_baseline else (None, None)
    changed = None
    if command.changed_since is not None:
        if is_url(target):
            raise ChangedError(f"--changed-since works on folders and files, not on {target}")
        changed = changed_files(Path(target), command.changed_since)
    options = AuditOptions(
        languages=Languages(command.lang or config.lang, config.content_lang),
        crawl=replace(crawl, skip=config.ignore),
        rules=rules, roles=config.pages, ignore=config.ignore, disabled=disabled,
        off_rules=off, sender=config.report, changed=changed, baseline=baseline, jobs=jobs,
        knowledge=config.knowledge,
    )  # fmt: skip
    policy = ExitPolicy(
        fail_on=command.fail_on or config.fail_on or "error",
        max_warnings=(
            command.max_warnings if command.max_warnings is not None else config.max_warnings
        ),
    )
    gaps = tuple(lexicon_gaps(rules, config.knowledge))
    return TargetSettings(config, options, policy, baseline_file, gaps)


def resolve_batch(
    targets: list[str], command: CommandLine, crawl: CrawlOptions, jobs: int
) -> list[TargetSettings]:
    """Each target's settings; the URLs share theirs (found from the current folder)."""
    for_urls: TargetSettings | None = None
    settings = []
    for target in targets:
        if not is_url(target):
            settings.append(resolve(target, command, crawl, jobs=jobs))
            continue
        for_urls = for_urls or resolve(target, command, crawl, jobs=jobs)
        settings.append(for_urls)
    return settings


def rules_as_configured(config: Config) -> list[Rule]:
    """Every rule, the configuration's own rules too, each with its configured severity
    ("off" for one the configuration turns off)."""
    every = load_rules(config.rules_paths, config.knowledge)
    configured, off = config.apply_to(every)
    severity = {rule.id: rule.severity for rule in configured} | dict.fromkeys(off, "off")
    return [replace(rule, severity=severity[rule.id]) for rule in every]


# what resolve() raises: each a one-line usage or configuration error


def prune_baselines(runs: list[tuple[TargetSettings, Report | None]]) -> list[str]:
    """Rewrite each baseline file without the findings that no longer occur in the targets that
    use it (left alone when one of them could not be read); a line per file saying so."""
    by_file: dict[Path, list[tuple[TargetSettings, Report | None]]] = {}
    for settings, report in runs:
        if settings.baseline_file is not None:
            by_file.setdefault(settings.baseline_file, []).append((settings, report))
    said = []
    for path, group in by_file.items():
        baseline = group[0][0].options.baseline
        if baseline is None or any(report is None for _, report in group):
            said.append(f"{shown(path)}: not pruned, a target could not be read")
            continue
        findings = [f for _, report in group if report for f in report.findings]
        pruned = baseline.pruned(findings)
        pruned.write(path)
        said.append(f"{shown(path)}: kept {pruned.total} of {baseline.total} baselined findings")
    return said


def outdated_baselines(runs: list[tuple[TargetSettings, Report | None]]) -> list[str]:
    """A line for each baseline file that held findings only by the fingerprints of an older
    copy-auditor (they still match), saying how to rewrite it."""
    outdated: dict[Path, int] = {}
    for settings, report in runs:
        baseline = settings.options.baseline
        if settings.baseline_file is not None and baseline is not None and report is not None:
            n = baseline.outdated(report.findings)
            outdated[settings.baseline_file] = outdated.get(settings.baseline_file, 0) + n
    return [
        f"{shown(path)}: {n} findings matched by the fingerprints of an older copy-auditor;"
        f" --baseline {shown(path)} --prune-baseline rewrites it with today's"
        for path, n in outdated.items()
        if n
    ]

"""The `auditor` command: check, rules, explain."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from click.shell_completion import CompletionItem

from auditor import __version__
from auditor.core import atomic
from auditor.core.defaults import CONFIG_FILES, DEFAULT_BASELINE, FAIL_ON, cores
from auditor.core.terminal import safe
from auditor.reporters import FORMATS, Render

if TYPE_CHECKING:  # each command imports what it uses when it runs: a quick start
    from auditor.audit.engine import AuditOptions
    from auditor.audit.report import Report
    from auditor.checks.rule import Rule
    from auditor.config.settings import CommandLine, TargetSettings
    from auditor.sources.crawl_options import CrawlOptions

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_TARGET, EXIT_INTERNAL = 0, 1, 2, 3, 4
FILE = click.Path(dir_okay=False, path_type=Path)
OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file instead of stdout.",
)
CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=FILE,
    help="Read this config file instead of the .auditor.yml or pyproject.toml found.",
)
MAX_PAGES_OPTION = click.option(
    "--max-pages",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="Crawl at most this many pages of a URL.",
)
IGNORE_ROBOTS_OPTION = click.option(
    "--ignore-robots", is_flag=True, help="Crawl pages robots.txt disallows (your own site)."
)
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar on the terminal.")


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"auditor: {safe(message)}", err=True)  # may name a file a stranger named
    sys.exit(code)


def _rules(config_file: Path | None = None) -> list[Rule]:
    """Every rule, the configuration's own rules too, each with its configured severity
    ("off" for one the configuration turns off)."""
    from auditor.checks.loader import load_rules
    from auditor.config.settings import SETTINGS_ERRORS, config_for

    try:
        config = config_for(".", config_file)
        every = load_rules(config.rules_paths, config.knowledge)
        configured, off = config.apply_to(every)
    except SETTINGS_ERRORS as exc:
        _fail(str(exc), EXIT_USAGE)
    severity = {rule.id: rule.severity for rule in configured} | dict.fromkeys(off, "off")
    return [replace(rule, severity=severity[rule.id]) for rule in every]


def _languages() -> tuple[str, ...]:
    from auditor.lexicons.knowledge import load_knowledge
    from auditor.lexicons.lexicon import LexiconError

    try:
        return tuple(load_knowledge().languages)
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


LANG_OPTION = click.option(
    "--lang", type=Language(), help="The report's language (each page's copy is read in its own)."
)


def _use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


class _Commands(click.Group):
    """The commands; a failure nobody foresaw is one line and exit 4, never a traceback (and
    never exit 1, which says that there are findings). AUDITOR_TRACEBACK=1 shows it whole."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("AUDITOR_TRACEBACK"):
                raise
            lines = str(exc).strip().splitlines()
            what = f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__
            _fail(f"internal error: {safe(what)} (please report it)", EXIT_INTERNAL)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copy-auditor")
def main() -> None:
    """copy-auditor: audit the copy of a coach's website."""


@main.command()
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
    from auditor.checks.rule import RuleError
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
    batch = _as_typed(list(targets), lang)
    batch += _read_urls(urls_file) if urls_file is not None else []
    settings = _batch_settings(batch, command, crawl, jobs)
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
        try:
            outcomes, failed = check_batch(
                batch, [s.options for s in settings], limits, printed, quiet, jobs
            )
        except RuleError as exc:  # a rule parameter of the wrong kind, found as the check runs
            _fail(str(exc), EXIT_USAGE)
        runs = list(zip(settings, outcomes, strict=True))
        exit_code = EXIT_TARGET if failed else EXIT_OK
        render = render_overview if fmt == "text" else render
    else:
        exit_code = EXIT_OK
        for target, target_settings in zip(batch, settings, strict=True):
            try:
                report = _audit_with_progress(target, target_settings.options, quiet)
            except TargetError as exc:  # may quote what a server sent: made safe for a terminal
                click.echo(f"auditor: {safe(str(exc))}", err=True)
                exit_code = EXIT_TARGET
                report = None
            except RuleError as exc:  # a rule parameter of the wrong kind, found as the check runs
                _fail(str(exc), EXIT_USAGE)
            runs.append((target_settings, report))
    _baselines(runs, prune_baseline)
    reports = [r for _, r in runs if r is not None]
    if not reports:
        sys.exit(exit_code)
    text = render(reports, _use_color(output))
    if output:
        try:
            atomic.write_text(output, text)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
    elif not printed:
        click.echo(text, nl=False)
    if fmt == "github":
        from auditor.reporters.github import append_step_summary

        try:
            append_step_summary(reports)
        except OSError as exc:
            _fail(f"cannot write the step summary: {exc.strerror}", EXIT_USAGE)
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


def _as_typed(targets: list[str], lang: str | None) -> list[str]:
    """The sites the typed targets mean (auditor/sources/targets.py), saying so on stderr."""
    from auditor.sources.targets import TargetUnclear, resolve_targets

    try:
        return resolve_targets(
            targets, lang, lambda line: click.echo(f"auditor: {safe(line)}", err=True)
        )
    except TargetUnclear as exc:
        _fail(str(exc), EXIT_TARGET)


def _read_urls(urls_file: str) -> list[str]:
    from auditor.audit.batch import read_targets

    try:
        if urls_file == "-":
            return read_targets(sys.stdin.read())
        return read_targets(Path(urls_file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        _fail(f"cannot read {urls_file}: {reason}", EXIT_USAGE)


def _batch_settings(
    targets: list[str], command: CommandLine, crawl: CrawlOptions, jobs: int
) -> list[TargetSettings]:
    """Each target's settings; the URLs share theirs (found from the current folder)."""
    from auditor.audit.engine import is_url

    for_urls: TargetSettings | None = None
    settings = []
    for target in targets:
        if not is_url(target):
            settings.append(_settings(target, command, crawl, jobs))
            continue
        for_urls = for_urls or _settings(target, command, crawl, jobs)
        settings.append(for_urls)
    return settings


def _settings(
    target: str, command: CommandLine, crawl: CrawlOptions, jobs: int | None = None,
    with_baseline: bool = True,
) -> TargetSettings:  # fmt: skip
    """The target's settings (its config found from its folder, or the current folder for a
    URL), with `jobs` worker processes."""
    from auditor.config.settings import SETTINGS_ERRORS, resolve

    try:
        target_settings = resolve(target, command, crawl, with_baseline)
    except SETTINGS_ERRORS as exc:
        _fail(str(exc), EXIT_USAGE)
    for line in target_settings.lexicon_gaps:
        click.echo(f"auditor: warning: {safe(line)}", err=True)
    target_settings.options = replace(target_settings.options, jobs=jobs)
    return target_settings


def _baselines(runs: list[tuple[TargetSettings, Report | None]], prune: bool) -> None:
    """Prune the baselines (--prune-baseline), else say which ones are outdated."""
    from auditor.audit.baseline import BaselineError
    from auditor.config.settings import outdated_baselines, prune_baselines

    try:
        for line in prune_baselines(runs) if prune else outdated_baselines(runs):
            click.echo(safe(line), err=True)
    except BaselineError as exc:
        _fail(str(exc), EXIT_USAGE)


@main.command(name="baseline")
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
    from auditor.audit.baseline import Baseline, BaselineError
    from auditor.audit.engine import TargetError, audit
    from auditor.config.settings import CommandLine
    from auditor.core.paths import shown
    from auditor.sources.crawl_options import CrawlOptions

    crawl = replace(CrawlOptions(), max_pages=max_pages, respect_robots=not ignore_robots)
    command = CommandLine(config=config_file, lang=lang)
    settings = [_settings(target, command, crawl, with_baseline=False) for target in targets]
    findings = []
    for target, target_settings in zip(targets, settings, strict=True):
        try:
            findings += audit(target, target_settings.options).findings
        except TargetError as exc:
            _fail(f"{exc}; no baseline written", EXIT_TARGET)
    path = output or settings[0].config.baseline or Path(DEFAULT_BASELINE)
    baseline = Baseline.of(findings)
    try:
        baseline.write(path)
    except BaselineError as exc:
        _fail(str(exc), EXIT_USAGE)
    fingerprints = len(baseline.entries)
    where = safe(shown(path))
    click.echo(f"wrote {baseline.total} findings ({fingerprints} fingerprints) to {where}")


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .auditor.yml.")
def init(force: bool) -> None:
    """Write a commented starter .auditor.yml in the current folder."""
    from auditor.config.starter import write_starter

    path = Path(CONFIG_FILES[0])
    try:
        write_starter(path, force)
    except FileExistsError:
        _fail(f"{path} exists; use --force to overwrite it", EXIT_USAGE)
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror}", EXIT_USAGE)
    click.echo(f"wrote {path}")


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
@CONFIG_OPTION
def list_rules(fmt: str, output_dir: Path | None, config_file: Path | None) -> None:
    """List the rules (your own too) with their configured severity, or write their docs."""
    if fmt == "markdown" and output_dir is None:
        raise click.UsageError("--format markdown needs --output-dir")
    if fmt == "list" and output_dir is not None:
        raise click.UsageError("--output-dir needs --format markdown")
    rules = _rules(config_file)
    if output_dir is None:
        for rule in rules:
            click.echo(f"{rule.id:<36} {rule.severity:<8} {rule.text('title', 'en')}")
        return
    from auditor.reporters.docs import write_docs

    try:
        written = write_docs(rules, output_dir)
    except OSError as exc:
        _fail(f"cannot write {exc.filename or output_dir}: {exc.strerror}", EXIT_USAGE)
    click.echo(f"wrote {len(written)} files to {safe(str(output_dir))}")


def _explain(rule: Rule, lang: str) -> None:
    from auditor.reporters.html_view import labels

    words = labels(lang)
    bad, good = rule.examples["fail"][0], rule.examples["pass"][0]
    click.echo(f"{rule.id} ({rule.severity}): {rule.text('title', lang)}\n")
    click.echo(f"{words['why']}: {rule.text('why', lang)}\n")
    click.echo(f"{words['fix']}: {rule.text('fix', lang)}\n")
    for label, example in ((words["example_fails"], bad), (words["example_passes"], good)):
        click.echo(f"{label}: {example.get('name', '')}")
        pages = example.get("pages") or {"/": example.get("html", "")}
        for url, html in pages.items():
            click.echo(f"  {url}: {html}")
        click.echo("")


@main.command()
@click.argument("rule_id", required=False)
@click.option("--all", "every", is_flag=True, help="Explain every rule (also without RULE_ID).")
@click.option("--lang", type=Language(), default="en", show_default=True, help="Text language.")
@CONFIG_OPTION
def explain(rule_id: str | None, every: bool, lang: str, config_file: Path | None) -> None:
    """Why a rule matters, its fix, a failing and a passing example (every rule without RULE_ID)."""
    if rule_id is not None and every:
        raise click.UsageError("give a RULE_ID or --all, not both")
    rules = {r.id: r for r in _rules(config_file)}
    if rule_id is None:
        for rule in rules.values():
            _explain(rule, lang)
        return
    if rule_id not in rules:
        _fail(f"unknown rule '{rule_id}'; see 'auditor rules'", EXIT_USAGE)
    _explain(rules[rule_id], lang)


@main.command(name="diff")
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
    from auditor.audit.diff import diff_runs, render_diff_json, render_diff_text
    from auditor.audit.report_reader import ReportFileError, load_reports

    try:
        diffs, missing = diff_runs(load_reports(old), load_reports(new))
    except ReportFileError as exc:
        _fail(str(exc), EXIT_USAGE)
    for target in missing:
        said = f"{safe(target)} is in {safe(str(old))} but not in {safe(str(new))}; not compared"
        click.echo(f"auditor: {said}", err=True)
    if fmt == "html":
        from auditor.reporters.html_report import render_diff_html

        rules = [rule for rule in _rules() if rule.severity != "off"]
        text = render_diff_html(diffs, rules, lang)
    else:
        text = render_diff_json(diffs) if fmt == "json" else render_diff_text(diffs)
    if output:
        try:
            atomic.write_text(output, text)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_FINDINGS if any(d.added for d in diffs) else EXIT_OK)


INSPECT_FORMATS = ("text", "json")


@main.command(name="inspect")
@click.argument("target")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(INSPECT_FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@OUTPUT_OPTION
@CONFIG_OPTION
@LANG_OPTION
@MAX_PAGES_OPTION
@IGNORE_ROBOTS_OPTION
@QUIET_OPTION
def inspect_command(
    target: str, fmt: str, output: str | None, config_file: Path | None, lang: str | None,
    max_pages: int, ignore_robots: bool, quiet: bool,
) -> None:  # fmt: skip
    """Show the site as the rules see it: pages, roles and why, offers, forms, testimonials.

    For when a verdict surprises; no rule is run. Each page with its role and why it got
    it, its sections (headings with block ranges), the offers on it (price as written, or
    "no price" / "on request"; each action with its label, link, verdict and where it
    leads), its forms (e-mail field, privacy link) and testimonials (quoted blocks,
    testimonial headings, review widget); then the shop window (each offer's price as
    written or where it is instead, its call to action and where that leads, a client's
    words near it, clicks from the homepage, other prices for it on other pages) and the
    pages that could not be read. TARGET is what `auditor check` takes: a URL, a folder or
    a file.

    \b
    --format json prints one object (inspect_version "1"):
      {"inspect_version": "1", "tool": {...}, "target": ...,
       "pages": [{"url", "path", "lang", "title", "h1", "role",
                  "role_reason": {"signal", "value", "word", "text"},
                  "blocks", "sections": [{"heading", "level", "first_block",
                  "last_block", "line"}], "role_sections": [{"role", "name",
                  "first_block", "last_block", "line"}], "forms": [{"line",
                  "first_block", "last_block", "email_field", "visible_fields",
                  "privacy_link": {"label", "href"} | null, "prechecked_consent",
                  "bare"}], "testimonials": {"quoted_blocks": [{"block", "line",
                  "text"}], "headings": [...], "review_widget"}}],
       "offers": [{"name", "page", "path", "first_block", "last_block", "line",
                   "prices": [{"text", "amount", "currency"}], "price_on_request",
                   "actions": [{"label", "href", "line", "button",
                   "judged": "buy|contact|other", "leads_to": {"kind", "page"?,
                   "role"?}, "destination": {"kind", "target", "reason"} | null}],
                   "page_actions": [{"kind", "target", "reason"}]}],
       "shop_window": [{"name", "page", "price", "price_on", "price_on_request",
                        "action", "leads_to", "leads_target", "quote", "clicks",
                        "other_prices": {page: price}}],
       "errors": [{"page", "message"}]}
    role_reason.signal (where the role was read): homepage, config, slug, label
    (of a link to the page), h1, title, none; word: the offer word that made it
    an offer page.
    leads_to.kind: message, form, booking, payment, checkout, events, page,
    this_page, not_read, external, no_link. destination.kind (what it was judged
    to open): booking, checkout, booking_form, contact, contact_form, page, unknown.

    Exits 0; 2 on a usage or configuration error; 3 when the target cannot be read.
    """
    from auditor.audit.engine import TargetError, model_target
    from auditor.audit.inspect import inspect_site
    from auditor.config.settings import CommandLine
    from auditor.core.progress import ProgressBar
    from auditor.reporters.inspect_report import render_inspect_json, render_inspect_text
    from auditor.sources.crawl_options import CrawlOptions

    crawl = replace(CrawlOptions(), max_pages=max_pages, respect_robots=not ignore_robots)
    command = CommandLine(config=config_file, lang=lang)
    [target] = _as_typed([target], lang)
    settings = _settings(target, command, crawl, with_baseline=False)
    bar = ProgressBar(target, enabled=not quiet)
    try:
        site = model_target(target, replace(settings.options, progress=bar))
    except TargetError as exc:
        _fail(safe(str(exc)), EXIT_TARGET)
    finally:
        bar.close()
    render = render_inspect_json if fmt == "json" else render_inspect_text
    text = render(inspect_site(site, settings.options.rules), _use_color(output))
    if output:
        try:
            atomic.write_text(output, text)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror}", EXIT_USAGE)
    else:
        click.echo(text, nl=False)


@main.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
    help="Port to listen on (0: any free port).",
)  # fmt: skip
@click.option(
    "--db", type=FILE, help="The clients database [default: copy-auditor/clients.db in the "
    "user's data folder ($XDG_DATA_HOME or ~/.local/share)].",
)  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Do not open the app in the browser.")
@click.option(
    "--token", envvar="AUDITOR_TOKEN",
    help="Needed on every request (required with a --host other machines reach).",
)  # fmt: skip
@click.option(
    "--export", "export_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write every client's reports (JSON and HTML) into this folder, and exit.",
)  # fmt: skip
def serve_command(
    host: str, port: int, db: Path | None, no_browser: bool, token: str | None,
    export_dir: Path | None,
) -> None:  # fmt: skip
    """A local web app for coaches: clients, audits round after round, what was fixed."""
    from auditor.serve.server import ServeError, default_db, export, serve
    from auditor.serve.store import StoreError

    db = db or default_db()
    try:
        if export_dir is not None:
            rounds, clients = export(db, export_dir)
            click.echo(f"wrote {rounds} rounds of {clients} clients to {export_dir}")
            return
        serve(host, port, db, not no_browser, token)
    except (ServeError, StoreError) as exc:
        _fail(str(exc), EXIT_USAGE)
    except OSError as exc:
        _fail(f"cannot write {exc.filename or export_dir}: {exc.strerror}", EXIT_USAGE)

"""Run one audit: read the target, model the site, run the rules, build the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.audit.baseline import Baseline
from auditor.audit.pagework import Progress, audit_folder
from auditor.audit.report import PageSummary, Report, RuleStatus
from auditor.audit.report_data import Sender
from auditor.audit.report_extras import describe
from auditor.audit.rule_docs import rule_docs
from auditor.checks.kinds import KINDS
from auditor.checks.loader import load_rules
from auditor.checks.rule import CheckKind, Coverage, Rule, RuleRun
from auditor.checks.run import check_rules
from auditor.checks.suppress import apply_inline
from auditor.core.defaults import cores
from auditor.core.errors import TargetUnreadable
from auditor.core.page_globs import matches
from auditor.core.urls import host_of, page_key, slug_words
from auditor.lexicons.knowledge import Knowledge, load_knowledge
from auditor.page.context import ParseContext
from auditor.page.language import Languages
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.site.model import Site
from auditor.site.roles import role_of_label
from auditor.sources.crawl_options import CrawlOptions
from auditor.sources.folder import (
    SiteFile,
    SourceError,
    list_folder,
    nothing_to_audit,
    read_folder,
)
from auditor.sources.markdown import is_markdown_target, read_markdown
from auditor.sources.raw import FetchError, RawPage

if TYPE_CHECKING:
    from auditor.sources.crawl import Limit

ROLE_PRIORITY = {"about": 0, "pricing": 0, "offer": 0, "contact": 1, "other": 2, "privacy": 3}


class TargetError(TargetUnreadable):
    """The target could not be fetched or read at all (one line)."""


@dataclass
class AuditOptions:
    """What the command line (or a program) asks of one audit."""

    # the report's language (--lang), and the language of pages' copy where the config says
    languages: Languages = field(default_factory=Languages)
    crawl: CrawlOptions = field(default_factory=CrawlOptions)
    rules: list[Rule] | None = None
    roles: dict[str, str] = field(default_factory=dict)  # config `pages`: glob -> role
    ignore: tuple[str, ...] = ()  # config `ignore`: globs of pages not audited
    disabled: frozenset[str] = frozenset()  # rules the config turns off
    off_rules: tuple[Rule, ...] = ()  # those rules, for the reports to describe
    sender: Sender | None = None  # config `report:` who sends the HTML report
    changed: frozenset[str] | None = None  # --changed-since: report only these files' pages
    baseline: Baseline | None = None  # findings it holds are marked, not counted
    jobs: int | None = None  # worker processes for a folder's pages; None: one per core
    progress: Progress | None = None  # told of each page of a folder as it is done
    kinds: Mapping[str, CheckKind] = field(default_factory=lambda: KINDS)  # of the rules
    # the lexicons and markup the pages are read with (the config's rules_paths may add some)
    knowledge: Knowledge = field(default_factory=load_knowledge)


def is_url(target: str) -> bool:
    return target.partition(":")[0].lower() in ("http", "https")


def _discover(
    reader: PageReader, options: AuditOptions, total: int = 0
):  # fmt: skip
    """A crawl callback: parse each fetched page once, and rank its links by likely role.

    The crawl drops a page's bytes once its links are read: `reader` holds its Page.
    """
    progress, knowledge = options.progress, options.knowledge

    def discover(raw: RawPage) -> Iterator[tuple[str, int]]:
        """The page's links one at a time, so that the crawl can stop reading them."""
        page = reader.parse(raw)
        if progress:
            progress(len(reader), total)  # of at most `total` pages
        lex = knowledge.lexicon(page.lang)
        host = host_of(raw.url)
        for link in [*page.nav_links, *page.links]:
            key = page_key(link.href, host)
            if key is None:
                continue
            role = role_of_label(link.text, lex) or role_of_label(slug_words(key), lex) or "other"
            yield link.href, ROLE_PRIORITY.get(role, 2)

    return discover


def _audit_folder(target: str, options: AuditOptions, rules: list[Rule]) -> tuple[Site, RuleRun]:
    """A folder's pages, worked on in parallel and not all held at once (audit/pagework.py)."""
    jobs = options.jobs or cores()
    unreadable: list[FetchError] = []  # sub-folders that could not be read
    try:
        files = _files_not_ignored(target, list_folder(Path(target), unreadable), options)
        site, run = audit_folder(
            target,
            files,
            options.languages,
            rules,
            jobs,
            options.progress,
            options.roles,
            options.kinds,
            knowledge=options.knowledge,
        )
        site.errors.extend(unreadable)
        return site, run
    except SourceError as exc:
        raise TargetError(str(exc)) from None
    except BrokenProcessPool:
        raise TargetError(f"{target}: a worker process stopped unexpectedly") from None


def _files_not_ignored(target: str, files: list[SiteFile], options: AuditOptions) -> list[SiteFile]:
    """The files of a folder the configuration's `ignore` globs leave in."""
    if not options.ignore or not files:
        return files
    files = [f for f in files if not matches(options.ignore, f.url, f.path)]
    if not files:
        raise TargetError(f"{target}: every page is ignored by the configuration")
    return files


async def audit_url(
    target: str, options: AuditOptions, rules: list[Rule], limit: Limit | None = None
) -> Report:
    """Audit a site over HTTP in a running event loop, each request holding `limit(url)`
    (`options.progress` is told of each page read)."""
    import asyncio

    from auditor.sources.crawl import CrawlFailed, crawl_async  # httpx: only for a crawl

    reader = _reader(options)
    discover = _discover(reader, options, options.crawl.max_pages)
    try:
        raws, errors = await crawl_async(
            target, discover, options.crawl, limit, _ranking(options.knowledge), keep_bodies=False
        )
    except CrawlFailed as exc:
        raise TargetError(str(exc)) from None

    def model() -> Report:
        kept, kept_errors = _not_ignored(target, raws, list(errors), options)
        site = _read_some(build_site(target, kept, kept_errors, reader, options.roles))
        run = check_rules(site, rules, options.languages.report, options.kinds)
        return make_report(target, site, run, options, rules)

    return await asyncio.to_thread(model)


def _ranking(knowledge: Knowledge) -> Callable[[str], int]:
    """A crawl callback: a URL no link leads to (from a sitemap) ranks by the role of its slug."""
    from auditor.sources.crawl import SITEMAP_PRIORITY

    def rank(url: str) -> int:
        words = slug_words(page_key(url, host_of(url)) or "/")
        for lex in knowledge.lexicons.values():
            role = role_of_label(words, lex)
            if role in ("about", "pricing", "offer", "contact"):
                return ROLE_PRIORITY[role]
        return SITEMAP_PRIORITY

    return rank


def _reader(options: AuditOptions) -> PageReader:
    """The one reader of an audit's pages: its knowledge, and the languages of their copy."""
    return PageReader(ParseContext(options.knowledge, options.languages))


def read_target(
    target: str, options: AuditOptions, reader: PageReader
) -> tuple[list[RawPage], list[FetchError]]:
    """Raw pages from a URL crawl (each parsed by `reader` as it arrives, its bytes let go) or
    a folder; TargetError when nothing can be read."""
    if is_url(target):
        from auditor.sources.crawl import CrawlFailed, crawl  # httpx: only for a crawl

        try:
            discover = _discover(reader, options, options.crawl.max_pages)
            ranking = _ranking(options.knowledge)
            raws, errors = crawl(target, discover, options.crawl, ranking, keep_bodies=False)
        except CrawlFailed as exc:
            raise TargetError(str(exc)) from None
        return raws, errors
    try:
        if is_markdown_target(Path(target)):
            return read_markdown(Path(target))
        return read_folder(Path(target))
    except SourceError as exc:
        raise TargetError(str(exc)) from None


def audit(target: str, options: AuditOptions | None = None) -> Report:
    """Audit one site and return its report."""
    options = options or AuditOptions()
    rules = options.rules if options.rules is not None else load_rules((), options.knowledge)
    if not is_url(target) and Path(target).is_dir() and not is_markdown_target(Path(target)):
        site, run = _audit_folder(target, options, rules)
    else:
        site = model_target(target, options)
        run = check_rules(site, rules, options.languages.report, options.kinds)
    return make_report(target, site, run, options, rules)


def model_target(target: str, options: AuditOptions | None = None) -> Site:
    """The site model of a target as the rules see it (every page whole), no rule run."""
    options = options or AuditOptions()
    reader = _reader(options)
    raws, errors = _not_ignored(target, *read_target(target, options, reader), options)
    site = build_site(target, raws, list(errors), reader, options.roles)
    return _read_some(site)


def _read_some(site: Site) -> Site:
    """The site, if at least one of its pages could be parsed; else TargetError."""
    if not site.pages:
        raise TargetError(str(nothing_to_audit(site.target, site.errors)))
    return site


def _not_ignored(
    target: str, raws: list[RawPage], errors: list[FetchError], options: AuditOptions
) -> tuple[list[RawPage], list[FetchError]]:
    """The pages and errors the configuration's `ignore` globs leave in."""
    if not options.ignore:
        return raws, errors
    raws = [r for r in raws if not matches(options.ignore, r.url, r.path)]
    errors = [e for e in errors if not matches(options.ignore, e.page, None)]
    if not raws:
        raise TargetError(f"{target}: every page is ignored by the configuration")
    return raws, errors


def make_report(
    target: str,
    site: Site,
    run: RuleRun,
    options: AuditOptions | None = None,
    rules: list[Rule] | None = None,
) -> Report:
    """The report of an audit: inline suppressions and the baseline applied, the findings in
    page and line order (only the changed pages' with --changed-since), a summary of each page,
    the status of each rule, and what the reports show besides (auditor/audit/report_extras.py).
    """
    options = options or AuditOptions()
    rules = rules if rules is not None else (options.rules or [])
    findings = apply_inline(site, run.findings, rules, options.disabled, options.languages.report)
    if options.changed is not None:
        findings = [f for f in findings if f.path in options.changed]
    findings.sort(key=lambda f: (f.page, f.line or 0, f.rule))
    if options.baseline is not None:
        options.baseline.apply(findings)
    pages = [PageSummary(p.url, p.path, p.role, p.lang, p.status, p.title) for p in site.pages]
    report = Report(target=target, pages=pages, findings=findings, errors=site.errors,
                    lang=options.languages.report)  # fmt: skip
    report.rules = rule_statuses(report, rules, run.coverage, options.disabled)
    docs = rule_docs(rules, options.knowledge.languages, options.off_rules)
    describe(report, site, docs, options.sender)
    return report


def rule_statuses(
    report: Report, rules: list[Rule], coverage: dict[str, Coverage], disabled: frozenset[str]
) -> list[RuleStatus]:
    """Each rule's status, by id: failed (findings that count), not checked (the check could
    not judge it, and nothing was found), passed, or off (the configuration turns it off)."""
    counts = Counter(f.rule for f in report.active)
    statuses = [RuleStatus(rule_id, "off") for rule_id in disabled]
    for rule in (r for r in rules if r.id not in disabled):
        unchecked = coverage.get(rule.id, Coverage()).unchecked
        if counts[rule.id]:
            statuses.append(RuleStatus(rule.id, "failed", findings=counts[rule.id]))
        elif unchecked:
            first = unchecked[0]
            statuses.append(
                RuleStatus(rule.id, "not_checked", first.reason, first.message, first.page)
            )
        else:
            statuses.append(RuleStatus(rule.id, "passed"))
    return sorted(statuses, key=lambda s: s.id)

"""The work on each page of a folder, in worker processes: parse it, run the rules that read
one page alone, and keep of it only what the rules that read the whole site need.

A page whose own URL, h1 or title may make it the homepage, an about, pricing, offer or
contact page is kept whole; the others keep their URL, title, h1 and language (the copy is
dropped as soon as it is parsed), and the labels of their links go to one shared index. If
the labels of links from other pages give a short page one of those roles after all, it is
read and parsed again; so is a short page an offer's button leads to, to judge where it
leads (auditor/site/destinations.py). So memory stays flat however many pages the folder holds.

The configuration has its say: a page its `pages` globs give a role keeps that role (and is
kept whole when the rules read pages of that role); a custom rule that reads pages of other
roles (or every page) keeps those pages whole too; a page with inline-suppression directives
is kept whole, so that the directives are matched against all of its elements.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from auditor.checks.findings import Finding
from auditor.checks.kinds import KINDS
from auditor.checks.rule import CheckKind, Coverage, Rule, RuleRun
from auditor.checks.run import check_rules
from auditor.core.page_globs import role_for
from auditor.core.urls import page_key
from auditor.lexicons.knowledge import Knowledge
from auditor.page.context import ParseContext
from auditor.page.language import Languages
from auditor.page.model import Page
from auditor.page.parse import parse_or_error
from auditor.site.build import WHOLE_ROLES, model_site
from auditor.site.model import Site
from auditor.site.roles import ROLES, nav_labels, page_role
from auditor.sources.folder import SiteFile, nothing_to_audit, page_order, read_entry
from auditor.sources.raw import FetchError

MIN_POOL_PAGES = 16  # below this, starting worker processes costs more than it saves
CHUNK = 4  # pages a worker takes at a time

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class PageWork:
    """What the work on one page hands back."""

    page: Page | None = None  # None: it could not be read or parsed
    error: FetchError | None = None
    unread: bool = False  # the error is that the file could not be read
    labels: dict[str, list[str]] = field(default_factory=dict)  # nav_labels of this page
    findings: list[Finding] = field(default_factory=list)  # per-page rules, on a short page
    coverage: dict[str, Coverage] = field(default_factory=dict)  # of those rules, on that page
    short: bool = False  # the copy was dropped


@dataclass(frozen=True)
class Context:
    """What the work on every page needs."""

    parsing: ParseContext  # knowledge, and the languages of the copy and of the report
    rules: list[Rule]  # the per-page rules
    whole_roles: frozenset[str] = WHOLE_ROLES  # the roles of the pages the site rules read
    fixed: Mapping[str, str] | None = None  # the configuration's `pages`: glob -> role


def whole_roles(rules: list[Rule], kinds: Mapping[str, CheckKind] = KINDS) -> frozenset[str]:
    """The roles of the pages whose copy the site rules read: WHOLE_ROLES, and those a
    generic check kind's `roles` param names (every role when it names none)."""
    roles = set(WHOLE_ROLES)
    for rule in rules:
        if not kinds[rule.check].per_page:
            roles |= rule.params.page_roles
    return frozenset(roles)


def _needs_whole(page: Page, context: Context) -> bool:
    """May the site rules read this page's copy? (Its language unknown: decided later.)"""
    if page.directives or context.whole_roles >= set(ROLES):
        return True
    if context.fixed and (role := role_for(context.fixed, page.url, page.path)):
        return role in context.whole_roles
    lex = context.parsing.knowledge.lexicons.get(page.lang)
    if lex is None:
        return True
    return page_role(page, page_key(page.url) or "", [], lex)[0] in context.whole_roles


def work_on(entry: SiteFile, context: Context) -> PageWork:
    """Read and parse one file; keep it whole, or shortened with its per-page findings."""
    raw = read_entry(entry)
    if isinstance(raw, FetchError):
        return PageWork(error=raw, unread=True)
    page = parse_or_error(raw, context.parsing)
    if isinstance(page, FetchError):
        return PageWork(error=page)
    labels = nav_labels([page], "")
    if _needs_whole(page, context):
        return PageWork(page=page, labels=labels)
    # a finding's line is read from its element: the tag scan runs for this page only then
    site = Site(entry.url, [page], [], knowledge=context.parsing.knowledge)
    run = check_rules(site, context.rules, context.parsing.languages.report)
    short = replace(page, blocks=[], links=[], nav_links=[], forms=[], anchors={},
                    abbreviations={}, embeds=[])  # fmt: skip
    return PageWork(page=short, labels=labels, findings=run.findings, coverage=run.coverage,
                    short=True)  # fmt: skip


_context: Context | None = None  # set in each worker process


def _start_worker(context: Context) -> None:
    global _context
    _context = context


def _work_in_worker(entry: SiteFile) -> PageWork:
    assert _context is not None
    return work_on(entry, _context)


def _work_all(files: list[SiteFile], context: Context, jobs: int) -> Iterator[PageWork]:
    """The work on each file, in order: in `jobs` worker processes, or here for few pages."""
    if jobs <= 1 or len(files) < MIN_POOL_PAGES:
        yield from (work_on(entry, context) for entry in files)
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(context,)) as pool:
        yield from pool.map(_work_in_worker, files, chunksize=CHUNK)


def audit_folder(
    target: str,
    files: list[SiteFile],
    languages: Languages,
    rules: list[Rule],
    jobs: int,
    progress: Progress | None = None,
    fixed: Mapping[str, str] | None = None,
    kinds: Mapping[str, CheckKind] = KINDS,
    *,
    knowledge: Knowledge,
) -> tuple[Site, RuleRun]:
    """Model the site in `files` and run the rules on it (files: in path order), reading
    its copy with `knowledge`.

    `fixed`: the configuration's `pages` (glob -> role).
    """
    per_page = [r for r in rules if kinds[r.check].per_page]
    parsing = ParseContext(knowledge, languages)
    context = Context(parsing, per_page, whole_roles(rules, kinds), dict(fixed or {}) or None)
    rank = {entry.url: i for i, entry in enumerate(files)}
    files = sorted(files, key=lambda entry: page_order(entry.url))
    pages: list[Page] = []
    labels: dict[str, list[str]] = {}
    unread: list[FetchError] = []
    unparsed: list[FetchError] = []
    short: dict[str, tuple[SiteFile, PageWork]] = {}
    for done, (entry, work) in enumerate(
        zip(files, _work_all(files, context, jobs), strict=True), 1
    ):
        if work.error is not None:
            (unread if work.unread else unparsed).append(work.error)
        if work.page is not None:
            pages.append(_shared(work.page))
            _merge(labels, work.labels.items())
            if work.short:
                short[entry.url] = (entry, replace(work, labels={}))  # merged: let them go
        if progress:
            progress(done, len(files))
    unread.sort(key=lambda e: rank[e.page])
    if not pages:  # none could be read, or parsed
        raise nothing_to_audit(target, sorted(unread + unparsed, key=lambda e: rank[e.page]))

    def read_again(page: Page) -> Page:
        """The page with all its copy (read again), if it was kept short."""
        if page.url not in short:
            return page
        raw = read_entry(short[page.url][0])
        parsed = raw if isinstance(raw, FetchError) else parse_or_error(raw, parsing)
        if isinstance(parsed, FetchError):
            return page
        parsed.role, parsed.role_reason, parsed.lang = page.role, page.role_reason, page.lang
        return parsed

    def whole(page: Page) -> Page:
        """The page with all its copy (read again), if it was kept short and the rules read
        pages of its role."""
        if page.url not in short or page.role not in context.whole_roles:
            return page
        parsed = read_again(page)
        if parsed is not page:
            del short[page.url]  # the site's rules read it now, per-page rules too
        return parsed

    site = model_site(target, pages, unread + unparsed, labels, whole, fixed, read_again,
                      knowledge=knowledge)  # fmt: skip
    run = check_rules(site, rules, languages.report, kinds)
    for _, work in short.values():
        run.findings.extend(work.findings)
        for rule_id, coverage in work.coverage.items():
            run.coverage[rule_id] = run.coverage[rule_id].merged(coverage)
    return site, run


def _shared(page: Page) -> Page:
    """The page, holding one copy of each string a site's pages repeat (their menus and
    footers, section headings) once it comes back from a worker process."""
    for link in (*page.nav_links, *page.links):
        link.href, link.text = sys.intern(link.href), sys.intern(link.text)
    for block in page.blocks:
        block.section = sys.intern(block.section)
    return page


def _merge(labels: dict[str, list[str]], page_labels: Iterable[tuple[str, list[str]]]) -> None:
    """Add one page's link labels, in order, as nav_labels over all pages would have them."""
    for key, texts in page_labels:
        known = labels.setdefault(key, [])
        known.extend(t for t in texts if t not in known)

"""Audits in the background: every round runs on one event loop in its own thread, the crawls
sharing the batch's limits (requests per host and in all), a few rounds at a time.

What a round is doing (pages read, the page being fetched) is kept in memory for the
progress view; what it found goes to the store when it is done.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from auditor.audit.batch import BatchLimits, Limits
from auditor.audit.engine import AuditOptions, TargetError, audit, audit_url, is_url
from auditor.checks.loader import load_rules
from auditor.checks.rule import RuleError
from auditor.config.settings import CommandLine, resolve
from auditor.core.errors import InputError
from auditor.core.terminal import safe
from auditor.reporters.html_report import render_html_reports
from auditor.reporters.json_report import report_dict
from auditor.serve.store import STOPPED, Client, Store
from auditor.sources.crawl import CrawlOptions, Limit

LOG = logging.getLogger("auditor.serve")
MAX_ERRORS_SHOWN = 20


def _helper_file(url: str) -> bool:
    """robots.txt and sitemaps: not pages, and often missing on purpose."""
    path = urlsplit(url).path.lower()
    return path.endswith("/robots.txt") or "sitemap" in path.rsplit("/", 1)[-1]


@dataclass
class Live:
    """What a running round is doing, for the progress view."""

    audit_id: int
    client_id: int
    total: int  # at most this many pages
    state: str = "waiting"  # waiting (for a slot), reading, checking
    pages: int = 0  # pages read so far
    requests: int = 0
    current: str = ""  # the URL last asked for
    errors: list[tuple[str, str]] = field(default_factory=list)  # pages that failed so far
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def page_done(self, done: int, total: int) -> None:
        with self.lock:
            self.pages, self.total = done, max(total, done)

    def as_dict(self) -> dict[str, Any]:
        with self.lock:
            return {
                "audit": self.audit_id, "client": self.client_id, "state": self.state,
                "pages": self.pages, "total": self.total, "requests": self.requests,
                "current": self.current,
                "errors": [{"page": url, "message": why} for url, why in self.errors],
            }  # fmt: skip


def config_of(options: AuditOptions, config_path: str | None) -> dict[str, Any]:
    """What a round is stored with: the limits and the configuration it ran with."""
    crawl = options.crawl
    return {
        "config_file": config_path,
        "lang": options.languages.report,
        "max_pages": crawl.max_pages,
        "budget": crawl.budget,
        "respect_robots": crawl.respect_robots,
        "allow_private": crawl.allow_private,
        "disabled": sorted(options.disabled),
        "ignore": list(options.ignore),
    }


class Runner:
    """Starts rounds and runs them, `at_once` at a time, in a thread of their own."""

    def __init__(
        self,
        store: Store,
        crawl: CrawlOptions | None = None,
        limits: BatchLimits | None = None,
        at_once: int = 4,
    ) -> None:
        self.store = store
        self.crawl = crawl or CrawlOptions()
        limits = limits or BatchLimits(per_host=self.crawl.concurrency, total=16)
        self.limits = Limits(limits.per_host, limits.total)
        self.slots = asyncio.Semaphore(at_once)
        self.live: dict[int, Live] = {}
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="audits", daemon=True)
        self.thread.start()

    def start(self, client: Client) -> int:
        """Begin a round of the client's site (or return the one already running)."""
        running = self.running(client.id)
        if running is not None:
            return running
        try:
            settings = resolve(client.target, CommandLine(), self.crawl, with_baseline=False)
        except InputError as exc:
            audit_id = self.store.begin_audit(client.id, {})
            self.store.fail_audit(audit_id, str(exc))
            return audit_id
        path = str(settings.config.path) if settings.config.path else None
        options = settings.options
        audit_id = self.store.begin_audit(client.id, config_of(options, path))
        live = Live(audit_id, client.id, self.crawl.max_pages if is_url(client.target) else 0)
        self.live[audit_id] = live
        asyncio.run_coroutine_threadsafe(self._run(client.target, options, live), self.loop)
        return audit_id

    def running(self, client_id: int) -> int | None:
        return next((a for a, live in self.live.items() if live.client_id == client_id), None)

    def progress(self, audit_id: int) -> dict[str, Any] | None:
        live = self.live.get(audit_id)
        return live.as_dict() if live else None

    def stop(self) -> None:
        """At shutdown: the rounds still running are kept as incomplete."""
        for audit_id in list(self.live):
            self.store.fail_audit(audit_id, STOPPED, "incomplete")
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _run(self, target: str, options: AuditOptions, live: Live) -> None:
        store = self.store
        try:
            async with self.slots:
                live.state = "reading"
                options = replace(options, progress=live.page_done, jobs=1)
                rules = options.rules
                if rules is None:
                    rules = load_rules((), options.knowledge)
                if is_url(target):
                    report = await audit_url(target, options, rules, self._limit(live))
                else:
                    report = await asyncio.to_thread(audit, target, options)
                live.state = "checking"
                html = await asyncio.to_thread(render_html_reports, [report])
                await asyncio.to_thread(
                    store.finish_audit, live.audit_id, report_dict(report), html
                )
        except (TargetError, RuleError) as exc:
            await asyncio.to_thread(store.fail_audit, live.audit_id, safe(str(exc)))
        except Exception as exc:
            LOG.exception("audit %s of %s failed", live.audit_id, target)
            message = f"unexpected error: {safe(str(exc))}"
            await asyncio.to_thread(store.fail_audit, live.audit_id, message)
        finally:
            self.live.pop(live.audit_id, None)

    def _limit(self, live: Live) -> Limit:
        """The shared limits, noting each URL asked for."""
        limits = self.limits

        @asynccontextmanager
        async def limit(url: str) -> AsyncIterator[None]:
            async with limits(url):
                with live.lock:
                    live.current, live.requests = url, live.requests + 1
                try:
                    yield
                except Exception as exc:  # the request failed (it may be tried again)
                    if not _helper_file(url) and len(live.errors) < MAX_ERRORS_SHOWN:
                        with live.lock:
                            live.errors.append((url, safe(str(exc))))
                    raise

        return limit

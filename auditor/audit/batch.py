"""Audit many sites at once (`auditor check --urls-file`).

The sites are shared out over worker processes (one per core, so that parsing uses them
all), the sites of one host always to the same worker. In each worker the crawls run
together on one event loop, holding a slot of two limits for every request: one per host
and one in all (the global limit, split evenly over the workers). The outcome of each site
is handed on as soon as it is done.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from auditor.audit.engine import AuditOptions, TargetError, audit, audit_url, is_url
from auditor.audit.report import Report
from auditor.checks.loader import load_rules
from auditor.checks.rule import RuleError

Outcome = Report | str  # the report, or why the site could not be audited (one line)
Done = Callable[[int, Outcome], None]  # (the site's index in the batch, its outcome)


@dataclass(frozen=True)
class BatchLimits:
    """How many requests may be in flight: to one host, and in all."""

    per_host: int = 4
    total: int = 32


def read_targets(text: str) -> list[str]:
    """The targets of a URLs file: one a line; blank lines and # comments are left out."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def host_of_target(target: str) -> str:
    """The host a target's requests go to (www. or not); the target itself for a folder."""
    if not is_url(target):
        return target
    return (urlsplit(target).hostname or "").lower().removeprefix("www.")


class Limits:
    """The per-host and global limits of one event loop, as a crawl's `limit`."""

    def __init__(self, per_host: int, total: int) -> None:
        self.total = asyncio.Semaphore(total)
        self.hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))

    @asynccontextmanager
    async def __call__(self, url: str) -> AsyncIterator[None]:
        async with self.hosts[host_of_target(url)], self.total:  # the host's slot first
            yield


async def _audit_one(target: str, options: AuditOptions, limits: Limits) -> Outcome:
    rules = options.rules if options.rules is not None else load_rules((), options.knowledge)
    try:
        if is_url(target):
            return await audit_url(target, options, rules, limits)
        # a folder or file: in a thread, with its pages parsed here (this is a worker already)
        return await asyncio.to_thread(audit, target, replace(options, jobs=1, progress=None))
    except TargetError as exc:
        return str(exc)
    except RuleError as exc:  # a rule parameter of the wrong kind: this site is not audited
        return f"{target}: {exc}"


Entry = tuple[int, str, AuditOptions]  # a target's index in the batch, the target, its options


async def _run_group(group: list[Entry], per_host: int, total: int, done: Done) -> None:
    """Audit the sites of one worker together, `total` at a time."""
    limits = Limits(per_host, total)
    sites = asyncio.Semaphore(total)  # each site in flight holds at least one request

    async def one(index: int, target: str, options: AuditOptions) -> None:
        async with sites:
            outcome = await _audit_one(target, options, limits)
        done(index, outcome)

    await asyncio.gather(*(one(index, target, options) for index, target, options in group))


def _worker(
    number: int, group: list[Entry], per_host: int, total: int, results: multiprocessing.Queue
) -> None:
    asyncio.run(_run_group(group, per_host, total, lambda i, o: results.put((i, o))))
    results.put((None, number))  # this worker is done


def _groups(targets: list[str], options: list[AuditOptions], jobs: int) -> list[list[Entry]]:
    """The targets shared out over `jobs` workers: each host whole, the fullest last."""
    by_host: dict[str, list[Entry]] = defaultdict(list)
    for index, (target, target_options) in enumerate(zip(targets, options, strict=True)):
        by_host[host_of_target(target)].append((index, target, target_options))
    groups: list[list[Entry]] = [[] for _ in range(jobs)]
    for sites in sorted(by_host.values(), key=len, reverse=True):
        min(groups, key=len).extend(sites)
    return [g for g in groups if g]


def run_batch(
    targets: list[str],
    options: AuditOptions | list[AuditOptions],
    limits: BatchLimits,
    jobs: int,
    done: Done,
) -> None:
    """Audit every target; `done` hears of each as soon as it is audited (or failed).

    `options`: the same for every target, or each target's own (in the order of `targets`).
    """
    each = [options] * len(targets) if isinstance(options, AuditOptions) else options
    groups = _groups(targets, each, max(1, min(jobs, len(targets))))
    if len(groups) <= 1:
        group = groups[0] if groups else []
        asyncio.run(_run_group(group, limits.per_host, limits.total, done))
        return
    share = max(1, -(-limits.total // len(groups)))
    results: multiprocessing.Queue = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(
            target=_worker, args=(n, group, limits.per_host, share, results), daemon=True
        )
        for n, group in enumerate(groups)
    ]
    for worker in workers:
        worker.start()
    owner = {index: n for n, group in enumerate(groups) for index, _, _ in group}
    pending = set(owner)
    finished: set[int] = set()  # the workers that are done, or dead
    while len(finished) < len(workers):
        try:
            index, outcome = results.get(timeout=0.5)
        except queue.Empty:  # a worker that died (out of memory) fails its own sites only
            for n, worker in enumerate(workers):
                if n not in finished and not worker.is_alive() and worker.exitcode != 0:
                    finished.add(n)
                    for lost in sorted(i for i in pending if owner[i] == n):
                        pending.discard(lost)
                        done(lost, f"{targets[lost]}: a worker process stopped unexpectedly")
            continue
        if index is None:
            finished.add(outcome)
        elif index in pending:
            pending.discard(index)
            done(index, outcome)
    for worker in workers:
        worker.join(timeout=1)

"""Batches (--urls-file): many sites at once within the per-host and global limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from http_server import Route, SiteServer

from auditor.audit import batch as batch_module
from auditor.audit.batch import BatchLimits, read_targets, run_batch
from auditor.audit.engine import AuditOptions, audit
from auditor.audit.report import Report
from auditor.audit.score import site_score
from auditor.cli.main import main
from auditor.reporters.json_report import report_dict
from auditor.sources.crawl import CrawlOptions

NL_BEFORE = EXAMPLES / "nl-before"


class CountingServer(SiteServer):
    """Serves a folder, each answer `delay` seconds late, counting requests in flight."""

    def __init__(self, root: Path, counter: dict[str, int], host: str = "127.0.0.1") -> None:
        super().__init__(root, host=host)
        self.counter = counter

    def route_for(self, path: str) -> Route:
        with LOCK:
            self.counter["now"] += 1
            self.counter["most"] = max(self.counter["most"], self.counter["now"])
        time.sleep(0.05)
        with LOCK:
            self.counter["now"] -= 1
        return super().route_for(path)


LOCK = threading.Lock()


def test_a_urls_file_has_one_target_a_line() -> None:
    text = "# my sites\nhttps://a.nl/\n\n   https://b.nl/  \n#https://c.nl/\n"
    assert read_targets(text) == ["https://a.nl/", "https://b.nl/"]


def batch(targets: list[str], limits: BatchLimits, jobs: int = 1) -> dict[int, Report | str]:
    outcomes: dict[int, Report | str] = {}
    options = AuditOptions(crawl=CrawlOptions(max_pages=6), jobs=jobs)
    run_batch(targets, options, limits, jobs, outcomes.__setitem__)
    return outcomes


def test_requests_to_one_host_stay_within_its_limit() -> None:
    counter = {"now": 0, "most": 0}
    with CountingServer(NL_BEFORE, counter) as srv:
        # four sites on one host (start pages of their own), and the global limit far above
        targets = [f"{srv.url}{path}" for path in ("/", "/aanbod/", "/over-mij/", "/tarieven/")]
        outcomes = batch(targets, BatchLimits(per_host=2, total=32))
    assert all(isinstance(o, Report) for o in outcomes.values())
    assert counter["most"] == 2


def test_requests_to_all_hosts_stay_within_the_global_limit() -> None:
    counter = {"now": 0, "most": 0}
    servers = [CountingServer(NL_BEFORE, counter, host=f"127.0.0.{n}") for n in range(2, 6)]
    for srv in servers:
        srv.__enter__()
    try:
        outcomes = batch([srv.url + "/" for srv in servers], BatchLimits(per_host=4, total=3))
    finally:
        for srv in servers:
            srv.__exit__(None, None, None)
    assert len(outcomes) == 4 and all(isinstance(o, Report) for o in outcomes.values())
    assert counter["most"] == 3


def test_a_batch_reports_each_site_as_a_single_audit_would() -> None:
    with SiteServer(NL_BEFORE) as srv:
        targets = [srv.url + "/", "http://127.0.0.1:1/", str(NL_BEFORE)]
        outcomes = batch(targets, BatchLimits(), jobs=2)
        alone = audit(srv.url + "/", AuditOptions(crawl=CrawlOptions(max_pages=6)))
    assert isinstance(outcomes[0], Report)
    assert report_dict(outcomes[0]) == report_dict(alone)
    assert outcomes[1] == "could not fetch http://127.0.0.1:1/: connection refused"
    assert isinstance(outcomes[2], Report) and outcomes[2].target == str(NL_BEFORE)


def test_the_text_format_is_an_overview_of_the_sites(tmp_path: Path) -> None:
    with SiteServer(NL_BEFORE) as srv:
        urls = tmp_path / "sites.txt"
        urls.write_text(f"# coaches\n{srv.url}/\n\nhttp://127.0.0.1:1/\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["check", "--urls-file", str(urls), str(NL_BEFORE)])
    assert result.exit_code == 3  # a site could not be audited
    assert result.stderr == "auditor: could not fetch http://127.0.0.1:1/: connection refused\n"
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["site", "pages", "score", "errors", "warnings", "info"]
    rows = [line.split() for line in lines[2:-1]]
    alone = audit(str(NL_BEFORE))
    row = [str(len(alone.pages)), str(site_score(alone))]
    row += [str(alone.count(s)) for s in ("error", "warning", "info")]
    assert rows == [[str(NL_BEFORE), *row], [srv.url + "/", *row]]  # targets, then the file
    assert lines[-1] == f"2 sites audited, {2 * len(alone.findings)} findings"


def test_jsonl_prints_one_report_a_line(tmp_path: Path) -> None:
    with SiteServer(NL_BEFORE) as srv:
        urls = f"{srv.url}/\n{srv.url}/over-mij/\n"
        proc = subprocess.run(
            [sys.executable, "-m", "auditor", "check", "--urls-file", "-", "--format", "jsonl"],
            input=urls, capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )  # fmt: skip
    assert proc.returncode == 1
    reports = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(r["target"] for r in reports) == [srv.url + "/", srv.url + "/over-mij/"]
    assert all(r["summary"]["pages"] == 6 for r in reports)
    assert proc.stderr == ""


@pytest.mark.parametrize("args", [["--urls-file", "no-such-file.txt"], []])
def test_a_missing_urls_file_or_no_target_is_a_usage_error(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_batch_crawls_are_guarded_and_retried() -> None:
    """A batch's crawls have the single crawl's fault handling: the SSRF guard (redirects into
    a private address are refused) and retries of a 503."""
    fast = CrawlOptions(timeout=1.0, retry_backoff=0.01)
    outcomes: dict[int, object] = {}
    with (
        SiteServer(routes={"/": Route(302, headers={"Location": "http://10.0.0.1/"})}) as moved,
        SiteServer(
            routes={"/": [Route(503), Route(body=b"<h1>Coaching</h1><p>Welkom</p>")]}
        ) as flaky,
    ):
        run_batch(
            [moved.url + "/", flaky.url + "/"],
            AuditOptions(crawl=fast),
            BatchLimits(per_host=2, total=4),
            1,
            outcomes.__setitem__,
        )
    assert outcomes[0] == (
        f"could not fetch {moved.url}/: refused: 10.0.0.1 is a private address "
        "(--allow-private allows it)"
    )
    assert isinstance(outcomes[1], Report)
    assert flaky.requests.count("/") == 2  # the 503, then the page


def test_a_dead_worker_fails_only_its_own_sites(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed (out of memory) once failed every site of every worker."""
    audit_folder = batch_module.audit

    def audit_or_die(target: str, options: AuditOptions) -> Report:
        if target == "dies":
            os._exit(9)  # as the kernel's out-of-memory killer would end it
        time.sleep(1)  # the other worker is still at work when the first one dies
        return audit_folder(target, options)

    monkeypatch.setattr(batch_module, "audit", audit_or_die)  # the workers are forked: they have it
    outcomes: dict[int, object] = {}
    run_batch(
        [str(NL_BEFORE), "dies"], AuditOptions(), BatchLimits(4, 8), 2,
        lambda index, outcome: outcomes.setdefault(index, outcome),
    )  # fmt: skip
    assert isinstance(outcomes[0], Report)
    assert outcomes[1] == "dies: a worker process stopped unexpectedly"


def test_a_site_budget_starts_with_its_first_request() -> None:
    """Sites of one host wait for its slots: hanging sites hold them, and the good site behind
    them once ran out of budget before asking anything (and so did the later hanging ones)."""
    routes: dict[str, Route | list[Route]] = {
        f"/hang{n}": Route(body=b"<p>late</p>", delay=3.0) for n in range(4)
    }
    routes["/good"] = Route(body=b"<h1>Coaching</h1><p>Welkom bij mijn praktijk.</p>")
    fast = CrawlOptions(timeout=0.6, budget=1.0, retries=0, respect_robots=False)
    outcomes: dict[int, object] = {}
    with SiteServer(routes=routes) as srv:
        targets = [f"{srv.url}/hang{n}" for n in range(4)] + [srv.url + "/good"]
        started = time.monotonic()
        run_batch(
            targets, AuditOptions(crawl=fast), BatchLimits(per_host=2, total=8), 1,
            outcomes.__setitem__,
        )  # fmt: skip
        elapsed = time.monotonic() - started
    assert [outcomes[n] for n in range(4)] == [
        f"could not fetch {srv.url}/hang{n}: timed out after 0.6 s" for n in range(4)
    ]
    assert isinstance(outcomes[4], Report)  # it waited 1.2 s for a slot, more than its budget
    assert [page.url for page in outcomes[4].pages] == [srv.url + "/good"]
    assert elapsed < 6


def test_a_site_cut_short_says_why_its_requests_failed() -> None:
    """A 500 whose retry waits for the host's slot past the budget says HTTP 500; a redirect
    loop queued behind a hanging site says so: neither is 'the budget ran out'."""
    routes: dict[str, Route | list[Route]] = {
        "/broken": Route(500, b"oops"),
        "/hang0": Route(body=b"<p>late</p>", delay=3.0),
        "/hang1": Route(body=b"<p>late</p>", delay=3.0),
        "/loop": Route(302, headers={"Location": "/loop"}),
    }
    fast = CrawlOptions(timeout=0.6, budget=0.5, retry_backoff=0.01, respect_robots=False)
    outcomes: dict[int, object] = {}
    with SiteServer(routes=routes) as srv:
        targets = [srv.url + path for path in ("/broken", "/hang0", "/hang1", "/loop")]
        run_batch(
            targets, AuditOptions(crawl=fast), BatchLimits(per_host=1, total=8), 1,
            outcomes.__setitem__,
        )  # fmt: skip
    assert outcomes[0] == f"could not fetch {srv.url}/broken: HTTP 500"
    assert srv.requests.count("/broken") < 3  # its retries were cut short by the budget
    assert outcomes[3] == f"could not fetch {srv.url}/loop: too many redirects"

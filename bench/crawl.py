"""Crawls against a local server that takes 100 ms per response, against the critical path.

    python bench/crawl.py [--latency 0.1] [--runs 3]

Serves the generated 200-page site (bench/out) from 127.0.0.1, answering every request
(robots.txt too) after `--latency` seconds, and runs `auditor check URL` with several
--max-pages/--concurrency settings. The critical path is the homepage, then the other
pages in waves of `concurrency`: latency x (1 + ceil((pages - 1) / concurrency)). It prints
the best wall time of `--runs` runs, the ratio to the critical path, that ratio without the
process's start-up (the time `auditor check` takes on a one-page folder), and the requests
the server saw (a page fetched twice would show as a duplicate).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from folder import site
from measure import AUDITOR, BENCH, run

sys.path.insert(0, str(BENCH.parent / "tests"))
from http_server import Route, SiteServer

SETTINGS = [(10, 4), (20, 4), (50, 8), (100, 16)]  # (--max-pages, --concurrency)


class SlowServer(SiteServer):
    """The test server, answering every request after `latency` seconds."""

    def __init__(self, root: Path, latency: float) -> None:
        super().__init__(root)
        self.latency = latency

    def route_for(self, path: str) -> Route:
        return replace(super().route_for(path), delay=self.latency)


def startup(folder: Path) -> float:
    """The best wall time of auditing the site's homepage alone: the process's fixed cost."""
    home = folder / "index.html"
    return min(run([*AUDITOR, "check", str(home), "--fail-on", "never"]).seconds for _ in range(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = site(200, 1)
    fixed = startup(folder)
    print(f"latency {args.latency * 1000:.0f} ms per response; start-up {fixed:.2f}s")
    print(
        f"{'pages':>5} {'concurrency':>11} {'wall':>6} {'critical':>8} {'ratio':>6} "
        f"{'w/o start-up':>12} {'requests':>8} {'duplicates':>10}"
    )
    for max_pages, concurrency in SETTINGS:
        best, pages, requests = math.inf, 0, Counter[str]()
        for _ in range(args.runs):
            with SlowServer(folder, args.latency) as server:
                cmd = [*AUDITOR, "check", server.url + "/", "--format", "json", "--fail-on"]
                cmd += ["never", "--max-pages", str(max_pages), "--concurrency", str(concurrency)]
                result = run(cmd)
                if result.code != 0:
                    raise SystemExit(f"auditor exited {result.code}")
                if result.seconds < best:
                    best, requests = result.seconds, Counter(server.requests)
                    pages = len(json.loads(result.stdout)["pages"])
        critical = args.latency * (1 + math.ceil((pages - 1) / concurrency))
        duplicates = sum(n - 1 for n in requests.values())
        print(
            f"{pages:>5} {concurrency:>11} {best:>5.2f}s {critical:>7.2f}s "
            f"{best / critical:>5.2f}x {(best - fixed) / critical:>11.2f}x "
            f"{sum(requests.values()):>8} {duplicates:>10}",
            flush=True,
        )


if __name__ == "__main__":
    main()

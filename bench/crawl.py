"""A crawl against a local server with latency: its request trace and round trips.

    python bench/crawl.py [--latency 0.3] [--pages 12] [--concurrency 4] [--runs 3]

Serves the generated 200-page site (bench/out) from 127.0.0.1 and runs `auditor check URL
--max-pages PAGES --concurrency C` twice: once with no latency, once with every response
(robots.txt and sitemap.xml too) answered after `--latency` seconds. The fewest round trips
are robots.txt, then the homepage (with the sitemap beside it), then the other pages C at a
time; the target is

    wall <= 1.1 x (no-latency wall + latency x (2 + ceil((PAGES - 1) / C)))

It prints the request trace of the best run (path, start and end in seconds from the first
request), so that the rounds can be seen, the round trips in it (the longest chain of requests
each of which started after the one before ended), then the figures and the ratio to the target.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import replace
from pathlib import Path

from folder import site
from measure import AUDITOR, BENCH, run

sys.path.insert(0, str(BENCH.parent / "tests"))
from http_server import Route, SiteServer

TARGET = 1.1  # the most a crawl may take, as a multiple of the fewest round trips


class SlowServer(SiteServer):
    """The test server, answering every request after `latency` seconds."""

    def __init__(self, root: Path, latency: float) -> None:
        super().__init__(root)
        self.latency = latency

    def route_for(self, path: str) -> Route:
        return replace(super().route_for(path), delay=self.latency)


def crawl_once(
    folder: Path, latency: float, pages: int, concurrency: int
) -> tuple[float, int, list[tuple[str, float, float]]]:
    """Wall seconds of one audit of the served site, its pages, and the server's trace."""
    with SlowServer(folder, latency) as server:
        cmd = [*AUDITOR, "check", server.url + "/", "--format", "json", "--fail-on", "never"]
        cmd += ["--max-pages", str(pages), "--concurrency", str(concurrency)]
        result = run(cmd)
        if result.code != 0:
            raise SystemExit(f"auditor exited {result.code}")
        return result.seconds, len(json.loads(result.stdout)["pages"]), list(server.trace)


def best(
    folder: Path, latency: float, pages: int, concurrency: int, runs: int
) -> tuple[float, int, list[tuple[str, float, float]]]:
    return min(crawl_once(folder, latency, pages, concurrency) for _ in range(runs))


def chain(trace: list[tuple[str, float, float]]) -> int:
    """Round trips in the trace: the longest chain of requests each of which started after the
    one before it ended."""
    longest: list[tuple[float, int]] = []  # (end, chain length up to and with it)
    for _, start, end in sorted(trace, key=lambda entry: entry[1]):
        before = max((n for ended, n in longest if ended <= start), default=0)
        longest.append((end, before + 1))
    return max((n for _, n in longest), default=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = site(200, 1)
    fast, _, _ = best(folder, 0.0, args.pages, args.concurrency, args.runs)
    wall, pages, trace = best(folder, args.latency, args.pages, args.concurrency, args.runs)
    first = min(start for _, start, _ in trace)
    print(f"request trace at {args.latency * 1000:.0f} ms per response (seconds):")
    print(f"{'path':<48} {'start':>6} {'end':>6}")
    for path, start, end in sorted(trace, key=lambda entry: entry[1]):
        print(f"{path[:48]:<48} {start - first:>6.2f} {end - first:>6.2f}")
    rounds = 2 + math.ceil((pages - 1) / args.concurrency)
    fewest = fast + args.latency * rounds
    print(
        f"\n{pages} pages at concurrency {args.concurrency}: {len(trace)} requests in "
        f"{chain(trace)} round trips\n"
        f"no-latency run {fast:.2f}s; fewest round trips {rounds} (robots.txt, homepage, "
        f"{rounds - 2} of pages): {fast:.2f} + {rounds} x {args.latency:g} = {fewest:.2f}s\n"
        f"with latency {wall:.2f}s = {wall / fewest:.2f}x the fewest (target <= {TARGET}x)"
    )


if __name__ == "__main__":
    main()

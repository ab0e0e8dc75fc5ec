"""Folder audits at 200, 2,000 and 5,000 pages against the time bs4 (lxml) needs to parse them.

    python bench/folder.py [--sizes 200,2000,5000] [--seed 1]

For each size it generates the site once (bench/out/site-N, kept for the next run), times
bs4 with the lxml parser alone on every page in this process, then `auditor check SITE`
with one job and with two, and prints the wall times, the ratio to the parse-only time,
the speed-up of two jobs, and the peak memory of the audit's process tree.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

from bs4 import BeautifulSoup
from make_site import generate
from measure import AUDITOR, OUT, cores, run


def site(pages: int, seed: int) -> Path:
    """The generated site of `pages` pages, made once per size and seed."""
    folder = OUT / f"site-{pages}-{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        generate(folder, pages, seed)
        stamp.touch()
    return folder


def parse_only(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds bs4 with the lxml parser takes to read and parse every page."""
    start, cpu = time.perf_counter(), time.process_time()
    for file in sorted(folder.rglob("*.html")):
        BeautifulSoup(file.read_bytes(), "lxml")
    return time.perf_counter() - start, time.process_time() - cpu


def has_jobs() -> bool:
    helptext = subprocess.run([*AUDITOR, "check", "--help"], capture_output=True, text=True)
    return "--jobs" in helptext.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,5000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    jobs = has_jobs()
    print(f"{cores()} cores; wall seconds (CPU seconds); ratio = audit / parse-only")
    print(
        f"{'pages':>5} {'MB':>4} {'parse-only':>14} {'1 job':>14} {'ratio':>11} "
        f"{'2 jobs':>6} {'speed-up':>8} {'peak MB, 1 job':>14} {'2 jobs':>6}"
    )
    for pages in (int(n) for n in args.sizes.split(",")):
        folder = site(pages, args.seed)
        size = sum(f.stat().st_size for f in folder.rglob("*.html")) / 1e6
        parse, parse_cpu = parse_only(folder)
        cmd = [*AUDITOR, "check", str(folder), "--format", "json", "--fail-on", "never"]
        one = run([*cmd, "--jobs", "1"] if jobs else cmd)
        two = run([*cmd, "--jobs", "2"]) if jobs else None
        for result in (one, two):
            if result and result.code != 0:
                raise SystemExit(f"auditor exited {result.code} on {folder}")
        print(
            f"{pages:>5} {size:>4.0f} {parse:>6.1f}s ({parse_cpu:>5.1f}) "
            f"{one.seconds:>6.1f}s ({one.cpu:>5.1f}) "
            f"{one.seconds / parse:>4.2f}x ({one.cpu / parse_cpu:.2f}) "
            + (f"{two.seconds:>5.1f}s {one.seconds / two.seconds:>7.2f}x " if two else
               f"{'-':>6} {'-':>8} ")
            + f"{one.peak_mb:>14.0f} " + (f"{two.peak_mb:>6.0f}" if two else f"{'-':>6}"),
            flush=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()

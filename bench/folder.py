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
from measure import AUDITOR, OUT, run


def site(pages: int, seed: int) -> Path:
    """The generated site of `pages` pages, made once per size and seed."""
    folder = OUT / f"site-{pages}-{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        generate(folder, pages, seed)
        stamp.touch()
    return folder


def parse_only(folder: Path) -> float:
    """Seconds bs4 with the lxml parser takes to read and parse every page of `folder`."""
    start = time.perf_counter()
    for file in sorted(folder.rglob("*.html")):
        BeautifulSoup(file.read_bytes(), "lxml")
    return time.perf_counter() - start


def has_jobs() -> bool:
    helptext = subprocess.run([*AUDITOR, "check", "--help"], capture_output=True, text=True)
    return "--jobs" in helptext.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,5000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    jobs = has_jobs()
    print(
        f"{'pages':>6} {'MB':>6} {'parse-only':>10} {'1 job':>8} {'ratio':>6} "
        f"{'2 jobs':>8} {'speed-up':>8} {'peak MB 1 job':>13} {'peak MB 2 jobs':>14}"
    )
    for pages in (int(n) for n in args.sizes.split(",")):
        folder = site(pages, args.seed)
        size = sum(f.stat().st_size for f in folder.rglob("*.html")) / 1e6
        parse = parse_only(folder)
        cmd = [*AUDITOR, "check", str(folder), "--format", "json", "--fail-on", "never"]
        one = run([*cmd, "--jobs", "1"] if jobs else cmd)
        two = run([*cmd, "--jobs", "2"]) if jobs else None
        for result in (one, two):
            if result and result.code != 0:
                raise SystemExit(f"auditor exited {result.code} on {folder}")
        print(
            f"{pages:>6} {size:>6.0f} {parse:>9.2f}s {one.seconds:>7.2f}s "
            f"{one.seconds / parse:>5.2f}x "
            + (f"{two.seconds:>7.2f}s {one.seconds / two.seconds:>7.2f}x " if two else
               f"{'-':>8} {'-':>8} ")
            + f"{one.peak_mb:>13.0f} " + (f"{two.peak_mb:>14.0f}" if two else f"{'-':>14}"),
            flush=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()

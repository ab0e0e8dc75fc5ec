"""Time two source trees on the same site, their runs in turn, for a before-and-after figure
that a shared machine's changing speed does not decide.

    python bench/ab.py BEFORE [--after DIR] SITE [SITE ...] [--jobs 1,2] [--repeat 5]

BEFORE and DIR are source trees (an earlier commit: `git worktree add /tmp/before REV`; DIR
defaults to this checkout). For each site and job count it runs `auditor check SITE --format
json` from BEFORE, then from DIR, `--repeat` times, and prints the median and best wall seconds
of each and the median of the paired ratios (after / before: below 1 is faster). A run on a
machine whose speed drifts slows both trees of a pair alike; their ratio stays.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seconds(tree: Path, site: Path, jobs: int) -> float:
    """Wall seconds of one audit of `site` by the auditor in `tree`."""
    # PYTHONSAFEPATH: `python -m` would put the working folder first on the path
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONSAFEPATH": "1"}
    cmd = [sys.executable, "-m", "auditor", "check", str(site), "--format", "json",
           "--fail-on", "never", "--jobs", str(jobs)]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=tree, stdout=subprocess.DEVNULL)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: exit {done.returncode} on {site}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--after", type=Path, default=ROOT)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"wall seconds, {args.repeat} runs of each in turn; ratio: after / before, the median "
          "of the pairs")  # fmt: skip
    print(f"{'site':<18} {'jobs':>4} {'before median':>13} {'best':>6} {'after median':>12} "
          f"{'best':>6} {'ratio':>6}")  # fmt: skip
    for site in args.sites:
        for jobs in (int(j) for j in args.jobs.split(",")):
            pairs = [(seconds(args.before.resolve(), site.resolve(), jobs),
                      seconds(args.after.resolve(), site.resolve(), jobs))
                     for _ in range(args.repeat)]  # fmt: skip
            before, after = [p[0] for p in pairs], [p[1] for p in pairs]
            ratio = statistics.median(a / b for b, a in pairs)
            print(f"{site.name:<18} {jobs:>4} {statistics.median(before):>12.2f}s "
                  f"{min(before):>5.2f}s {statistics.median(after):>11.2f}s {min(after):>5.2f}s "
                  f"{ratio:>6.2f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

"""Folder audits of three page shapes at 200, 2,000 and 5,000 pages against the parsers alone.

    python bench/folder.py [--shapes builder,corpus,offers] [--sizes 200,2000,5000] [--seed 1]
                           [--repeat 1]

Shapes: `builder` (bench/make_site.py: builder markup, 30-150 KB a page, 6 offers), `corpus`
(bench/make_corpus_site.py: the corpus's real pages, varied and multiplied) and `offers`
(bench/make_offer_site.py: two pages in five an offer, price tables of 40 rows). Each site is
generated once per shape, size and seed (bench/out/SHAPE-N-SEED, kept for the next run).

For each it times raw `lxml.html.fromstring` and bs4 with the lxml parser alone on every page
in this process, then `auditor check SITE --format json` with one job and with two (wall and
CPU seconds, peak memory of the process tree: the sum of resident sizes, and of proportional
set sizes, which count a page the processes share once), and a one-job audit with its phases timed
(bench/phases.py). Ratios compare times of the same run. On a shared machine, `--repeat 3` times
each run three times, the one-job and two-job audits in turn, and keeps the fastest of each.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import lxml.html
import make_corpus_site
import make_offer_site
import make_site
from bs4 import BeautifulSoup
from measure import AUDITOR, BENCH, OUT, Run, cores, run

SHAPES: dict[str, Callable[[Path, int, int], object]] = {
    "builder": lambda out, pages, seed: make_site.generate(out, pages, seed),
    "corpus": lambda out, pages, seed: make_corpus_site.generate(out, pages, seed),
    "offers": lambda out, pages, seed: make_offer_site.generate(out, pages, seed),
}
PHASES = ("parse", "positions", "page work", "page rules", "site model", "re-parse",
          "site rules", "report")  # fmt: skip


def site(shape: str, pages: int, seed: int) -> Path:
    """The generated site of `pages` pages, made once per shape, size and seed."""
    folder = OUT / f"{shape}-{pages}-{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        SHAPES[shape](folder, pages, seed)
        stamp.touch()
    return folder


def parse_only(folder: Path, parse: Callable[[bytes], object]) -> tuple[float, float]:
    """Wall and CPU seconds `parse` takes to read and parse every page."""
    start, cpu = time.perf_counter(), time.process_time()
    for file in sorted(folder.rglob("*.html")):
        parse(file.read_bytes())
    return time.perf_counter() - start, time.process_time() - cpu


def fastest(runs: list[Run]) -> Run:
    """The fastest of the runs of one command, with the highest peak memory of them all."""
    best = min(runs, key=lambda r: r.seconds)
    peak, pss = max(r.peak_mb for r in runs), max(r.peak_pss_mb for r in runs)
    return replace(best, peak_mb=peak, peak_pss_mb=pss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--sizes", default="200,2000,5000", help="pages, e.g. 50,200")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time each run this many times (in turn) and keep the fastest",
    )
    args = parser.parse_args()
    print(f"{cores()} cores; wall seconds (CPU seconds), best of {args.repeat}; x bs4 = 1-job "
          "audit / bs4+lxml parse-only, x lxml = / raw lxml parse; speed-up = 1 job / 2 jobs; "
          "peak memory: the highest of the runs")  # fmt: skip
    print(
        f"{'shape':<8} {'pages':>5} {'MB':>4} {'lxml':>5} {'bs4+lxml':>14} {'1 job':>14} "
        f"{'x bs4':>5} {'x lxml':>6} {'2 jobs':>6} {'speed-up':>8} {'peak MB 1 job':>13} "
        f"{'2 jobs':>6} {'PSS 1 job':>9} {'2 jobs':>6}"
    )
    shares = []
    for shape in args.shapes.split(","):
        for pages in (int(n) for n in args.sizes.split(",")):
            folder = site(shape, pages, args.seed)
            size = sum(f.stat().st_size for f in folder.rglob("*.html")) / 1e6
            raw, _ = min(parse_only(folder, lxml.html.fromstring) for _ in range(args.repeat))
            bs4, bs4_cpu = min(
                parse_only(folder, lambda b: BeautifulSoup(b, "lxml")) for _ in range(args.repeat)
            )
            cmd = [*AUDITOR, "check", str(folder), "--format", "json", "--fail-on", "never"]
            runs = [(run([*cmd, "--jobs", "1"]), run([*cmd, "--jobs", "2"]))
                    for _ in range(args.repeat)]  # fmt: skip
            one, two = (fastest([pair[jobs] for pair in runs]) for jobs in (0, 1))
            timed = run([sys.executable, str(BENCH / "phases.py"), str(folder)])
            for result in (one, two, timed):
                if result.code != 0:
                    raise SystemExit(f"exit {result.code} on {folder}")
            print(
                f"{shape:<8} {pages:>5} {size:>4.0f} {raw:>4.1f}s {bs4:>6.1f}s ({bs4_cpu:>5.1f}) "
                f"{one.seconds:>6.1f}s ({one.cpu:>5.1f}) {one.seconds / bs4:>4.2f}x "
                f"{one.seconds / raw:>5.1f}x {two.seconds:>5.1f}s "
                f"{one.seconds / two.seconds:>7.2f}x {one.peak_mb:>13.0f} {two.peak_mb:>6.0f} "
                f"{one.peak_pss_mb:>9.0f} {two.peak_pss_mb:>6.0f}",
                flush=True,
            )  # fmt: skip
            shares.append((shape, pages, json.loads(timed.stdout)))
    print("\nphases of a one-job audit (bench/phases.py): own seconds, share of its total")
    print(f"{'shape':<8} {'pages':>5} {'offers':>6} {'pricing blocks':>14} {'total':>6}  "
          + "  ".join(PHASES))  # fmt: skip
    for shape, pages, timed in shares:
        total, spent = timed["total"], timed["phases"]
        cells = "  ".join(f"{spent.get(p, 0):.1f}s {100 * spent.get(p, 0) / total:.0f}%"
                          for p in PHASES)  # fmt: skip
        print(f"{shape:<8} {pages:>5} {timed['offers']:>6} {timed['pricing_blocks']:>14} "
              f"{total:>5.1f}s  {cells}")  # fmt: skip


if __name__ == "__main__":
    main()

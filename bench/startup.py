"""Start-up: how long `auditor --version` and `auditor check PAGE` take, best of N runs.

    python bench/startup.py [--runs 5] [--page examples/sites/en-before/index.html]

Each command runs as a new process (`python -m auditor`, as the installed `auditor` script
does), so the figures include the interpreter's own start, the imports a command needs and,
for `check`, reading the rules and lexicons and auditing the one page. The targets are 0.15 s
for --version and 0.5 s for one page. To see where an import's time goes:
`python -X importtime -m auditor --version 2> imports.txt`.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from measure import AUDITOR, BENCH, run

PAGE = BENCH.parent / "examples" / "sites" / "en-before" / "index.html"
TARGETS = {"--version": 0.15, "check --help": None, "check PAGE": 0.5}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default=str(PAGE))
    args = parser.parse_args()
    commands = {
        "--version": ["--version"],
        "check --help": ["check", "--help"],
        "check PAGE": ["check", "--quiet", "--format", "json", args.page],
    }
    print(f"Python {sys.version.split()[0]}; wall seconds over {args.runs} runs")
    print(f"{'command':<14} {'best':>6} {'median':>7} {'target':>7}")
    for name, argv in commands.items():
        times = []
        for _ in range(args.runs):
            result = run([*AUDITOR, *argv])
            if result.code not in (0, 1):  # 1: the page has findings
                sys.exit(f"{name} exited {result.code}")
            times.append(result.seconds)
        target = TARGETS[name]
        shown = f"{target:.2f}" if target else "-"
        print(f"{name:<14} {min(times):6.3f} {statistics.median(times):7.3f} {shown:>7}")


if __name__ == "__main__":
    main()

"""Record what the auditor reports, to check that a change to its speed changed no finding.

    python bench/same_findings.py save OUT [--source DIR] [--extra FOLDER ...]
    python bench/same_findings.py compare BEFORE AFTER

`save` writes, under OUT, the corpus table (`python -m auditor.evaluate ../shared/corpus`) and
the JSON report of every example site (examples/sites/*) and of each extra folder (e.g. the
bench's generated sites), run from the source tree DIR (default: this checkout; give it the
tree of an earlier commit, e.g. from `git archive`, for the "before"). `compare` says which
files differ between two such records, byte for byte, and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _run(source: Path, args: list[str], cwd: Path) -> bytes:
    # PYTHONSAFEPATH: `python -m` would put the working folder (this checkout) first on the
    # path, and the tree to compare would never be imported
    env = {**os.environ, "PYTHONPATH": str(source), "PYTHONSAFEPATH": "1"}
    done = subprocess.run([sys.executable, *args], capture_output=True, env=env, cwd=cwd)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}: {done.stderr[-500:]!r}")
    return done.stdout


def save(out: Path, source: Path, extra: list[Path]) -> None:
    """Write the corpus table and the reports of the example sites and `extra` under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.txt").write_bytes(_run(source, ["-m", "auditor.evaluate", str(CORPUS)], ROOT))
    folders = sorted((ROOT / "examples" / "sites").iterdir()) + extra
    for folder in (f for f in folders if f.is_dir()):
        report = _run(
            source,
            ["-m", "auditor", "check", str(folder.resolve()), "--format", "json",
             "--fail-on", "never", "--jobs", "1"],
            ROOT,
        )  # fmt: skip
        (out / f"{folder.name}.json").write_bytes(report)
        print(f"{folder.name}: {len(report)} bytes", flush=True)


def compare(before: Path, after: Path) -> int:
    """Print the files that differ or are missing; 1 if any does."""
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = [
        n for n in names
        if not (before / n).exists() or not (after / n).exists()
        or (before / n).read_bytes() != (after / n).read_bytes()
    ]  # fmt: skip
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} files byte-identical")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save")
    s.add_argument("out", type=Path)
    s.add_argument("--source", type=Path, default=ROOT)
    s.add_argument("--extra", type=Path, nargs="*", default=[])
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "save":
        save(args.out, args.source.resolve(), args.extra)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())

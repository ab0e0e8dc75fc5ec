"""copy-auditor against python-seo-analyzer on the same local site, in one run.

    python bench/peer.py [--pages 200] [--runs 3]

Installs python-seo-analyzer (PyPI: pyseoanalyzer) into its own venv under bench/out (once),
serves the generated site from 127.0.0.1, and times both crawling and analysing all of it:
`python-seo-analyzer URL` (it follows the site's links by default; its --no-follow-links
flag turns that off) and `auditor check URL --max-pages 1000`. Prints the best wall time of
`--runs` runs of each, the pages each one analysed, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import venv

from crawl import SlowServer
from folder import site
from measure import AUDITOR, OUT, run

PEER = "pyseoanalyzer==2025.4.3"
# its pinned lxml no longer ships lxml.html.clean, which its dependency justext imports
PEER_EXTRAS = ["lxml==5.3.1", "lxml_html_clean"]


def peer_command() -> list[str]:
    """The python-seo-analyzer command, installed into bench/out/peer-venv if need be."""
    env = OUT / "peer-venv"
    command = env / "bin" / "python-seo-analyzer"
    if not command.exists():
        venv.create(env, with_pip=True)
        pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, PEER, *PEER_EXTRAS], check=True)
    return [str(command)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    peer = peer_command()
    folder = site(args.pages, 1)
    with SlowServer(folder, 0.0) as server:
        url = server.url + "/"
        ours = [run([*AUDITOR, "check", url, "--max-pages", "1000", "--format", "json",
                     "--fail-on", "never", "-q"]) for _ in range(args.runs)]  # fmt: skip
        theirs = [run([*peer, url, "-f", "json"]) for _ in range(args.runs)]
    for name, runs in (("copy-auditor", ours), ("python-seo-analyzer", theirs)):
        if any(r.code != 0 for r in runs):
            sys.exit(f"{name} failed (exit {runs[0].code})")
    best_ours = min(ours, key=lambda r: r.seconds)
    best_theirs = min(theirs, key=lambda r: r.seconds)
    our_pages = len(json.loads(best_ours.stdout)["pages"])
    their_pages = len(json.loads(best_theirs.stdout)["pages"])
    print(f"{args.pages}-page site on 127.0.0.1, best of {args.runs} runs")
    print(f"{'tool':<20} {'wall':>7} {'CPU':>7} {'pages':>5}")
    print(f"{'copy-auditor':<20} {best_ours.seconds:>6.2f}s {best_ours.cpu:>6.2f}s {our_pages:>5}")
    print(
        f"{'python-seo-analyzer':<20} {best_theirs.seconds:>6.2f}s {best_theirs.cpu:>6.2f}s "
        f"{their_pages:>5}"
    )
    print(f"copy-auditor is {best_theirs.seconds / best_ours.seconds:.1f}x faster")


if __name__ == "__main__":
    main()

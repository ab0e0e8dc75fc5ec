"""Peak memory of a crawl of big pages, served from 127.0.0.1.

    python bench/crawl_memory.py [--pages 50] [--mb 2]

Serves `--pages` pages of about `--mb` MB each (a paragraph of copy and an inline script of
filler, as a page with inline images or bundles has), each page linking to all the others, and
runs `auditor check URL --max-pages PAGES --format json`. It prints the wall time, the peak
resident memory of the process and the pages the report holds.
"""

from __future__ import annotations

import argparse
import json
import sys

from measure import AUDITOR, BENCH, run

sys.path.insert(0, str(BENCH.parent / "tests"))
from http_server import Route, SiteServer


def page(n: int, pages: int, size: int) -> bytes:
    """Page `n`: a title, a paragraph, links to every page and `size` bytes of script."""
    links = "".join(f'<a href="/p{i}">Page {i}</a> ' for i in range(pages))
    filler = "var x=" + "1234567890" * (size // 10) + ";"
    return (
        f"<html lang='en'><head><title>Page {n}</title><script>{filler}</script></head>"
        f"<body><h1>Page {n}</h1><p>I help coaches write copy, page {n}.</p>{links}</body></html>"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    routes: dict[str, Route | list[Route]] = {
        f"/p{n}": Route(body=page(n, args.pages, size)) for n in range(args.pages)
    }
    routes["/"] = routes["/p0"]
    with SiteServer(routes=routes) as srv:
        cmd = [*AUDITOR, "check", srv.url + "/", "--max-pages", str(args.pages)]
        result = run([*cmd, "--format", "json", "--ignore-robots"])
    pages = len(json.loads(result.stdout)["pages"]) if result.stdout else 0
    print(
        f"{args.pages} pages of {args.mb:g} MB: {result.seconds:.1f} s, "
        f"peak {result.peak_mb:.0f} MB, {pages} pages in the report (exit {result.code})"
    )


if __name__ == "__main__":
    main()

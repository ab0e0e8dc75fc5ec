"""The tag scan and the whole parse on pages made to defeat a pattern-based tag scan.

    python bench/tagscan.py [--sizes 25000,50000,100000]

Each shape is a page where, from every `<`, a start-tag pattern with quoted values reads to
the end of the text (a tag that never ends) or splits a long name in every way. For each
size (in units of the shape) it prints the seconds that `scan_tags` and `parse_page` take;
a linear scan doubles its time when the size doubles.
"""

from __future__ import annotations

import argparse
import time

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.parse import parse_page
from auditor.page.tagscan import scan_tags
from auditor.sources.raw import RawPage

SHAPES = {
    "unclosed quotes": lambda n: "<p>Begin</p>" + "<a x='" * (n | 1) + "<p>Eind</p>",
    "both quotes": lambda n: "<p>Begin</p>" + "<a x=\"'" * n + "<p>Eind</p>",
    "a name with no end": lambda n: "<p>Begin</p><div" + "\u6f70" * (4 * n),
    "a run of '<a'": lambda n: "<p>Begin</p>" + "<a" * (2 * n),
    "end tags with no '>'": lambda n: "<p>Begin</p>" + "</a x" * n,
    "an open comment-like": lambda n: "<p>Begin</p>" + "<!-- <p>x</p> --" * n,
    "ordinary tags": lambda n: "<body>" + '<p class="c" id="x">Tekst</p>\n' * (n // 4),
}


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    parsing = ParseContext(load_knowledge())
    print(f"{'shape':24} {'size':>8} {'chars':>10} {'scan s':>8} {'parse s':>8}")
    for shape, make in SHAPES.items():
        for size in sizes:
            html = make(size)
            scan = _seconds(lambda: sum(1 for _ in scan_tags(html)))  # noqa: B023
            raw = RawPage("/", html.encode("utf-8"), path="index.html")
            parse = _seconds(lambda: parse_page(raw, parsing))  # noqa: B023
            print(f"{shape:24} {size:>8,} {len(html):>10,} {scan:>8.3f} {parse:>8.3f}")


if __name__ == "__main__":
    main()

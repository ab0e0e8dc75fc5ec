"""Where a one-job folder audit's time goes: parse, source positions, page work, site model,
re-parse, site rules and report.

    python bench/phases.py FOLDER

Runs `auditor check FOLDER --format json --jobs 1` in this process with the functions of each
phase wrapped in timers, and prints one JSON line: each phase's own seconds (a phase's time
leaves out the phases it calls: the parse of a page leaves out its source positions), the
total, the offers found and the blocks of the pricing regions.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

from auditor.audit import engine, pagework
from auditor.audit.engine import AuditOptions
from auditor.page import parse
from auditor.page.sourcepos import SourceTags
from auditor.reporters.json_report import render_json


class Phases:
    """Own seconds per phase, from timers that nest."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.stack: list[list[Any]] = []  # [phase, start, seconds of the phases it called]

    def wrap(self, phase: str | Callable[[list[list[Any]]], str], func: Callable) -> Callable:
        """`func`, its own time counted to `phase` (or to what `phase(stack)` names)."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            name = phase if isinstance(phase, str) else phase(self.stack)
            frame = [name, time.perf_counter(), 0.0]
            self.stack.append(frame)
            try:
                return func(*args, **kwargs)
            finally:
                self.stack.pop()
                spent = time.perf_counter() - frame[1]
                self.seconds[name] = self.seconds.get(name, 0.0) + spent - frame[2]
                if self.stack:
                    self.stack[-1][2] += spent

        return timed


def _inside(stack: list[list[Any]], phase: str) -> bool:
    return any(frame[0] == phase for frame in stack)


def main() -> None:
    folder = sys.argv[1]
    phases = Phases()
    parse.parse_page = phases.wrap(
        lambda stack: "re-parse" if _inside(stack, "site model") else "parse", parse.parse_page
    )
    SourceTags.__init__ = phases.wrap("positions", SourceTags.__init__)
    SourceTags.position = phases.wrap("positions", SourceTags.position)
    pagework.work_on = phases.wrap("page work", pagework.work_on)
    pagework.model_site = phases.wrap("site model", pagework.model_site)
    pagework.check_rules = phases.wrap(
        lambda stack: "page rules" if _inside(stack, "page work") else "site rules",
        pagework.check_rules,
    )
    engine.make_report = phases.wrap("report", engine.make_report)
    report_json = phases.wrap("report", render_json)
    kept: dict[str, Any] = {}
    model_site = pagework.model_site

    def keep_site(*args: Any, **kwargs: Any) -> Any:
        kept["site"] = model_site(*args, **kwargs)
        return kept["site"]

    pagework.model_site = keep_site
    start = time.perf_counter()
    report_json(engine.audit(folder, AuditOptions(jobs=1)))
    total = time.perf_counter() - start
    modelled = kept["site"]
    pricing_blocks = sum(len(r.blocks) for r in modelled.regions_of("pricing"))
    print(json.dumps({"total": total, "phases": phases.seconds, "offers": len(modelled.offers),
                      "pricing_blocks": pricing_blocks}))  # fmt: skip


if __name__ == "__main__":
    main()

"""Findings carry the copy around their excerpt, and pages their title (for the HTML report)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.audit.report import Report
from auditor.checks.excerpt_context import MAX_CHARS, MAX_LINES


@pytest.mark.parametrize("name", ["nl-before", "en-before"])
def test_every_finding_stands_in_its_copy(
    name: str, example_report: Callable[[str], Report]
) -> None:
    report = example_report(name)
    assert report.findings
    for f in report.findings:
        lines = f.context.split("\n")
        assert 1 < len(lines) <= MAX_LINES and all(len(line) <= MAX_CHARS for line in lines)
        first = f.excerpt.split(" | ")[0].removesuffix("...")[:60]
        # the excerpt is in a line, or (a form's fields) the lines are in the excerpt
        assert any(first in line or line in f.excerpt for line in lines), (f.rule, f.context)


def test_a_heading_opens_its_context(example_report: Callable[[str], Report]) -> None:
    report = example_report("nl-before")
    [price] = [f for f in report.findings if f.excerpt == "Coachtraject Vrij"
               and f.rule == "price-next-to-offer"]  # fmt: skip
    first, second = price.context.split("\n")
    assert first == "Coachtraject Vrij" and second.startswith("Coachtraject Vrij is mijn")


def test_pages_carry_their_title(example_report: Callable[[str], Report]) -> None:
    report = example_report("nl-before")
    titles = {p.url: p.title for p in report.pages}
    assert titles["/"] == "Praktijk Vrij – Loopbaan- en burn-outcoach in Utrecht"
    assert titles["/aanbod/"] == "Aanbod – Praktijk Vrij"

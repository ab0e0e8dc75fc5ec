"""A finding's excerpt highlighted in the copy around it (Finding.context), as plain segments."""

from __future__ import annotations

import re

from auditor.checks.findings import Finding

_JOINERS = re.compile(r" \| | \.\.\. ")  # how checks join several blocks into one excerpt
EDGE = 140  # characters of unmarked copy kept before and after a highlight

Segment = tuple[str, bool]  # a piece of copy, and whether it is the quoted excerpt


def _trim(line: list[Segment]) -> list[Segment]:
    """Keep EDGE characters of unmarked copy on each side of the highlights."""
    if not any(marked for _, marked in line):
        text = line[0][0]
        return [(text if len(text) <= 2 * EDGE else text[: 2 * EDGE].rstrip() + " …", False)]
    out = list(line)
    if not out[0][1] and len(out[0][0]) > EDGE:
        out[0] = ("… " + out[0][0][-EDGE:].lstrip(), False)
    if not out[-1][1] and len(out[-1][0]) > EDGE:
        out[-1] = (out[-1][0][:EDGE].rstrip() + " …", False)
    return out


def _mark(line: str, pieces: list[str]) -> tuple[list[Segment], list[str]]:
    """The line split into segments with the excerpt pieces it contains marked, and the
    pieces it does not contain."""
    lower = line.lower()
    spans: list[tuple[int, int]] = []
    rest = []
    for piece in pieces:
        start = lower.find(piece.lower())
        if start >= 0 and not any(s < start + len(piece) and start < e for s, e in spans):
            spans.append((start, start + len(piece)))
        else:
            rest.append(piece)
    segments: list[Segment] = []
    pos = 0
    for start, end in sorted(spans):
        if start > pos:
            segments.append((line[pos:start], False))
        segments.append((line[start:end], True))
        pos = end
    if pos < len(line):
        segments.append((line[pos:], False))
    return segments, rest


def quote_lines(finding: Finding) -> list[list[Segment]]:
    """The finding's context, one list of segments a line, with its excerpt highlighted once.

    A line that is part of the excerpt (a form field, one of several list items) is marked
    whole; without context, or when the excerpt is not in it, the excerpt stands alone.
    """
    excerpt = finding.excerpt.removesuffix("...").strip()
    pieces = [p.strip() for p in _JOINERS.split(excerpt) if p.strip()]
    lines = [line for line in finding.context.split("\n") if line.strip()]
    marked: list[list[Segment]] = []
    for line in lines:
        segments, pieces = _mark(line, pieces)
        if not any(m for _, m in segments) and len(line) >= 3 and line in excerpt:
            segments = [(line, True)]
        marked.append(segments)
    if excerpt and not any(m for line in marked for _, m in line):
        return [[(excerpt, True)]]
    return [_trim(line) for line in marked]

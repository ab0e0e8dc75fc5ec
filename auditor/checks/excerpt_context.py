"""The copy around a finding's excerpt, so a report can show the excerpt where it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.checks.rule import Hit

MAX_LINES = 6
MAX_CHARS = 600  # per line: enough for a paragraph, short enough to keep reports small


def _span(hit: Hit) -> tuple[int, int] | None:
    """The first and last block of the hit itself."""
    if hit.form is not None:
        first = hit.form.block_index
        return first, hit.form.last_block if hit.form.last_block is not None else first
    if hit.link is not None:
        return hit.link.block_index, hit.link.block_index
    if hit.block is not None:
        return hit.block.index, hit.block.index
    return None


def copy_context(hit: Hit) -> str:
    """The hit's blocks with the block before and after, one a line; "" without a location.

    A heading opens its section, so what stands before it is left out.
    """
    blocks = hit.page.blocks
    span = _span(hit)
    if span is None or not blocks:
        return ""
    first, last = max(span[0], 0), min(max(span[1], 0), len(blocks) - 1)
    if first >= len(blocks):
        return ""
    if blocks[first].kind != "heading":
        first = max(first - 1, 0)
    last = min(last + 1, len(blocks) - 1, first + MAX_LINES - 1)
    lines = [b.text for b in blocks[first : last + 1]]
    return "\n".join(t if len(t) <= MAX_CHARS else t[: MAX_CHARS - 1] + "…" for t in lines)

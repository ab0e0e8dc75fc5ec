"""The trend of a client's scores as the points of an inline SVG line (drawn by a template)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    """A line through the scores (0-100), oldest left, in a width x height box."""

    width: int
    height: int
    points: list[tuple[float, float, int]]  # x, y, score

    @property
    def line(self) -> str:
        """The `points` attribute of the SVG polyline."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


def trend(scores: list[int], width: int = 120, height: int = 32, pad: int = 4) -> Chart:
    """The chart of `scores`; one score is a single point in the middle."""
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    step = inner_w / (len(scores) - 1) if len(scores) > 1 else 0.0
    points = [
        (
            pad + (i * step if len(scores) > 1 else inner_w / 2),
            pad + inner_h * (1 - max(0, min(score, 100)) / 100),
            score,
        )
        for i, score in enumerate(scores)
    ]
    return Chart(width, height, points)

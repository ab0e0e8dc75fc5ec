"""A rule's confusion counts over the corpus: its verdict on each site against the label."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Score:
    """The confusion counts of one rule, with the sites it got wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def add(self, site: str, label: str, found: bool) -> None:
        """Count one site's verdict against its label."""
        if label == "fail":
            self.tp += found
            self.fn += not found
        else:
            self.fp += found
            self.tn += not found
        if found != (label == "fail"):
            self.wrong.append(f"{site}({'FP' if found else 'FN'})")

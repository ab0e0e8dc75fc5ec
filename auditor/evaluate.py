"""Measure the rules on a labelled corpus: `python -m auditor.evaluate CORPUS [--json]`.

Each site folder holds the pages and a labels.yaml (see the corpus README): per rule `fail`
(the linter should report it), `pass` (it should not) or `n/a` (the rule does not apply; a
finding there counts as a false positive).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
import yaml

from auditor.engine import TargetError, audit
from auditor.rules import load_rules


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


def evaluate(corpus: Path) -> dict[str, Score]:
    """Audit every labelled site in the corpus and score each labelled rule."""
    known = {rule.id for rule in load_rules()}
    scores: dict[str, Score] = {rule: Score() for rule in sorted(known)}
    for labels_file in sorted(corpus.glob("*/labels.yaml")):
        site = labels_file.parent
        labels = (yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}).get("labels", {})
        try:
            report = audit(str(site))
        except TargetError as exc:
            print(f"{site.name}: {exc}", file=sys.stderr)
            continue
        flagged = {f.rule for f in report.findings}
        for rule, label in labels.items():
            if rule not in known:
                continue
            score = scores[rule]
            found = rule in flagged
            if label == "fail":
                score.tp += found
                score.fn += not found
            else:
                score.fp += found
                score.tn += not found
            if found != (label == "fail"):
                score.wrong.append(f"{site.name}({'FP' if found else 'FN'})")
    return scores


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def table(scores: dict[str, Score]) -> str:
    """The scores as a Markdown table."""
    rows = [
        "| rule | TP | FP | FN | TN | precision | recall | wrong |",
        "| --- | --: | --: | --: | --: | --: | --: | --- |",
    ]
    for rule, s in scores.items():
        rows.append(
            f"| {rule} | {s.tp} | {s.fp} | {s.fn} | {s.tn} | {_fmt(s.precision)} | "
            f"{_fmt(s.recall)} | {' '.join(s.wrong)} |"
        )
    return "\n".join(rows)


@click.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def main(corpus: Path, as_json: bool) -> None:
    """Score the rules on a labelled corpus of sites."""
    scores = evaluate(corpus)
    if as_json:
        data = {
            rule: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn, "precision": s.precision,
                   "recall": s.recall, "wrong": s.wrong}
            for rule, s in scores.items()
        }  # fmt: skip
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(table(scores))


if __name__ == "__main__":
    main()

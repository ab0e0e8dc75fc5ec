"""Accuracy of the core rules on the labelled corpus of real coach sites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CORE_RULES, REPO_ROOT

from auditor.evaluate import Score, evaluate, table

MIN_PRECISION = 0.90
MIN_RECALL = 0.80


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    corpus = Path(os.environ.get("AUDITOR_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")
    if not any(corpus.glob("*/labels.yaml")):
        pytest.skip(f"no labelled corpus at {corpus} (set AUDITOR_CORPUS to its folder)")
    return evaluate(corpus)


@pytest.mark.parametrize("rule", sorted(CORE_RULES))
def test_core_rule_accuracy(rule: str, scores: dict[str, Score]) -> None:
    score = scores[rule]
    assert score.tp + score.fn > 0, f"{rule}: no site in the corpus is labelled fail"
    summary = f"\n{table({rule: score})}"
    assert score.precision is not None and score.precision >= MIN_PRECISION, summary
    assert score.recall is not None and score.recall >= MIN_RECALL, summary

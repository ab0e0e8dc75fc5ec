"""Accuracy of the labelled rules on the corpus of real coach sites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CORE_RULES, REPO_ROOT

from auditor.evaluate import Score, evaluate, table

MIN_PRECISION = 0.90
MIN_RECALL = 0.80
# the rules the corpus labels, each held to the bar
LABELLED_RULES = sorted(
    CORE_RULES
    | {
        "homepage-letter-signoff",
        "homepage-ideal-client",
        "social-proof",
        "signup-form-privacy-link",
    }
)


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    corpus = Path(os.environ.get("AUDITOR_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")
    if not any(corpus.glob("*/labels.yaml")):
        pytest.skip(f"no labelled corpus at {corpus} (set AUDITOR_CORPUS to its folder)")
    return evaluate(corpus)


@pytest.mark.parametrize("rule", LABELLED_RULES)
def test_rule_accuracy(rule: str, scores: dict[str, Score]) -> None:
    score = scores[rule]
    summary = f"\n{table({rule: score})}"
    if score.tp + score.fn == 0:  # no site breaks it: only false alarms can be measured
        assert score.fp == 0, summary
        return
    assert score.precision is not None and score.precision >= MIN_PRECISION, summary
    assert score.recall is not None and score.recall >= MIN_RECALL, summary

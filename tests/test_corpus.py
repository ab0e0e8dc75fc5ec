"""Accuracy of the labelled rules on the corpus of real coach sites, held by a ratchet.

tests/corpus_floors.json records each labelled rule's precision and recall as last landed
(capped at the bar, 0.90 and 0.85). A rule that drops below its floor fails; a rule that
improves fails too until its floor is raised with
`python -m auditor.evaluate ../shared/corpus --ratchet tests/corpus_floors.json`, so every
landing that improves a rule raises its floor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS

from auditor.evaluate.table import BAR, Score, evaluate, ratchet_changes, table

FLOORS_FILE = Path(__file__).with_name("corpus_floors.json")
FLOORS: dict[str, dict[str, float]] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))["floors"]


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    if not any(CORPUS.glob("*/labels.yaml")):
        pytest.skip(f"no labelled corpus at {CORPUS} (set AUDITOR_CORPUS to its folder)")
    return evaluate(CORPUS)


@pytest.mark.parametrize("rule", sorted(FLOORS))
def test_rule_holds_its_floor(rule: str, scores: dict[str, Score]) -> None:
    drops, rises = ratchet_changes({rule: FLOORS[rule]}, scores)
    summary = f"\n{table({rule: scores[rule]})}"
    assert not drops, f"below the floor: {drops}{summary}"
    assert not rises, (
        f"better than the floor, raise it (python -m auditor.evaluate CORPUS --ratchet "
        f"tests/corpus_floors.json): {rises}{summary}"
    )


def test_floors_never_exceed_the_bar() -> None:
    for rule, floor in FLOORS.items():
        for name, limit in floor.items():
            assert limit <= BAR.get(name, limit), (rule, name, limit)


def test_ratchet_logic() -> None:
    """A drop fails, a rise asks for a higher floor, a floor stops at the bar."""
    from auditor.evaluate.table import raised

    score = Score(tp=8, fp=2, fn=2, tn=10)  # 0.80 / 0.80
    assert ratchet_changes({"r": {"precision": 0.85, "recall": 0.8}}, {"r": score})[0]
    assert ratchet_changes({"r": {"precision": 0.7, "recall": 0.8}}, {"r": score})[1]
    assert raised({"r": {"precision": 0.7, "recall": 0.9}}, {"r": score}) == {
        "r": {"precision": 0.8, "recall": 0.9}
    }
    perfect = Score(tp=10, tn=10)
    assert raised({"r": {"precision": 0.8, "recall": 0.8}}, {"r": perfect}) == {
        "r": {"precision": 0.9, "recall": 0.85}
    }
    assert ratchet_changes({"r": {"precision": 0.9, "recall": 0.85}}, {"r": perfect}) == ([], [])

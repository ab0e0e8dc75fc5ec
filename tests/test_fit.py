"""Fitting a rule's params by cross-validation over the sites of a corpus made by the test."""

from __future__ import annotations

from pathlib import Path

from conftest import write_site

from auditor.checks.loader import load_rules
from auditor.evaluate.confusion import Score
from auditor.evaluate.fit import fit, merit
from auditor.evaluate.table import fit_report

HOME = '<html lang="en"><body><nav><a href="/about">About</a></nav><h1>Stuck?</h1></body></html>'
CV = "I studied psychology at the University of York and graduated in 2005."
STORY = "When you come to me, you get a calm hour that is about you."


def about(cv: int, story: int) -> str:
    sentences = " ".join([CV] * cv + [STORY] * story)
    return f'<html lang="en"><body><h1>About</h1><p>{sentences}</p></body></html>'


def corpus(tmp_path: Path) -> Path:
    """Ten sites: the more CV sentences and the fewer for the reader, the more a CV."""
    shapes = {"cv": [(9, 0), (8, 0), (7, 0), (6, 0), (5, 0)],
              "story": [(1, 5), (2, 6), (0, 4), (1, 9), (2, 3)]}  # fmt: skip
    for kind, sites in shapes.items():
        for n, (cv, story) in enumerate(sites):
            pages = {"/": HOME, "/about": about(cv, story)}
            folder = write_site(tmp_path / f"en-{kind}-{n}", pages)
            label = "fail" if kind == "cv" else "pass"
            (folder / "labels.yaml").write_text(
                f"language: en\nlabels: {{about-page-credentials-list: {label}}}\n", "utf-8"
            )
    return tmp_path


def test_fit_finds_params_that_separate_and_says_how_they_do_held_out(tmp_path: Path) -> None:
    rule = next(r for r in load_rules() if r.id == "about-page-credentials-list")
    result = fit(corpus(tmp_path), rule)
    assert (result.held_out.tp, result.held_out.fp) == (5, 0)
    assert (result.in_sample.tp, result.in_sample.fp, result.in_sample.fn) == (5, 0, 0)
    assert len(result.fold_choices) == 5
    assert set(result.chosen) == set(rule.fit)
    report = fit_report(tmp_path, rule.id)
    assert "held out (folds not fitted on): precision 1.00, recall 1.00" in report


def test_precision_before_recall() -> None:
    safe, greedy = Score(tp=5, fp=0, fn=5), Score(tp=9, fp=3, fn=1)
    assert merit(safe) > merit(greedy)

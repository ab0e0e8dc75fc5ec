"""Choose a rule's numeric params by cross-validation over the sites of a labelled corpus.

`python -m auditor.evaluate CORPUS --fit RULE` tries every combination of the candidate values
the rule file lists under `fit:`. The sites are split into folds (languages mixed: sites are
dealt out in turn after sorting by language and name). For each fold the combination that does
best on the other folds is chosen and judged on the held-out fold alone; best means precision
before recall: the best recall among those with precision of at least 0.90, else the best
precision, and of equals the one nearest the median of the tied values in each param. The held-
out figures pooled over the folds say how the rule will do on sites it was not fitted to; the
combination chosen on all sites is the one to write in the rule file.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from auditor.audit.engine import AuditOptions, TargetError, model_target
from auditor.checks.loader import with_values
from auditor.checks.rule import Rule
from auditor.checks.run import run_rules
from auditor.evaluate.confusion import Score
from auditor.site.model import Site

FOLDS = 5
MIN_PRECISION = 0.90  # a false finding costs more than a missed one


@dataclass
class Labelled:
    """One corpus site with its label for the rule and its site model."""

    name: str
    lang: str
    label: str  # fail | pass | n/a
    site: Site


@dataclass
class FitResult:
    """What the fitting found: the held-out figures, the choice per fold and on all sites."""

    held_out: Score
    fold_choices: list[dict[str, float]]
    chosen: dict[str, float]
    in_sample: Score


def merit(score: Score) -> tuple[bool, float, float]:
    """How good a score is: precision at the bar first, then recall, then precision."""
    precision, recall = score.precision or 0.0, score.recall or 0.0
    return precision >= MIN_PRECISION, recall, precision


def labelled_sites(corpus: Path, rule: Rule) -> list[Labelled]:
    """The corpus sites that label the rule, each modelled once."""
    sites = []
    options = AuditOptions()  # the lexicons read once for every site
    for labels_file in sorted(corpus.glob("*/labels.yaml")):
        data = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
        label = (data.get("labels") or {}).get(rule.id)
        if label is None:
            continue
        try:
            site = model_target(str(labels_file.parent), options)
        except TargetError:
            continue
        name = labels_file.parent.name
        sites.append(Labelled(name, str(data.get("language") or name[:2]), label, site))
    return sites


def _verdicts(rule: Rule, sites: list[Labelled], params: dict[str, Any]) -> list[bool]:
    """Whether the rule with these params flags each site."""
    tried = with_values(rule, {**rule.values, **params})
    return [bool(run_rules(s.site, [tried])) for s in sites]


def _score(sites: list[Labelled], verdicts: list[bool], keep: list[int]) -> Score:
    score = Score()
    for i in keep:
        score.add(sites[i].name, sites[i].label, verdicts[i])
    return score


def _off_centre(
    rule: Rule, names: list[str], combos: list[dict[str, Any]], tied: list[int], c: int
) -> int:
    """How far a combination lies from the (upper) median of the tied combinations, in grid
    steps summed over the params."""
    off = 0
    for name in names:
        grid = list(rule.fit[name])
        steps = sorted(grid.index(combos[t][name]) for t in tied)
        off += abs(grid.index(combos[c][name]) - steps[len(steps) // 2])
    return off


def fit(corpus: Path, rule: Rule, folds: int = FOLDS) -> FitResult:
    """Cross-validate the candidate values of the rule's `fit:` params over the corpus."""
    sites = labelled_sites(corpus, rule)
    names = list(rule.fit)
    combos = [dict(zip(names, values, strict=True))
              for values in itertools.product(*(rule.fit[n] for n in names))]  # fmt: skip
    verdicts = [_verdicts(rule, sites, combo) for combo in combos]
    order = sorted(range(len(sites)), key=lambda i: (sites[i].lang, sites[i].name))
    fold_of = {site: n % folds for n, site in enumerate(order)}

    def best(keep: list[int]) -> int:
        """The best combination; of several equally good, the one nearest the middle of the
        tied values in each param, which keeps the most room on both sides of a threshold."""
        merits = [merit(_score(sites, verdicts[c], keep)) for c in range(len(combos))]
        tied = [c for c, m in enumerate(merits) if m == max(merits)]
        return min(tied, key=lambda c: (_off_centre(rule, names, combos, tied, c), c))

    held_out, choices = Score(), []
    for fold in range(folds):
        train = [i for i in range(len(sites)) if fold_of[i] != fold]
        test = [i for i in range(len(sites)) if fold_of[i] == fold]
        chosen = best(train)
        choices.append(combos[chosen])
        for i in test:
            held_out.add(sites[i].name, sites[i].label, verdicts[chosen][i])
    everyone = list(range(len(sites)))
    overall = best(everyone)
    return FitResult(held_out, choices, combos[overall], _score(sites, verdicts[overall], everyone))

"""Measure the rules on a labelled corpus: `python -m auditor.evaluate CORPUS`.

Each site folder holds the pages and a labels.yaml (see the corpus README): per rule `fail`
(the linter should report it), `pass` (it should not) or `n/a` (the rule does not apply; a
finding there counts as a false positive). The figures are printed per rule, over the whole
corpus and per language; `--ratchet FILE` records them as the floors that
tests/test_corpus.py holds the rules to (a floor only ever rises).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import yaml

from auditor.audit.engine import AuditOptions, TargetError, audit
from auditor.checks.loader import load_rules
from auditor.evaluate.confusion import Score
from auditor.lexicons.knowledge import load_knowledge

ALL = "all"  # the group of every site, beside one group per language


def role_misses(corpus: Path) -> tuple[int, int, list[str]]:
    """How many labelled pages (`pages:` in labels.yaml) got the role a human gave them: the
    count right, the count labelled, and a line for each miss."""
    right = total = 0
    misses = []
    knowledge = load_knowledge()
    options = AuditOptions(rules=load_rules((), knowledge), knowledge=knowledge)
    for labels_file in sorted(corpus.glob("*/labels.yaml")):
        data = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
        wanted: dict[str, set[str]] = {}
        for role, files in (data.get("pages") or {}).items():
            for file in files if isinstance(files, list) else [files]:
                wanted.setdefault(file, set()).add("offer" if role == "offers" else role)
        try:
            report = audit(str(labels_file.parent), options)
        except TargetError:
            continue
        got = {page.path: page.role for page in report.pages}
        for file, roles in sorted(wanted.items()):
            total += 1
            if len(roles) > 1 or got.get(file) in roles:  # a one-page site's sections
                right += 1
            else:
                want = "/".join(sorted(roles))
                misses.append(f"{labels_file.parent.name}/{file}: {got.get(file)} ({want})")
    return right, total, misses


def evaluate_by_language(corpus: Path) -> dict[str, dict[str, Score]]:
    """Audit every labelled site; score each rule over all sites ("all") and per language."""
    knowledge = load_knowledge()  # read once, like the rules: not again for each site
    rules = load_rules((), knowledge)
    known = sorted(rule.id for rule in rules)
    groups: dict[str, dict[str, Score]] = {ALL: {rule: Score() for rule in known}}
    for labels_file in sorted(corpus.glob("*/labels.yaml")):
        site = labels_file.parent
        data = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
        lang = str(data.get("language") or site.name.split("-")[0])
        by_lang = groups.setdefault(lang, {rule: Score() for rule in known})
        try:
            report = audit(str(site), AuditOptions(rules=rules, knowledge=knowledge))
        except TargetError as exc:
            print(f"{site.name}: {exc}", file=sys.stderr)
            continue
        flagged = {f.rule for f in report.findings}
        for rule, label in (data.get("labels") or {}).items():
            if rule in known:
                for scores in (groups[ALL], by_lang):
                    scores[rule].add(site.name, label, rule in flagged)
    return groups


def evaluate(corpus: Path) -> dict[str, Score]:
    """Audit every labelled site in the corpus and score each labelled rule."""
    return evaluate_by_language(corpus)[ALL]


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


def language_table(groups: dict[str, dict[str, Score]]) -> str:
    """Precision and recall of each labelled rule, over all sites and per language."""
    langs = [ALL, *sorted(g for g in groups if g != ALL)]
    rows = [
        "| rule | " + " | ".join(f"{g} P / R" for g in langs) + " |",
        "| --- |" + " --: |" * len(langs),
    ]
    for rule, score in groups[ALL].items():
        if score.tp + score.fp + score.fn + score.tn == 0:
            continue
        cells = [f"{_fmt(groups[g][rule].precision)} / {_fmt(groups[g][rule].recall)}"
                 for g in langs]  # fmt: skip
        rows.append(f"| {rule} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


BAR = {"precision": 0.90, "recall": 0.85}  # where the floors stop rising


def figures(score: Score) -> dict[str, float]:
    """What the ratchet records of a rule: precision and recall (0 when undefined), or the
    false alarms where no site breaks the rule."""
    if score.tp + score.fn == 0:
        return {"false_alarms": float(score.fp)}
    return {"precision": round(score.precision or 0.0, 4), "recall": round(score.recall or 0.0, 4)}


def _floor(name: str, old: float, now: float) -> float:
    """A floor after a run: it follows the figure up to the bar and never goes down."""
    if name == "false_alarms":
        return min(old, now)
    return max(old, min(now, BAR[name]))


def ratchet_changes(
    floors: dict[str, dict[str, float]], scores: dict[str, Score]
) -> tuple[list[str], list[str]]:
    """The figures below their floor, and the floors that should rise to the figures now."""
    drops, rises = [], []
    for rule, floor in floors.items():
        now = figures(scores[rule]) if rule in scores else {}
        for name, limit in floor.items():
            value = now.get(name)
            if value is None or (value > limit if name == "false_alarms" else value < limit):
                drops.append(f"{rule} {name} {value} (floor {limit})")
            elif _floor(name, limit, value) != limit:
                rises.append(f"{rule} {name} {value} (floor {limit})")
    return drops, rises


def raised(floors: dict[str, dict[str, float]], scores: dict[str, Score]) -> dict:
    """The floors raised to the figures measured now, up to the bar; none is ever lowered."""
    new: dict[str, dict[str, float]] = {}
    for rule, floor in floors.items():
        now = figures(scores[rule])
        new[rule] = {name: _floor(name, limit, now.get(name, limit))
                     for name, limit in floor.items()}  # fmt: skip
    return new


def fit_report(corpus: Path, rule_id: str) -> str:
    """The cross-validated fit of a rule's params, as lines of text."""
    from auditor.evaluate.fit import FOLDS, fit

    rule = next((r for r in load_rules() if r.id == rule_id), None)
    if rule is None or not rule.fit:
        raise click.UsageError(f"{rule_id}: no such rule, or its file lists no 'fit:' params")
    result = fit(corpus, rule)
    held, inside = result.held_out, result.in_sample
    lines = [f"{rule_id}: {FOLDS}-fold cross-validation by site over {corpus}"]
    lines += [f"  fold {n + 1}: chose {choice}" for n, choice in enumerate(result.fold_choices)]
    lines.append(
        f"  held out (folds not fitted on): precision {_fmt(held.precision)}, "
        f"recall {_fmt(held.recall)}  TP {held.tp} FP {held.fp} FN {held.fn} TN {held.tn}"
    )
    lines.append(f"  chosen on all sites: {result.chosen}: precision {_fmt(inside.precision)}, "
                 f"recall {_fmt(inside.recall)}")  # fmt: skip
    return "\n".join(lines)


def _as_dict(s: Score) -> dict[str, object]:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "tn": s.tn, "precision": s.precision,
            "recall": s.recall, "wrong": s.wrong}  # fmt: skip


@click.command()
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--ratchet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Raise the floors recorded in this file to the figures measured now (never lowers).",
)
@click.option("--roles", is_flag=True, help="Compare the page roles with the labelled pages.")
@click.option("--fit", "fit_rule", metavar="RULE", help="Cross-validate the rule's `fit:` params.")
def main(
    corpus: Path, as_json: bool, ratchet: Path | None, roles: bool, fit_rule: str | None
) -> None:
    """Score the rules on a labelled corpus of sites."""
    if fit_rule:
        click.echo(fit_report(corpus, fit_rule))
        return
    if roles:
        right, total, misses = role_misses(corpus)
        click.echo("\n".join(misses))
        click.echo(f"{right} of {total} labelled pages have the labelled role")
        return
    groups = evaluate_by_language(corpus)
    scores = groups[ALL]
    if ratchet is not None:
        data = json.loads(ratchet.read_text(encoding="utf-8"))
        data["floors"] = raised(data["floors"], scores)
        ratchet.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if as_json:
        data = {group: {rule: _as_dict(s) for rule, s in group_scores.items()}
                for group, group_scores in groups.items()}  # fmt: skip
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(table(scores))
        click.echo("\nPer language (precision / recall):\n")
        click.echo(language_table(groups))


if __name__ == "__main__":
    main()

"""Read rule files: validated against the check kinds, one line naming file and line when not."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from auditor.checks.kinds import KINDS
from auditor.checks.rule import CheckKind, Rule, RuleError
from auditor.checks.validation import check_rule, check_variants
from auditor.core.yamlfile import Invalid, YamlProblem, read_yaml
from auditor.lexicons.knowledge import Knowledge, load_knowledge
from auditor.lexicons.lexicon import rules_dir


def _texts(data: dict[str, Any], key: str) -> dict[str, str]:
    value = data[key]
    return {"en": value} if isinstance(value, str) else value


def load_rule(path: Path, kinds: Mapping[str, CheckKind] = KINDS) -> Rule:
    """Read and validate one rule file; RuleError names its file, line and problem."""
    try:
        doc = read_yaml(path)
        data = check_rule(doc, kinds)
        kind = kinds[data["check"]]
        values = data.get("params") or {}
        params = kind.read(values)
        message = data["message"]
        variants = (
            message if isinstance(message, dict) and "default" in message else {"default": message}
        )
        check_variants(doc, kind, variants, data["examples"])
    except (YamlProblem, Invalid) as exc:
        raise RuleError(str(exc)) from None
    except ValueError as exc:  # the kind's own reading of its params: "params.KEY: problem"
        param = re.match(r"params\.([\w-]+)", str(exc))
        where = doc.where(("params", param[1]) if param else ("params",))
        raise RuleError(f"{where}: {exc}") from None
    return Rule(
        id=str(data["id"]),
        severity=data["severity"],
        check=data["check"],
        title=_texts(data, "title"),
        message={k: _texts(variants, k) for k in variants},
        fix=_texts(data, "fix"),
        why=_texts(data, "why"),
        params=params,
        values=values,
        examples=data["examples"],
        source=path,
        fit=data.get("fit") or {},
    )


def with_values(rule: Rule, values: dict[str, Any], kinds: Mapping[str, CheckKind] = KINDS) -> Rule:
    """The rule with other params (the configuration's options, a fitting's candidates), read
    into its kind's model; ValueError ("params.KEY: problem") when they do not suit it."""
    return replace(rule, values=values, params=kinds[rule.check].read(values))


def load_rules(folders: Iterable[Path] = (), knowledge: Knowledge | None = None) -> list[Rule]:
    """The bundled rules, then those in extra folders, sorted by id, each with its texts in
    the lexicons' `rule_texts` (`knowledge`: by default the lexicons of those folders)."""
    folders = tuple(folders)
    knowledge = knowledge or load_knowledge(folders)
    rules: dict[str, Rule] = {}
    for folder in (rules_dir(), *folders):
        for path in sorted(folder.glob("*.yml")):
            if path.name == "markup.yml":
                continue
            rule = load_rule(path)
            taken = rules.get(rule.id)
            if taken and taken.source.parent == folder:
                raise RuleError(f"{path}:1: rule id '{rule.id}' is taken by {taken.source}")
            rules[rule.id] = rule
    return sorted((translated(r, knowledge) for r in rules.values()), key=lambda r: r.id)


def translated(rule: Rule, knowledge: Knowledge) -> Rule:
    """The rule with its texts in each lexicon's `rule_texts`."""
    texts = {lang: entry for lang, lex in knowledge.lexicons.items()
             if isinstance(entry := lex.raw(f"rule_texts.{rule.id}"), dict)}  # fmt: skip
    return replace(rule, translations=texts)

"""Every rule's own examples, like ESLint's RuleTester: `fail` ones are flagged, `pass` ones not."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import write_site
from helpers import example_pages, mismatch

from auditor.audit.engine import audit
from auditor.checks.loader import load_rules
from auditor.checks.rule import Rule
from auditor.lexicons.knowledge import load_knowledge

RULES = load_rules()
LANGS = tuple(load_knowledge().lexicons)  # every rule speaks every language there is a lexicon for


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def _cases() -> list[Any]:
    cases = []
    for rule in RULES:
        for kind in ("fail", "pass"):
            for n, example in enumerate(rule.examples[kind]):
                case_id = f"{rule.id}/{kind}/{n}-{_slug(example.get('name', ''))}"
                cases.append(pytest.param(rule, kind, example, id=case_id))
    return cases


def test_there_are_rules_and_examples() -> None:
    assert {r.id for r in RULES} >= {
        "price-next-to-offer",
        "offer-has-buy-button",
        "homepage-autobiographical-welcome",
        "about-page-credentials-list",
    }
    for rule in RULES:
        assert rule.examples["fail"] and rule.examples["pass"], rule.id


@pytest.mark.parametrize(("rule", "kind", "example"), _cases())
def test_example(rule: Rule, kind: str, example: dict[str, Any], tmp_path: Path) -> None:
    site = write_site(tmp_path, example_pages(example))
    report = audit(str(site))
    assert report.errors == []  # no page unread, no check that failed
    findings = [f for f in report.findings if f.rule == rule.id]
    shown = [f"{f.page}: {f.message}" for f in findings]
    if kind == "pass":
        assert findings == [], shown
    elif "expect" in example or "findings" in example:
        assert len(findings) == example.get("expect", len(example.get("findings", []))), shown
    else:
        assert findings, f"{rule.id} found nothing"
    # a pass example is checked and passes, unless it shows what the rule cannot judge
    status = next(s for s in report.rules if s.id == rule.id)
    expected = "failed" if kind == "fail" else example.get("status", "passed")
    assert status.status == expected, (status.reason, status.message)


EXPECTING = [c for c in _cases() if c.values[1] == "fail" and "findings" in c.values[2]]


@pytest.mark.parametrize(("rule", "kind", "example"), EXPECTING)
def test_example_findings(rule: Rule, kind: str, example: dict[str, Any], tmp_path: Path) -> None:
    """A fail example's `findings:`: which message variant each finding has, and where."""
    assert mismatch(rule, example, tmp_path) is None


def test_every_bad_example_says_which_variant_fires() -> None:
    for rule in RULES:
        if rule.id != "unused-suppression":  # its findings come after the rules ran
            assert all("findings" in e for e in rule.examples["fail"]), rule.id


def test_a_wrong_expectation_is_found(tmp_path: Path) -> None:
    """The runner fails an example whose variant, excerpt, line or column is not what fires."""
    [rule] = [r for r in RULES if r.id == "homepage-hero-cta"]
    example = next(e for e in rule.examples["fail"] if e["findings"][0]["variant"] == "weak")
    assert mismatch(rule, example, tmp_path / "right") is None
    [right] = example["findings"]
    for n, wrong in enumerate(
        [{**right, "variant": "none"}, {**right, "excerpt": "x"}, {**right, "column": 1},
         {**right, "line": 2}, right | {}]
    ):  # fmt: skip
        findings = [wrong] if n < 4 else [right, right]
        assert mismatch(rule, {**example, "findings": findings}, tmp_path / str(n)), wrong


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_texts_in_every_language(rule: Rule) -> None:
    fields = [("title", "default"), ("fix", "default"), ("why", "default")]
    fields += [("message", variant) for variant in rule.message]
    for name, variant in fields:
        for lang in LANGS:
            assert rule.translation(name, lang, variant), f"{rule.id}: {name} has no {lang} text"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_message_placeholders_agree_across_languages(rule: Rule) -> None:
    for variant in rule.message:
        for lang in LANGS:
            text = rule.translation("message", lang, variant) or ""
            english = rule.translation("message", "en", variant) or ""
            fields = set(re.findall(r"{(\w+)}", text))
            assert fields == set(re.findall(r"{(\w+)}", english)), f"{rule.id}: {variant} {lang}"

"""Every rule's own examples, like ESLint's RuleTester: `fail` ones are flagged, `pass` ones not."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import write_site

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


def _pages(example: dict[str, Any]) -> dict[str, str]:
    return example.get("pages") or {"/": example["html"]}


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
    site = write_site(tmp_path, _pages(example))
    report = audit(str(site))
    assert report.errors == []  # no page unread, no check that failed
    findings = [f for f in report.findings if f.rule == rule.id]
    shown = [f"{f.page}: {f.message}" for f in findings]
    if kind == "pass":
        assert findings == [], shown
    elif "expect" in example:
        assert len(findings) == example["expect"], shown
    else:
        assert findings, f"{rule.id} found nothing"
    # a pass example is checked and passes, unless it shows what the rule cannot judge
    status = next(s for s in report.rules if s.id == rule.id)
    expected = "failed" if kind == "fail" else example.get("status", "passed")
    assert status.status == expected, (status.reason, status.message)


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

"""Rules agree with each other: the copy a rule's fix recommends, put where the offending copy
was, raises no finding from the rules that read the homepage's copy (nor from the rule itself).

The recommended copy is read from the fix text as it is shown to the user, in each language:
the quoted passages, less one the fix says not to write ("not 'I help people with stress'").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import write_site

from auditor.audit.engine import model_target
from auditor.checks.loader import load_rules
from auditor.checks.rule import Rule
from auditor.checks.run import run_rules
from auditor.lexicons.knowledge import load_knowledge

RULES = {rule.id: rule for rule in load_rules()}
# the rules that judge the homepage's own copy (the others need offers, forms or other pages)
COPY_RULES = (
    "homepage-autobiographical-welcome",
    "homepage-ideal-client",
    "homepage-self-focus",
    "homepage-letter-signoff",
    "unexplained-jargon",
)
# a quote opens after a space or a colon and closes before a space or punctuation, so the
# apostrophes of "'s nachts" and "reader's" stay inside
_QUOTE = re.compile(r"(?:^|(?<=[\s(:]))(['\"‘„“])(.+?)(?:['\"’“”])(?=[\s,.;:)]|$)")
_NOT = re.compile(r"\b(not|niet|nicht)\s*$", re.IGNORECASE)


def recommended(rule: Rule, lang: str) -> list[str]:
    """The copy the rule's fix recommends, in the language."""
    fix = rule.text("fix", lang)
    return [m.group(2) for m in _QUOTE.finditer(fix) if not _NOT.search(fix[: m.start()])]


CASES = [
    (rule_id, lang)
    for rule_id in ("homepage-autobiographical-welcome", "homepage-ideal-client",
                    "homepage-self-focus")
    for lang in sorted(load_knowledge().lexicons)
]  # fmt: skip


@pytest.mark.parametrize(("rule_id", "lang"), CASES)
def test_the_recommended_opening_raises_no_other_copy_finding(
    rule_id: str, lang: str, tmp_path: Path
) -> None:
    copy = recommended(RULES[rule_id], lang)
    assert copy, f"{rule_id} recommends no copy in {lang}"
    first, *rest = copy
    body = f"<h1>{first}</h1>" + "".join(f"<p>{text}</p>" for text in rest)
    site = model_target(str(write_site(tmp_path, {"/": f'<html lang="{lang}"><body>{body}'})))
    findings = run_rules(site, [RULES[r] for r in COPY_RULES])
    assert [(f.rule, f.excerpt) for f in findings] == [], body


def test_the_quotes_are_read_as_a_reader_sees_them() -> None:
    rule = RULES["homepage-self-focus"]
    assert recommended(rule, "en") == [
        "Lying awake, your work stress never switching off? Together we find calm."
    ]
    assert recommended(RULES["homepage-autobiographical-welcome"], "nl") == [
        "Voor ondernemers die vastlopen: lig jij er 's nachts wakker van?"
    ]

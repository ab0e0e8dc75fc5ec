"""The run's rules as reports describe them (RuleDoc): the configured ones, with the texts of
your own rules, and those the configuration turns off. Reporters get these with the report
instead of reading the bundled rule files themselves."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.audit.report_data import RuleDoc
from auditor.checks.rule import Rule
from auditor.checks.suppress import META_RULES
from auditor.lexicons.lexicon import rules_dir


def rule_doc(rule: Rule, languages: Iterable[str], severity: str | None = None) -> RuleDoc:
    """A rule's doc, its texts in every language the auditor knows (`languages`: those with
    a lexicon) or the rule file has."""
    langs = sorted({*languages, *rule.title, *rule.why, *rule.fix})

    def texts(name: str) -> dict[str, str]:
        return {lang: text for lang in langs if (text := rule.text(name, lang))}

    return RuleDoc(
        id=rule.id,
        severity=severity or rule.severity,
        title=texts("title"),
        why=texts("why"),
        fix=texts("fix"),
        bundled=rule.source.parent == rules_dir(),
        meta=rule.id in META_RULES,
    )


def rule_docs(
    run: Iterable[Rule], languages: Iterable[str], off: Iterable[Rule] = ()
) -> list[RuleDoc]:
    """The docs of the rules that ran, and of those turned off (severity "off"), by id, their
    texts in `languages` (those with a lexicon) and those the rule files have."""
    languages = tuple(languages)
    docs = [rule_doc(r, languages) for r in run] + [rule_doc(r, languages, "off") for r in off]
    return sorted(docs, key=lambda d: d.id)

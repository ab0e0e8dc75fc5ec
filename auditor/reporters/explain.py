"""`auditor explain`: a rule for people, in the report's language: why it matters, its fix, a
failing and a passing example."""

from __future__ import annotations

from auditor.checks.rule import Rule
from auditor.reporters.html_view import labels


def render_explanation(rule: Rule, lang: str) -> str:
    """The rule's title and severity, why, fix, then its first failing and passing example."""
    words = labels(lang)
    bad, good = rule.examples["fail"][0], rule.examples["pass"][0]
    lines = [
        f"{rule.id} ({rule.severity}): {rule.text('title', lang)}\n",
        f"{words['why']}: {rule.text('why', lang)}\n",
        f"{words['fix']}: {rule.text('fix', lang)}\n",
    ]
    for label, example in ((words["example_fails"], bad), (words["example_passes"], good)):
        lines.append(f"{label}: {example.get('name', '')}")
        pages = example.get("pages") or {"/": example.get("html", "")}
        lines += [f"  {url}: {html}" for url, html in pages.items()]
        lines.append("")
    return "".join(f"{line}\n" for line in lines)

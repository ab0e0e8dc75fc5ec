"""What a rule file must look like: each problem as one line with its file and line."""

from __future__ import annotations

import re
from collections.abc import Collection
from string import Formatter
from typing import Any

from auditor.checks.findings import SEVERITIES
from auditor.checks.rule import CheckKind
from auditor.core.yamlfile import Key, YamlFile, key_name

REQUIRED = ("id", "severity", "check", "title", "message", "fix", "why", "examples")
RULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_template(doc: YamlFile, key: Key, text: str) -> None:
    """A message or fix: literal text and {name} placeholders, nothing else."""
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in Formatter().parse(text)
            if name is not None
        ]
    except ValueError as exc:
        raise doc.invalid(key, f"'{key_name(key)}' is not a valid text: {exc}") from None
    for name, spec, conv in fields:
        if not name.isidentifier() or spec or conv:
            shown = name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
            raise doc.invalid(
                key, f"'{key_name(key)}': placeholders are {{name}} only, not {{{shown}}}"
            )


def _check_texts(doc: YamlFile, key: Key, value: object, template: bool = False) -> None:
    """A text, or a mapping of language code to text."""
    texts = {(): value} if isinstance(value, str) else value
    if not isinstance(texts, dict) or not texts:
        raise doc.invalid(key, f"'{key_name(key)}' must be a text or a mapping of language to text")
    for lang, text in texts.items():
        where = (*key, lang) if lang != () else key
        if not isinstance(text, str) or not text.strip():
            raise doc.invalid(where, f"'{key_name(where)}' must be a non-empty text")
        if template:
            _check_template(doc, where, text)


def _check_message(doc: YamlFile, message: object) -> None:
    if isinstance(message, dict) and any(isinstance(v, dict) for v in message.values()):
        if "default" not in message:
            raise doc.invalid(("message",), "message variants need a 'default' one")
        for variant, texts in message.items():
            _check_texts(doc, ("message", variant), texts, template=True)
    else:
        _check_texts(doc, ("message",), message, template=True)


def _check_params(doc: YamlFile, params: object) -> None:
    """A mapping; what each value must be is the check kind's to say (see Params)."""
    if params is not None and not isinstance(params, dict):
        raise doc.invalid(("params",), "'params' must be a mapping of name to value")


def _check_fit(doc: YamlFile, fit: object, params: object) -> None:
    """`fit`: each numeric param the fitting command may choose, with its candidate values."""
    if fit is None:
        return
    if not isinstance(fit, dict):
        raise doc.invalid(("fit",), "'fit' must be a mapping of a param to its candidate values")
    for name, values in fit.items():
        if not isinstance(params, dict) or name not in params:
            raise doc.invalid(("fit", str(name)), f"'fit' names '{name}', which is not in params")
        numbers = (
            isinstance(values, list)
            and values
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        )
        if not numbers:
            raise doc.invalid(("fit", str(name)), "'fit' lists candidate numbers for each param")


def _check_examples(doc: YamlFile, examples: object) -> None:
    if not isinstance(examples, dict) or not all(
        isinstance(examples.get(kind), list) and examples[kind] for kind in ("fail", "pass")
    ):
        raise doc.invalid(("examples",), "examples need at least one 'fail' and one 'pass' case")
    for kind in ("fail", "pass"):
        for n, example in enumerate(examples[kind]):
            key: Key = ("examples", kind, n)
            pages = example.get("pages") if isinstance(example, dict) else None
            html = example.get("html") if isinstance(example, dict) else None
            if isinstance(html, str) == isinstance(pages, dict):
                raise doc.invalid(key, "an example has 'html' (a text) or 'pages' (a mapping)")
            for path, page in (pages or {}).items():
                if not (isinstance(path, str) and path.startswith("/") and isinstance(page, str)):
                    raise doc.invalid((*key, "pages", str(path)), "pages map a site path to HTML")
            expect = example.get("expect", 1)
            if not isinstance(expect, int) or isinstance(expect, bool) or expect < 1:
                raise doc.invalid((*key, "expect"), "'expect' must be a whole number above 0")
            _check_expected_findings(doc, key, kind, example)
            status = example.get("status")
            if status is not None and (kind == "fail" or status not in ("passed", "not_checked")):
                raise doc.invalid((*key, "status"),
                            "a pass example's 'status' is passed or not_checked (a fail example"
                            " fails)")  # fmt: skip


FINDING_KEYS = {"variant": str, "excerpt": str, "line": int, "column": int}


def _check_expected_findings(doc: YamlFile, key: Key, kind: str, example: dict[str, Any]) -> None:
    """`findings`: what a fail example gives, in order, as ESLint's RuleTester has `errors`:
    each finding's message `variant`, and where (its `excerpt`, `line`, `column`)."""
    found = example.get("findings")
    if found is None:
        return
    where: Key = (*key, "findings")
    if kind == "pass" or "expect" in example:
        raise doc.invalid(where, "'findings' lists what a fail example finds (and how many:"
                          " no 'expect' beside it)")  # fmt: skip
    if not isinstance(found, list) or not found:
        raise doc.invalid(where, "'findings' must be a list of the findings the example gives")
    for n, finding in enumerate(found):
        if not isinstance(finding, dict) or not isinstance(finding.get("variant"), str):
            raise doc.invalid((*where, n), "a finding names its message 'variant'")
        for name, value in finding.items():
            wanted = FINDING_KEYS.get(name)
            if wanted is None or not isinstance(value, wanted) or isinstance(value, bool):
                problem = "a finding has a 'variant', and may have an 'excerpt', 'line', 'column'"
                raise doc.invalid((*where, n, str(name)), problem)


def check_variants(
    doc: YamlFile, kind: CheckKind, variants: Collection[str], examples: dict[str, Any]
) -> None:
    """A rule's message has a text for each variant its check kind can yield, and none other
    (`default` aside: the rule's message where no variant is meant); its examples expect
    variants the kind yields."""
    yields = f"(check {kind.name} yields: {', '.join(kind.variants)})"
    for n, example in enumerate(examples["fail"]):
        for m, finding in enumerate(example.get("findings") or ()):
            if finding["variant"] not in kind.variants:
                key = ("examples", "fail", n, "findings", m, "variant")
                raise doc.invalid(key, f"no check yields variant '{finding['variant']}' {yields}")
    for variant in variants:
        if variant != "default" and variant not in kind.variants:
            raise doc.invalid(("message", variant), f"no check yields variant '{variant}' {yields}")
    for variant in kind.variants:
        if variant not in variants:
            raise doc.invalid(("message",), f"no text for the message variant '{variant}' {yields}")


def check_rule(doc: YamlFile, kinds: Collection[str]) -> dict[str, Any]:
    """The rule file's data; Invalid if it is not a rule with a check kind from `kinds`."""
    data = doc.data
    if not isinstance(data, dict):
        raise doc.invalid((), "a rule file must be a mapping")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise doc.invalid((), f"missing field(s): {', '.join(missing)}")
    if not isinstance(data["id"], str) or not RULE_ID.fullmatch(data["id"]):
        raise doc.invalid(("id",), "id must be lowercase letters and digits joined by dashes")
    if data["severity"] not in SEVERITIES:
        raise doc.invalid(("severity",), f"severity must be one of {', '.join(SEVERITIES)}")
    if not isinstance(data["check"], str) or data["check"] not in kinds:
        known = ", ".join(sorted(kinds))
        raise doc.invalid(("check",), f"unknown check kind '{data['check']}' (known: {known})")
    for name in ("title", "why"):
        _check_texts(doc, (name,), data[name])
    _check_texts(doc, ("fix",), data["fix"], template=True)
    _check_message(doc, data["message"])
    _check_params(doc, data.get("params"))
    _check_fit(doc, data.get("fit"), data.get("params"))
    _check_examples(doc, data["examples"])
    return data

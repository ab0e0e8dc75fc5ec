"""Broken rule and lexicon files: one line naming the file, the line and the problem; exit 2."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES

from auditor.audit.engine import AuditOptions, audit
from auditor.checks import loader
from auditor.checks.kinds import KINDS
from auditor.checks.loader import load_rules
from auditor.checks.rule import CheckKind, Hit, Rule
from auditor.cli.main import main
from auditor.lexicons import knowledge, lexicon
from auditor.site.model import Site
from auditor.sources.raw import FetchError

RULE = "homepage-self-focus.yml"  # line 2 severity, 3 check, 4 title, 8 message.nl, 17 min_owner


@pytest.fixture
def rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the bundled rules folder, read instead of it, that a test may break."""
    folder = tmp_path / "rules"
    shutil.copytree(lexicon.rules_dir(), folder)
    monkeypatch.setattr(lexicon, "rules_dir", lambda: folder)
    monkeypatch.setattr(loader, "rules_dir", lambda: folder)
    monkeypatch.setattr(knowledge, "rules_dir", lambda: folder)
    yield folder


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_usage_error(result: Result, where: str, problem: str) -> None:
    """Exit 2 and one line: `auditor: <where>: <problem>`, no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"auditor: {where}: "), lines[0]
    assert re.search(problem, lines[0]), lines[0]


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("severity: info\n", "severity: [info\n", 3,
         r"not valid YAML: (did not find )?expected ',' or ']'"),
        ("check: self_focus\n", "check: self_focus\n  nested: x\n", 4,
         "not valid YAML: mapping values are not allowed (here|in this context)"),
        ("severity: info", "severity: 3", 2, "severity must be one of error, warning, info"),
        ("check: self_focus", "check: [self_focus]", 3, "unknown check kind"),
        ("check: self_focus", "check: self-focus", 3,
         r"unknown check kind 'self-focus' \(known: credentials_list, .*self_focus"),
        ("id: homepage-self-focus", "id: ../../etc/passwd", 1, "id must be lowercase letters"),
        ("title:\n", "title: 3\nold_title:\n", 4, "'title' must be a text or a mapping"),
        ("  nl: De homepage gaat", "  nl: [De homepage gaat]\n  xx: De homepage gaat", 5,
         "'title.nl' must be a non-empty text"),
        ("{i} zinnen", "{i.__class__} zinnen", 8,
         r"placeholders are \{name\} only, not \{i.__class__\}"),
        ("{you} je lezer", "{you je lezer", 8, "'message.nl' is not a valid text"),
        ("{you} je lezer", "{you:>5} je lezer", 8, r"not \{you:>5\}"),
        ("params:", "params: [8]\nold:", 16, "'params' must be a mapping"),
        ("why:", "wy:", 1, "missing field\\(s\\): why$"),
        ("  pass:\n", "  passes:\n", 19, "examples need at least one 'fail' and one 'pass' case"),
        ("      html: '<html lang=\"nl\"><body><h1>Over", "      htm: '<html><h1>Over", 21,
         "an example has 'html' \\(a text\\) or 'pages'"),
        ("    - name: a page about the owner\n", "    - name: a page about the owner\n"
         "      status: not_checked\n", 22, "a pass example's 'status' is passed or not_checked"),
        ("{variant: default, line: 1,", "{variant: default, line: one,", 23,
         "a finding has a 'variant', and may have an 'excerpt', 'line', 'column'$"),
        ("{variant: default, line: 1,", "{variant: loud, line: 1,", 23,
         r"no check yields variant 'loud' \(check self_focus yields: default\)$"),
        ("      findings: [", "      expect: 1\n      findings: [", 24,
         "'findings' lists what a fail example finds"),
    ],
    ids=[
        "yaml-syntax", "yaml-structure", "severity", "check-not-a-text", "unknown-check",
        "bad-id", "title-type", "text-type", "attribute-placeholder", "unclosed-placeholder",
        "format-spec", "params-type", "missing-field", "examples-missing",
        "example-shape", "status-of-a-fail-example", "expected-finding-shape",
        "expected-variant", "findings-and-expect",
    ],
)  # fmt: skip
def test_a_broken_rule_file(
    rules_folder: Path, old: str, new: str, line: int, problem: str
) -> None:
    file = rules_folder / RULE
    edit(file, old, new)
    for args in (("rules",), ("check", str(EXAMPLES / "nl-after")), ("explain",)):
        assert_usage_error(run(*args), f"{file}:{line}", problem)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"eight"', "a number, not 'eight'"), ("{a: 1}", "a number, not {'a': 1}"),
        ("[8]", "a number, not [8]"), ("2.5", "a whole number, not 2.5"),
    ],
)  # fmt: skip
def test_a_parameter_of_the_wrong_kind_is_found_when_the_rule_loads(
    rules_folder: Path, value: str, problem: str
) -> None:
    """A built-in check's params model expects a whole number: the file's line, at once."""
    file = rules_folder / RULE
    edit(file, "  min_owner: 5 ", f"  min_owner: {value} ")
    for args in (("rules",), ("check", str(EXAMPLES / "nl-before"))):
        result = run(*args)
        assert_usage_error(result, f"{file}:17", f"params.min_owner: must be {re.escape(problem)}$")
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("  min_owner: 5 ", "  min_ower: 5 ", 17,
         r"params.min_ower: unknown param \(known: min_owner, ratio, roles, region\)$"),
        ("  min_owner: 5 ", "  roles: [bio]\n  min_owner: 5 ", 17,
         "params.roles: 'bio' is not one of"),
        ("  min_owner: 5 ", "  region: top\n  min_owner: 5 ", 17,
         "params.region: must be one of opening, main, ending$"),
        ("  min_owner: 5 ", "  min_owner: .inf ", 17,
         r"params.min_owner: must be a number, not inf$"),
        ("  min_owner: 5 ", "", 16,  # the rule file is where its values are set: no default
         r"params.min_owner: missing \(the rule file gives its value\)$"),
    ],
    ids=["unknown-param", "bad-role", "bad-region", "not-finite", "left-out"],
)  # fmt: skip
def test_a_built_in_kind_rejects_bad_params_in_one_line(
    rules_folder: Path, old: str, new: str, line: int, problem: str
) -> None:
    file = rules_folder / RULE
    edit(file, old, new)
    assert_usage_error(run("rules"), f"{file}:{line}", problem)


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("  default:\n    nl: \"De opening van de homepage heeft geen duidelijke",
         "  defaults:\n    nl: \"x", 7, "message variants need a 'default' one"),
        ("  weak:\n", "  weakly:\n", 8,
         r"no check yields variant 'weakly' \(check hero_cta yields: weak, none\)$"),
    ],
    ids=["no-default", "unknown-variant"],
)  # fmt: skip
def test_message_variants_are_the_kinds(
    rules_folder: Path, old: str, new: str, line: int, problem: str
) -> None:
    """A rule's `message:` has a text for each variant its kind yields, and no other."""
    file = rules_folder / "homepage-hero-cta.yml"
    edit(file, old, new)
    assert_usage_error(run("rules"), f"{file}:{line}", problem)


def test_a_message_variant_the_kind_yields_must_have_a_text(rules_folder: Path) -> None:
    """No silent fallback to the default message: loading names the file and `message:`."""
    file = rules_folder / "homepage-hero-cta.yml"
    text = file.read_text(encoding="utf-8")
    start, end = text.index("  none:\n"), text.index("  default:\n")
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    assert_usage_error(
        run("rules"), f"{file}:7",
        r"no text for the message variant 'none' \(check hero_cta yields: weak, none\)$",
    )  # fmt: skip


CUSTOM = """id: no-cheap-words
severity: warning
check: phrase_absent
title: No cheap words
message: "'{phrase}' makes your offer sound small."
fix: Say what your client gets.
why: Selling on price draws clients who choose on price.
params:
  roles: [offer]
  phrases: [cheap, discount*]
examples:
  fail:
    - html: '<html lang="en"><body><h1>Coaching</h1><p>Cheap sessions.</p></body></html>'
  pass:
    - html: '<html lang="en"><body><h1>Coaching</h1><p>Six sessions.</p></body></html>'
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ("[cheap, discount*]", '[cheap, "*"]', 10, "params.phrases: '\\*' has no word in it"),
        ("  roles: [offer]", "  roles: [offer]\n  region: middle", 10,
         "params.region: must be one of opening, main, ending"),
        ("  roles: [offer]", "  roles: [offer]\n  colour: red", 10, "params.colour: unknown param"),
    ],
    ids=["wildcard-only-phrase", "bad-region", "unknown-param"],
)  # fmt: skip
def test_a_custom_rule_with_bad_params(
    rules_folder: Path, old: str, new: str, line: int, problem: str
) -> None:
    file = rules_folder / "no-cheap-words.yml"
    file.write_text(CUSTOM.replace(old, new), encoding="utf-8")
    assert_usage_error(run("rules"), f"{file}:{line}", problem)


def test_two_rules_with_one_id(rules_folder: Path) -> None:
    copy = rules_folder / "zz-copy.yml"
    shutil.copy(rules_folder / RULE, copy)
    assert_usage_error(
        run("rules"), f"{copy}:1", f"rule id 'homepage-self-focus' is taken by .*{RULE}$"
    )


def test_a_rule_file_that_is_not_utf8(rules_folder: Path) -> None:
    file = rules_folder / RULE
    file.write_bytes(file.read_bytes().replace(b"gaat over", b"gaat \xe9\xe9n"))
    assert_usage_error(run("rules"), str(file), "not UTF-8 text$")


@pytest.mark.parametrize(
    ("old", "new", "below", "problem"),
    [
        ("stopwords: [de,", "stopwords: [de, [het],", 0, "'stopwords' holds phrases \\(texts\\)"),
        (
            "free: [gratis,",
            "free:\n  - gratis: ook\n  - x\nold: [gratis,",
            1,
            "'free' holds phrases \\(texts\\) only; put quotes around a phrase with ': '",
        ),
        ("free: [gratis,", 'free: ["", gratis,', 0, "'free' has a phrase with no word in it"),
        ("free: [gratis,", 'free: ["* *", gratis,', 0, "'free' has a phrase with no word in it"),
        # the bundled lexicons are read by libyaml where PyYAML has it: its own words
        ("lang: nl", "lang: [nl", 1, "not valid YAML: (did not find )?expected ',' or ']'"),
    ],
    ids=["nested-list", "mapping-in-list", "empty-phrase", "only-wildcards", "yaml-syntax"],
)
def test_a_broken_lexicon(rules_folder: Path, old: str, new: str, below: int, problem: str) -> None:
    """The error names the line of the broken entry (`below` lines under the edited one)."""
    file = rules_folder / "lexicons" / "nl.yml"
    text = file.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1 + below
    edit(file, old, new)
    for args in (("rules",), ("check", str(EXAMPLES / "nl-after"))):
        assert_usage_error(run(*args), f"{file}:{line}", problem)


def test_a_lexicon_that_is_not_a_mapping(rules_folder: Path) -> None:
    file = rules_folder / "lexicons" / "de.yml"
    file.write_text("- lang: de\n", encoding="utf-8")
    assert_usage_error(run("explain"), f"{file}:1", "a lexicon or markup file must be a mapping")


def test_a_check_that_fails_loses_only_its_own_findings() -> None:
    def broken(site: Site, rule: Rule, lexicon: object) -> list[Hit]:
        raise ZeroDivisionError("division by zero")

    kinds = {**KINDS, "broken": CheckKind("broken", broken)}
    bundled = load_rules()
    target = str(EXAMPLES / "nl-before")
    failing = replace(bundled[0], id="a-broken-rule", check="broken")
    report = audit(target, AuditOptions(rules=[failing, *bundled], kinds=kinds))
    assert report.findings == audit(target, AuditOptions(rules=bundled)).findings
    assert report.findings
    assert report.errors == [
        FetchError(target, "rule a-broken-rule failed: ZeroDivisionError('division by zero')")
    ]


@pytest.mark.parametrize(
    ("fit", "problem"),
    [
        ("fit: {colour: [1, 2]}", "'fit' names 'colour', which is not in params"),
        ("fit: {phrases: [cheap]}", "'fit' lists candidate numbers for each param"),
        ("fit: [0.5]", "'fit' must be a mapping of a param to its candidate values"),
    ],
    ids=["unknown-param", "not-numbers", "not-a-mapping"],
)
def test_a_rule_with_a_bad_fit(rules_folder: Path, fit: str, problem: str) -> None:
    """`fit:` names params the rule has, each with candidate numbers."""
    file = rules_folder / "no-cheap-words.yml"
    file.write_text(CUSTOM.replace("examples:", f"{fit}\nexamples:"), encoding="utf-8")
    result = run("rules")
    assert result.exit_code == 2 and problem in result.stderr, result.stderr

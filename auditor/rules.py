"""Rules as data: load the YAML rules, run their check kinds, turn hits into findings."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.excerpt_context import copy_context
from auditor.lexicon import Lexicon, load_lexicons, rules_dir
from auditor.model import SEVERITIES, Block, Element, Finding, Form, Link, Page, Site
from auditor.urls import host_of, page_key

REQUIRED = ("id", "severity", "check", "title", "message", "fix", "why", "examples")
RULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class RuleError(Exception):
    """A rule file is malformed (one line naming the file and the problem)."""


@dataclass
class Hit:
    """What a check reports: where, what it saw, and which message variant fits."""

    page: Page
    excerpt: str
    block: Block | None = None
    link: Link | None = None
    form: Form | None = None
    variant: str = "default"
    params: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rule:
    """One rule: metadata, texts per language, a check kind and its parameters."""

    id: str
    severity: str
    check: str
    title: dict[str, str]
    message: dict[str, dict[str, str]]  # variant -> lang -> template
    fix: dict[str, str]
    why: dict[str, str]
    params: dict[str, Any]
    examples: dict[str, list[dict[str, Any]]]
    source: Path

    def text(self, field_name: str, lang: str, variant: str = "default") -> str:
        """A text in `lang`, else in English, else in any language the rule has."""
        texts: Any = getattr(self, field_name)
        if field_name == "message":
            texts = texts.get(variant) or texts["default"]
        return (
            self.translation(field_name, lang, variant)
            or texts.get("en")
            or next(iter(texts.values()))
        )

    def translation(self, field_name: str, lang: str, variant: str = "default") -> str | None:
        """The text in `lang` from the rule file, else from that lexicon's `rule_texts`."""
        texts: Any = getattr(self, field_name)
        if field_name == "message":
            texts = texts.get(variant) or texts["default"]
        if texts.get(lang):
            return texts[lang]
        lexicon = load_lexicons().get(lang)
        value = lexicon.raw(f"rule_texts.{self.id}.{field_name}") if lexicon else None
        if isinstance(value, dict):  # message variants
            value = value.get(variant) or value.get("default")
        return value if isinstance(value, str) and value.strip() else None


Check = Callable[[Site, Rule, Callable[[Page], Lexicon]], Iterable[Hit]]
CHECKS: dict[str, Check] = {}
# reads a check kind's params; raises ValueError with a one-line reason when they do not suit it
ParamsCheck = Callable[[dict[str, Any]], object]
PARAMS_CHECKS: dict[str, ParamsCheck] = {}
PER_PAGE: set[str] = set()  # check kinds whose hits on a page depend on that page alone


def check_kind(
    name: str, params: ParamsCheck | None = None, per_page: bool = False
) -> Callable[[Check], Check]:
    """Register a check kind under the name rule files use in `check:`, and its params check.

    `per_page`: it reads each page alone (never the home page or offers as such), so it
    can run on a page as soon as the page is parsed.
    """

    def register(func: Check) -> Check:
        CHECKS[name] = func
        if params is not None:
            PARAMS_CHECKS[name] = params
        if per_page:
            PER_PAGE.add(name)
        return func

    return register


def validate_params(check: str, params: dict[str, Any]) -> None:
    """Raise ValueError when `params` do not suit the check kind (kinds that validate them)."""
    if check in PARAMS_CHECKS:
        PARAMS_CHECKS[check](params)


def _texts(data: dict[str, Any], key: str, path: Path) -> dict[str, str]:
    value = data[key]
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise RuleError(f"{path}: '{key}' must be a text or a mapping of language to text")
    return value


def load_rule(path: Path) -> Rule:
    """Read and validate one rule file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise RuleError(f"{path}{where}: not valid YAML") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise RuleError(f"{path}: missing field(s): {', '.join(missing)}")
    if data["severity"] not in SEVERITIES:
        raise RuleError(f"{path}: severity must be one of {', '.join(SEVERITIES)}")
    if not RULE_ID.fullmatch(str(data["id"])):
        raise RuleError(f"{path}: id must be lowercase letters and digits joined by dashes")
    if data["check"] not in CHECKS:
        raise RuleError(f"{path}: unknown check kind '{data['check']}'")
    try:
        validate_params(data["check"], data.get("params") or {})
    except ValueError as exc:
        raise RuleError(f"{path}: {exc}") from None
    message = data["message"]
    variants = (
        message if isinstance(message, dict) and "default" in message else {"default": message}
    )
    examples = data["examples"]
    if not isinstance(examples, dict) or not examples.get("fail") or not examples.get("pass"):
        raise RuleError(f"{path}: examples need at least one 'fail' and one 'pass' case")
    return Rule(
        id=str(data["id"]),
        severity=data["severity"],
        check=data["check"],
        title=_texts(data, "title", path),
        message={k: _texts(variants, k, path) for k in variants},
        fix=_texts(data, "fix", path),
        why=_texts(data, "why", path),
        params=data.get("params") or {},
        examples=examples,
        source=path,
    )


def load_rules(folders: Iterable[Path] = ()) -> list[Rule]:
    """The bundled rules, then those in extra folders, sorted by id."""
    import auditor.checks  # noqa: F401  (registers the check kinds)

    rules: dict[str, Rule] = {}
    for folder in (rules_dir(), *folders):
        for path in sorted(folder.glob("*.yml")):
            if path.name == "markup.yml":
                continue
            rule = load_rule(path)
            rules[rule.id] = rule
    return sorted(rules.values(), key=lambda r: r.id)


class _Params(dict[str, str]):
    """Message parameters; a placeholder a hit does not fill stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fingerprint(rule: str, page_url: str, excerpt: str) -> str:
    key = page_key(page_url, host_of(page_url)) or page_url
    normal = re.sub(r"\W+", " ", excerpt.lower()).strip()
    return hashlib.sha256(f"{rule}\n{key}\n{normal}".encode()).hexdigest()[:20]


def run_rules(site: Site, rules: list[Rule], fallback_lang: str = "en") -> list[Finding]:
    """Run every rule's check on the site; each hit becomes a finding in the page's language."""
    lexicons = load_lexicons()

    def lexicon(page: Page) -> Lexicon:
        return lexicons.get(page.lang) or lexicons.get(fallback_lang) or lexicons["en"]

    return [
        to_finding(rule, hit) for rule in rules for hit in CHECKS[rule.check](site, rule, lexicon)
    ]


def _element(hit: Hit) -> Element | None:
    """Which link, form or block of its page the hit is on (the one its line comes from)."""
    page = hit.page
    for kind, item, items in (
        ("link", hit.link, page.links), ("nav_link", hit.link, page.nav_links),
        ("form", hit.form, page.forms),
    ):  # fmt: skip
        index = next((i for i, x in enumerate(items) if x is item), None) if item else None
        if index is not None:
            return Element(kind, index)
    return Element("block", hit.block.index) if hit.block else None


def to_finding(rule: Rule, hit: Hit) -> Finding:
    """A check's hit as a finding in the page's language."""
    lang = hit.page.lang
    where = hit.link or hit.form or hit.block
    excerpt = hit.excerpt if len(hit.excerpt) <= 300 else hit.excerpt[:297] + "..."
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        page=hit.page.url,
        path=hit.page.path,
        line=where.line if where and hit.page.path else None,
        column=where.column if where and hit.page.path else None,
        message=rule.text("message", lang, hit.variant).format_map(_Params(hit.params)),
        excerpt=excerpt,
        fix=rule.text("fix", lang).format_map(_Params(hit.params)),
        evidence=hit.evidence,
        fingerprint=_fingerprint(rule.id, hit.page.url, hit.excerpt),
        element=_element(hit),
        context=copy_context(hit),
    )

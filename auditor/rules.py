"""Rules as data: load the YAML rules, run their check kinds, turn hits into findings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from auditor.excerpt_context import copy_context
from auditor.identity import fingerprint
from auditor.lexicon import Lexicon, load_lexicons, rules_dir
from auditor.model import Block, Element, FetchError, Finding, Form, Link, Page, Site, Unchecked
from auditor.validation import Invalid, Params, check_rule
from auditor.yamlfile import YamlProblem, read_yaml


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
    # what it is about, its identity on its page (auditor/identity.py); None: the excerpt
    subject: str | None = None


# why a check could not judge its rule; each is a key of the lexicons' `not_checked` texts
Reason = Literal[
    "no_homepage",  # no page is the homepage
    "unreadable",  # the page the rule reads could not be fetched or parsed
    "js_shell",  # the page shows its copy only with JavaScript (Page.js_shell)
    "no_copy",  # the page has no copy (images, embeds)
    "no_offer",  # the site sells something, but no offer was found
    "sells_nothing",  # no offer, and nothing on the site seems to be for sale
    "no_about_page",
    "no_email_form",  # no form asks for an e-mail address: nothing to check
    "no_pages",  # no page has the roles a (custom) rule reads
    "no_phrases",  # a (custom) rule has no phrases for the language of its pages
    "rule_error",  # the check failed on odd input (see the report's errors)
]


@dataclass(frozen=True)
class NotChecked:
    """What a check yields when it cannot judge its rule: why, the page concerned (if one) and
    the values its message names (`{page}` is filled in from `page`)."""

    reason: Reason
    page: Page | None = None
    url: str | None = None  # the page concerned when there is no Page (one that was not read)
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Coverage:
    """What one run of a rule's check judged: how many hits, and why it could not judge."""

    hits: int = 0
    unchecked: tuple[Unchecked, ...] = ()

    @property
    def judged(self) -> bool:
        return bool(self.hits) or not self.unchecked

    def merged(self, other: Coverage) -> Coverage:
        """Two runs of a per-page check on different pages: judged when either one is."""
        judged = self.judged or other.judged
        unchecked = () if judged else self.unchecked + other.unchecked
        return Coverage(self.hits + other.hits, unchecked)


@dataclass
class RuleRun:
    """The findings of a run of the rules, and each rule's coverage (by rule id)."""

    findings: list[Finding]
    coverage: dict[str, Coverage]


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
    # candidate values of numeric params, for `python -m auditor.evaluate CORPUS --fit RULE`
    fit: dict[str, list[float]] = field(default_factory=dict)

    def text(self, field_name: str, lang: str, variant: str = "default") -> str:
        """A text in `lang`, else in English, else in any language the rule has."""
        texts = self.own_texts(field_name, variant)
        return (
            self.translation(field_name, lang, variant)
            or texts.get("en")
            or next(iter(texts.values()))
        )

    def own_texts(self, field_name: str, variant: str = "default") -> dict[str, str]:
        """The texts of a field (a message variant, else the default) in the rule file itself."""
        texts: Any = getattr(self, field_name)
        return (texts.get(variant) or texts["default"]) if field_name == "message" else texts

    def translation(self, field_name: str, lang: str, variant: str = "default") -> str | None:
        """The text in `lang` from the rule file, else from that lexicon's `rule_texts`."""
        texts = self.own_texts(field_name, variant)
        if texts.get(lang):
            return texts[lang]
        lexicon = load_lexicons().get(lang)
        value = lexicon.raw(f"rule_texts.{self.id}.{field_name}") if lexicon else None
        if isinstance(value, dict):  # message variants
            value = value.get(variant) or value.get("default")
        return value if isinstance(value, str) and value.strip() else None


Check = Callable[[Site, Rule, Callable[[Page], Lexicon]], Iterable[Hit | NotChecked]]
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


def _texts(data: dict[str, Any], key: str) -> dict[str, str]:
    value = data[key]
    return {"en": value} if isinstance(value, str) else value


def load_rule(path: Path) -> Rule:
    """Read and validate one rule file; RuleError names its file, line and problem."""
    try:
        doc = read_yaml(path)
        data = check_rule(doc, CHECKS)
        validate_params(data["check"], data.get("params") or {})
    except (YamlProblem, Invalid) as exc:
        raise RuleError(str(exc)) from None
    except ValueError as exc:  # the kind's own reading of its params: "params.KEY: problem"
        param = re.match(r"params\.([\w-]+)", str(exc))
        where = doc.where(("params", param[1]) if param else ("params",))
        raise RuleError(f"{where}: {exc}") from None
    message = data["message"]
    variants = (
        message if isinstance(message, dict) and "default" in message else {"default": message}
    )
    return Rule(
        id=str(data["id"]),
        severity=data["severity"],
        check=data["check"],
        title=_texts(data, "title"),
        message={k: _texts(variants, k) for k in variants},
        fix=_texts(data, "fix"),
        why=_texts(data, "why"),
        params=data.get("params") or {},
        examples=data["examples"],
        source=path,
        fit=data.get("fit") or {},
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
            taken = rules.get(rule.id)
            if taken and taken.source.parent == folder:
                raise RuleError(f"{path}:1: rule id '{rule.id}' is taken by {taken.source}")
            rules[rule.id] = rule
    return sorted(rules.values(), key=lambda r: r.id)


class _Params(dict[str, str]):
    """Message parameters; a placeholder a hit does not fill stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run_rules(site: Site, rules: list[Rule], report_lang: str | None = None) -> list[Finding]:
    """Run every rule's check on the site; each hit becomes a finding in `report_lang`, else
    in the page's language."""
    return check_rules(site, rules, report_lang).findings


def check_rules(site: Site, rules: list[Rule], report_lang: str | None = None) -> RuleRun:
    """Run every rule's check on the site: the findings, and what each rule could not judge,
    written in `report_lang` (None: each in the language of its page). Each page's copy is
    read in its own language, whatever the report's.

    A hit on a JavaScript shell is never a finding: its copy was not there to judge.
    """
    lexicons = load_lexicons()

    def lexicon(page: Page) -> Lexicon:
        return lexicons.get(page.lang) or lexicons["en"]

    site_lang = _site_language(site)
    run = RuleRun([], {})
    for rule in rules:
        try:
            typed = replace(rule, params=Params(rule.params, rule.source))
            results = list(CHECKS[rule.check](site, typed, lexicon))
        except Invalid as exc:  # a parameter of the wrong type, found when the check reads it
            raise RuleError(str(exc)) from None
        except Exception as exc:  # a check that trips on odd input loses only its own findings
            site.errors.append(FetchError(site.target, f"rule {rule.id} failed: {exc!r:.200}"))
            failed = NotChecked("rule_error", url=site.target)
            run.coverage[rule.id] = Coverage(0, (unchecked(failed, site_lang, report_lang),))
            continue
        hits = [r for r in results if isinstance(r, Hit) and not r.page.js_shell]
        skipped = [r for r in results if isinstance(r, NotChecked)]
        skipped += [NotChecked("js_shell", r.page) for r in results
                    if isinstance(r, Hit) and r.page.js_shell]  # fmt: skip
        run.findings += [to_finding(rule, hit, report_lang) for hit in hits]
        run.coverage[rule.id] = Coverage(
            len(hits), tuple(dict.fromkeys(unchecked(n, site_lang, report_lang) for n in skipped))
        )
    return run


def _site_language(site: Site) -> str:
    """The language most of the site's pages are in."""
    known = Counter(p.lang for p in site.pages if p.lang)
    return known.most_common(1)[0][0] if known else "en"


def unchecked(skip: NotChecked, site_lang: str, report_lang: str | None = None) -> Unchecked:
    """A check's NotChecked with its message in `report_lang`, else in the language of its
    page (else the site's)."""
    lang = report_lang or (skip.page.lang if skip.page else site_lang)
    url = skip.page.url if skip.page else skip.url
    lexicons = load_lexicons()
    texts = [lex.raw(f"not_checked.{skip.reason}") for lex in
             (lexicons.get(lang), lexicons.get("en")) if lex]  # fmt: skip
    template = next((t for t in texts if isinstance(t, str) and t.strip()), skip.reason)
    message = template.format_map(_Params({"page": url or "", **skip.params}))
    return Unchecked(skip.reason, message, url)


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


def to_finding(rule: Rule, hit: Hit, lang: str | None = None) -> Finding:
    """A check's hit as a finding in `lang` (the report's), else in the page's language."""
    lang = lang or hit.page.lang
    where = hit.link or hit.form or hit.block
    excerpt = hit.excerpt if len(hit.excerpt) <= 300 else hit.excerpt[:297] + "..."
    subject = hit.excerpt if hit.subject is None else hit.subject
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
        fingerprint=fingerprint(rule.id, hit.page.url, subject),
        former=() if subject == hit.excerpt else (fingerprint(rule.id, hit.page.url, hit.excerpt),),
        element=_element(hit),
        context=copy_context(hit),
    )

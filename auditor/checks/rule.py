"""A rule as data (its YAML file read), what its check yields, and what a check kind is."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol

from auditor.checks.findings import Finding, Unchecked
from auditor.core.errors import InputError
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Form, Link, Page
from auditor.site.model import Site


class RuleError(InputError):
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
    # what it is about, its identity on its page (auditor/checks/identity.py); None: the excerpt
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
    "no_lexicon",  # the lexicon of the pages' language lacks phrase lists the check reads
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
    """One rule: metadata, texts per language, a check kind and its parameters: `values` as
    the rule file (and the configuration) sets them, `params` read from them into the check
    kind's params model (CheckKind.params)."""

    id: str
    severity: str
    check: str
    title: dict[str, str]
    message: dict[str, dict[str, str]]  # variant -> lang -> template
    fix: dict[str, str]
    why: dict[str, str]
    params: Any
    values: dict[str, Any]
    examples: dict[str, list[dict[str, Any]]]
    source: Path
    # candidate values of numeric params, for `python -m auditor.evaluate CORPUS --fit RULE`
    fit: dict[str, list[float]] = field(default_factory=dict)
    # the rule's texts in the lexicons' `rule_texts`, by language (see checks/loader.py)
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)

    def text(self, field_name: str, lang: str, variant: str = "default") -> str:
        """A text in `lang`, else in English, else in any language the rule has."""
        texts = self.own_texts(field_name, variant)
        return (
            self.translation(field_name, lang, variant)
            or texts.get("en")
            or next(iter(texts.values()))
        )

    def own_texts(self, field_name: str, variant: str = "default") -> dict[str, str]:
        """The texts of a field (of a message variant) in the rule file itself."""
        texts: Any = getattr(self, field_name)
        return texts[variant] if field_name == "message" else texts

    def translation(self, field_name: str, lang: str, variant: str = "default") -> str | None:
        """The text in `lang` from the rule file, else from that lexicon's `rule_texts`."""
        texts = self.own_texts(field_name, variant)
        if texts.get(lang):
            return texts[lang]
        value = self.translations.get(lang, {}).get(field_name)
        if isinstance(value, dict):  # message variants
            value = value.get(variant)
        return value if isinstance(value, str) and value.strip() else None


Check = Callable[[Site, Rule, Callable[[Page], Lexicon]], Iterable[Hit | NotChecked]]


class ParamsModel(Protocol):
    """A check kind's params: a frozen dataclass whose `read` reads it from a rule's params,
    raising ValueError ("params.KEY: problem") when they do not suit it."""

    @classmethod
    def read(cls, params: Any) -> Any: ...

    @property
    def page_roles(self) -> frozenset[str]:
        """The roles of the pages the rule reads beyond those of the bundled rules (the
        pipeline keeps their copy: audit/pagework.py WHOLE_ROLES)."""
        ...


@dataclass(frozen=True)
class NoParams:
    """The params of a kind that takes none."""

    page_roles: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def read(cls, params: Any) -> NoParams:
        if params:
            raise ValueError(f"params.{next(iter(params))}: this check takes no params")
        return cls()


@dataclass(frozen=True)
class CheckKind:
    """The Python behind rules: its name in `check:`, the check, its params model, and the
    message variants its hits can have (Hit.variant; a rule's `message:` has a text for each).

    `per_page`: it reads each page alone (never the home page or offers as such), so it can
    run on a page as soon as the page is parsed. `lexicon`: the lexicon keys it reads beyond
    those every lexicon gives (auditor/lexicons/schema.py REQUIRED); on pages in a language
    whose lexicon lacks one, its rules are not checked.
    """

    name: str
    run: Check
    params: type[ParamsModel] = NoParams
    per_page: bool = False
    variants: tuple[str, ...] = ("default",)
    lexicon: tuple[str, ...] = ()

    def __call__(
        self, site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
    ) -> Iterable[Hit | NotChecked]:
        return self.run(site, rule, lexicon)

    def read(self, params: Any) -> Any:
        """The rule's params as the kind's model; ValueError when they do not suit it."""
        return self.params.read(params)


def check_kind(
    name: str, params: type[ParamsModel] = NoParams, per_page: bool = False,
    variants: tuple[str, ...] = ("default",), lexicon: tuple[str, ...] = (),
) -> Callable[[Check], CheckKind]:  # fmt: skip
    """Make a check function a check kind, named as rule files name it in `check:`, whose hits
    have the message `variants`, and that reads the lexicon keys `lexicon` beyond the required
    ones."""

    def declare(func: Check) -> CheckKind:
        return CheckKind(name, func, params, per_page, variants, lexicon)

    return declare

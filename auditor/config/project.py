"""The configuration: `.auditor.yml` or `[tool.auditor]` in pyproject.toml, found from the target
folder upward to the repository root, or named with --config. Every value is validated here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.audit.report_data import Sender
from auditor.checks.findings import SEVERITIES
from auditor.checks.kinds.scope import UnknownParam
from auditor.checks.loader import with_values
from auditor.checks.rule import Rule
from auditor.config.reading import (
    ConfigError,
    KeyPath,
    LineOf,
    dotted,
    read_config_yaml,
    read_pyproject,
    shown,
)
from auditor.config.report_config import read_sender
from auditor.core.defaults import CONFIG_FILES, FAIL_ON
from auditor.lexicons.knowledge import Knowledge, load_knowledge
from auditor.page.language import EVERY_PAGE
from auditor.site.roles import ROLES

KEYS = (
    "lang", "content_lang", "rules", "pages", "ignore", "fail_on", "max_warnings", "rules_paths",
    "baseline", "report",
)  # fmt: skip
LEVELS = ("off", *SEVERITIES)


@dataclass(frozen=True)
class RuleSetting:
    """What the configuration says of one rule: off, another severity, other params."""

    severity: str | None = None  # "off", a severity, or None: the rule's own
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    """A configuration file's settings; None and empty mean: not set (the default applies)."""

    path: Path | None = None
    lang: str | None = None  # of the report
    # of the copy, where detection is wrong: (page glob, language); "*" for the whole site
    content_lang: tuple[tuple[str, str], ...] = ()
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # glob -> role
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    max_warnings: int | None = None
    rules_paths: tuple[Path, ...] = ()
    baseline: Path | None = None
    report: Sender | None = None  # `report:` who sends the HTML report
    line_of: LineOf = field(default=lambda keys: 1, repr=False, compare=False)
    # the bundled lexicons and markup, with the lexicons in `rules_paths`
    knowledge: Knowledge = field(default_factory=load_knowledge, repr=False, compare=False)

    def error(self, keys: KeyPath, problem: str) -> ConfigError:
        """A one-line error naming this file, the line of the key, and the key."""
        where = f"{shown(self.path)}:{self.line_of(keys)}" if self.path else "config"
        return ConfigError(f"{where}: {dotted(keys)}: {problem}" if keys else f"{where}: {problem}")

    def apply_to(self, rules: list[Rule]) -> tuple[list[Rule], frozenset[str]]:
        """The rules to run, with their configured severity and params, and those turned off."""
        by_id = {rule.id: rule for rule in rules}
        for rule_id in self.rules:
            if rule_id not in by_id:
                raise self.error(("rules", rule_id), "unknown rule (see 'auditor rules')")
        configured, off = [], set()
        for rule in rules:
            setting = self.rules.get(rule.id, RuleSetting())
            if setting.severity == "off":
                off.add(rule.id)
                continue
            severity = setting.severity or rule.severity
            configured.append(replace(self._params(rule, setting.options), severity=severity))
        return configured, frozenset(off)

    def _params(self, rule: Rule, options: dict[str, Any]) -> Rule:
        """The rule with the options over its params, read into its kind's params model."""
        if not options:
            return rule
        keys: KeyPath = ("rules", rule.id, "options")
        try:
            return with_values(rule, {**rule.values, **options})
        except UnknownParam as exc:
            name = str(exc).removeprefix("params.").partition(":")[0]
            problem = f"unknown option (the rule's params: {', '.join(exc.known)})"
            raise self.error((*keys, name), problem) from None
        except ValueError as exc:
            name, _, problem = str(exc).removeprefix("params.").partition(": ")
            raise self.error((*keys, name), problem or str(exc)) from None


def find_config(start: Path) -> Path | None:
    """The first .auditor.yml, or pyproject.toml with [tool.auditor], from `start` upward; the
    search stops at the repository root (a folder with .git)."""
    folder = start.resolve()
    for here in (folder, *folder.parents):
        for name in CONFIG_FILES:
            if (here / name).is_file():
                return here / name
        pyproject = here / "pyproject.toml"
        found = pyproject.is_file() and "auditor" in (text := _text(pyproject))
        if found and read_pyproject(pyproject, text) is not None:
            return pyproject
        if (here / ".git").exists():
            return None
    return None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"{shown(path)}: cannot read the configuration: {reason}") from None


def load_config(path: Path) -> Config:
    """Read and validate a configuration file."""
    if not path.is_file():
        raise ConfigError(f"{shown(path)}: no such configuration file")
    text = _text(path)
    if path.suffix == ".toml":
        found = read_pyproject(path, text)
        if found is None:
            raise ConfigError(f"{shown(path)}: no [tool.auditor] table")
        data, line_of = found
    else:
        data, line_of = read_config_yaml(path, text)
    config = Config(path=path, line_of=line_of)
    if data is None:
        return config
    if not isinstance(data, dict):
        raise config.error((), "the configuration must be a mapping of keys to values")
    for key in data:
        if key not in KEYS:
            raise config.error((str(key),), f"unknown key (known: {', '.join(KEYS)})")
    return _Reader(config, data).read()


class _Reader:
    """Validates each key of a configuration's data into its Config."""

    def __init__(self, config: Config, data: dict[str, Any]) -> None:
        self.config = config
        self.data = data
        self.folder = config.path.parent if config.path else Path.cwd()

    def read(self) -> Config:
        c, get = self.config, self.data.get
        c.rules_paths = tuple(self._folder(n, p) for n, p in enumerate(self._texts("rules_paths")))
        if c.rules_paths:  # they may add languages: read before the languages are checked
            c.knowledge = load_knowledge(c.rules_paths)
        if get("lang") is not None:
            c.lang = self._lang(("lang",), get("lang"))
        c.content_lang = self._content_lang(get("content_lang"))
        if get("fail_on") is not None:
            c.fail_on = self._choice(("fail_on",), get("fail_on"), FAIL_ON)
        if get("max_warnings") is not None:
            c.max_warnings = self._max_warnings(get("max_warnings"))
        c.rules = {str(k): self._rule(str(k), v) for k, v in self._mapping("rules").items()}
        c.pages = {
            str(k): self._choice(("pages", str(k)), v, ROLES)
            for k, v in self._mapping("pages").items()
        }
        c.ignore = self._texts("ignore")
        if (baseline := get("baseline")) is not None:
            if not isinstance(baseline, str) or not baseline:
                raise c.error(("baseline",), "must be the path of a baseline file")
            c.baseline = self.folder / baseline
        if (report := get("report")) is not None:
            c.report = read_sender(report, self.folder, c.error)
        return c

    def _lang(self, keys: KeyPath, value: Any) -> str:
        languages = self.config.knowledge.languages
        if value not in languages:
            raise self.config.error(keys, f"must be one of {', '.join(languages)}")
        return str(value)

    def _content_lang(self, value: Any) -> tuple[tuple[str, str], ...]:
        """A language for every page, or page globs -> languages (the first match wins)."""
        if value is None:
            return ()
        if isinstance(value, str):
            return ((EVERY_PAGE, self._lang(("content_lang",), value)),)
        if not isinstance(value, dict):
            languages = ", ".join(self.config.knowledge.languages)
            raise self.config.error(
                ("content_lang",), f"must be a language ({languages}) or a mapping of page globs"
                " to languages"
            )  # fmt: skip
        for glob in value:
            if not isinstance(glob, str) or not glob:
                raise self.config.error(("content_lang", str(glob)), "must be a page glob")
        return tuple((glob, self._lang(("content_lang", glob), v)) for glob, v in value.items())

    def _choice(self, keys: KeyPath, value: Any, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise self.config.error(keys, f"{value!r} is not one of {', '.join(choices)}")
        return str(value)

    def _max_warnings(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.config.error(("max_warnings",), "must be a whole number, 0 or more")
        return value

    def _mapping(self, key: str) -> dict[Any, Any]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.config.error((key,), "must be a mapping")
        return value

    def _texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise self.config.error((key,), "must be a list of texts")
        for n, item in enumerate(items):
            if not isinstance(item, str) or not item:
                raise self.config.error((key, n), "must be a text")
        return tuple(items)

    def _folder(self, n: int, path: str) -> Path:
        folder = self.folder / path
        if not folder.is_dir():
            raise self.config.error(("rules_paths", n), f"no such folder: {shown(folder)}")
        return folder

    def _rule(self, rule_id: str, value: Any) -> RuleSetting:
        keys: KeyPath = ("rules", rule_id)
        if isinstance(value, str):
            return RuleSetting(self._choice(keys, value, LEVELS))
        if not isinstance(value, dict):
            raise self.config.error(keys, f"must be one of {', '.join(LEVELS)}, or a mapping")
        for key in value:
            if key not in ("severity", "options"):
                raise self.config.error((*keys, key), "unknown key (known: severity, options)")
        severity = value.get("severity")
        if severity is not None:
            severity = self._choice((*keys, "severity"), severity, LEVELS)
        options = value.get("options") or {}
        if not isinstance(options, dict):
            raise self.config.error((*keys, "options"), "must be a mapping of param to value")
        return RuleSetting(severity, {str(k): v for k, v in options.items()})

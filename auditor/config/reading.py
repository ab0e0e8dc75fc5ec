"""Read a configuration file (.auditor.yml, or [tool.auditor] in pyproject.toml) with the line of
every key, so that errors can name the file, the line and the key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from auditor.core.errors import InputError
from auditor.core.paths import shown
from auditor.core.yamlfile import YamlProblem, read_yaml

KeyPath = tuple[str | int, ...]
LineOf = Callable[[KeyPath], int]


class ConfigError(InputError):
    """The configuration is wrong (one line: file, line, key and problem)."""


def dotted(keys: KeyPath) -> str:
    """rules.x.options[2] for ("rules", "x", "options", 2)."""
    text = ""
    for key in keys:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


class _Loader(yaml.SafeLoader):
    """YAML with only true and false as booleans: `off`, `no` and `on` stay words."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_config_yaml(path: Path, text: str) -> tuple[Any, LineOf]:
    """The data of a YAML configuration and the line of its keys (the file as a whole: line 1);
    a duplicate key is an error."""
    try:
        doc = read_yaml(Path(shown(path)), _Loader, text)
    except YamlProblem as exc:
        if (error := exc.parser_error) is None:  # aliases, nesting: said as the reader says it
            raise ConfigError(str(exc)) from None
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None)
        raise ConfigError(f"{shown(path)}{where}: not valid YAML ({problem})") from None
    if doc.duplicate is not None:
        keys, line = doc.duplicate
        raise ConfigError(f"{shown(path)}:{line}: {dotted(keys)}: duplicate key")
    return doc.data, _line_of({key: line for key, line in doc.lines.items() if key})


def _line_of(lines: dict[KeyPath, int]) -> LineOf:
    def line_of(keys: KeyPath) -> int:
        while keys and keys not in lines:
            keys = keys[:-1]
        return lines.get(keys, 1)

    return line_of


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _table(header: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in header.split("."))


def read_pyproject(path: Path, text: str) -> tuple[Any, LineOf] | None:
    """The [tool.auditor] table and its key lines, or None when there is none."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            f"{shown(path)}:{line[1] if line else 1}: not valid TOML ({str(exc).split(' (')[0]})"
        ) from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "auditor" not in tool:
        return None
    return tool["auditor"], _toml_line_of(text.splitlines())


def _has_keys(line: str, keys: tuple[str, ...]) -> bool:
    """The line sets the last key, under the others (dotted keys or an inline table)."""
    for n, key in enumerate(keys):
        after = r"\s*=" if n == len(keys) - 1 else r"\s*[=.]"
        if not re.search(rf"(?:^|[\s{{,.])[\"']?{re.escape(key)}[\"']?{after}", line):
            return False
    return True


def _toml_line_of(source: list[str]) -> LineOf:
    """The line of a key in [tool.auditor]: tomllib keeps no positions, so find it in the text."""
    tables: list[tuple[str, ...]] = []
    table: tuple[str, ...] = ()
    for line in source:
        if header := _HEADER.match(line):
            table = _table(header[1])
        tables.append(table)

    def line_of(keys: KeyPath) -> int:
        names = tuple(k for k in keys if isinstance(k, str))
        best, best_depth = None, -1
        for n, line in enumerate(source):
            table = tables[n]
            if table[:2] != ("tool", "auditor"):
                continue
            inside = table[2:]
            if _HEADER.match(line):
                if inside == names:
                    return n + 1
                if best is None and not inside:
                    best = n + 1  # the [tool.auditor] header, when nothing better is found
                continue
            if names[: len(inside)] != inside or len(inside) >= len(names):
                continue
            if _has_keys(line, names[len(inside) :]) and len(inside) > best_depth:
                best, best_depth = n + 1, len(inside)
        return best or 1

    return line_of

"""Read a YAML file together with the line of each value, so errors can point at the line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Key = tuple[str | int, ...]  # where a value sits: mapping keys and list indexes from the top
# libyaml's parser where PyYAML was built with it: ten times faster than the pure-Python
# loaders, with the same data and lines (BASE_LOADER keeps every value a string)
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BASE_LOADER: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MAX_ALIASED = 10_000  # the most values aliases may add to a file (a "billion laughs" adds 10**9)


class YamlProblem(Exception):
    """The file cannot be read as YAML (one line: file, line and problem); `parser_error`: the
    parser's own error, when the text is not YAML."""

    def __init__(self, message: str, parser_error: yaml.YAMLError | None = None) -> None:
        super().__init__(message)
        self.parser_error = parser_error


class Invalid(Exception):
    """A value in a YAML file that breaks its schema, already phrased as `file:line: problem`."""


def key_name(key: Key) -> str:
    """A key as the user reads it: "params.ratio"."""
    return ".".join(str(part) for part in key)


@dataclass
class YamlFile:
    """A YAML file's data, the line (1-based) each value starts on, and the first key (in the
    file's order) that a mapping has twice with the line of its second one, if any (YAML keeps
    the last value)."""

    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    duplicate: tuple[Key, int] | None = None

    def line(self, key: Key = ()) -> int:
        """The line of the value at `key`, or of the nearest enclosing value known."""
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)

    def where(self, key: Key = ()) -> str:
        """`path:line` of the value at `key`, or of the nearest enclosing value known."""
        return f"{self.path}:{self.line(key)}"

    def invalid(self, key: Key, problem: str) -> Invalid:
        """The problem of the value at `key`, with its file and line."""
        return Invalid(f"{self.where(key)}: {problem}")


def read_yaml(path: Path, loader: type = SAFE_LOADER, text: str | None = None) -> YamlFile:
    """Parse `path` (or `text`, read from it already) with `loader`; YamlProblem names the line
    and the problem if it is not YAML. The one YAML reader of configuration, rules and lexicons."""
    if text is None:
        text = _read_text(path)
    parser = loader(text)
    try:
        node = parser.get_single_node()
        if problem := alias_problem(node):
            raise YamlProblem(f"{path}: {problem}")
        data = parser.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None)
        detail = f": {problem}" if problem else ""
        raise YamlProblem(f"{path}{where}: not valid YAML{detail}", exc) from None
    except RecursionError:
        raise YamlProblem(f"{path}: not valid YAML: nested too deeply") from None
    finally:
        parser.dispose()
    if node is None:
        return YamlFile(path, data)
    return YamlFile(path, data, *_lines(node))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlProblem(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise YamlProblem(f"{path}: cannot read: {exc.strerror or exc}") from None


def alias_problem(root: yaml.Node | None) -> str | None:
    """Why the document under `root` cannot be read safely: aliases that would expand it by more
    than MAX_ALIASED values, or an alias inside the value it names; None when it can."""
    sizes: dict[int, int] = {}  # how many values each node stands for, aliases expanded
    open_nodes: set[int] = set()  # the nodes above the one being looked at
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            open_nodes.discard(id(node))
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            return "an alias contains itself"
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    if root is not None and sizes[id(root)] > len(sizes) + MAX_ALIASED:
        return f"aliases would expand to over {MAX_ALIASED:,} values"
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _lines(root: yaml.Node) -> tuple[dict[Key, int], tuple[Key, int] | None]:
    """The start line of every value under `root` (an entry's line is its key's; a key set twice
    keeps its first line), and the first key, in the file's order, that its mapping has twice
    with the line of the second.
    Aliases are walked into: alias_problem has bounded what they add."""
    lines: dict[Key, int] = {}
    duplicate: tuple[Key, int] | None = None
    stack: list[tuple[Key, yaml.Node, int, bool]] = [((), root, root.start_mark.line + 1, False)]
    while stack:
        key, node, line, twice = stack.pop()
        if twice and duplicate is None:
            duplicate = key, line
        lines.setdefault(key, line)
        entries: list[tuple[Key, yaml.Node, int, bool]] = []
        if isinstance(node, yaml.MappingNode):
            names: set[str] = set()
            for name, value in node.value:
                entry = (*key, str(name.value))
                entries.append((entry, value, name.start_mark.line + 1, entry[-1] in names))
                names.add(entry[-1])
        elif isinstance(node, yaml.SequenceNode):
            entries = [
                ((*key, n), v, v.start_mark.line + 1, False) for n, v in enumerate(node.value)
            ]
        stack.extend(reversed(entries))  # popped in the file's order
    return lines, duplicate

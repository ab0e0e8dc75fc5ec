"""The package's shape: folders in pipeline order, imports only downwards, no circle, small
modules (issue 16). Read from the source with `ast`, so a lazy import inside a function and an
import for type checking count as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import auditor

PACKAGE = Path(auditor.__file__).resolve().parent
# lowest first: a module may import from its own layer and the layers before it
LAYERS = (
    ("core",),
    ("lexicons",),
    ("sources",),
    ("page",),
    ("site",),
    ("checks",),
    ("audit",),
    ("reporters",),
    ("config",),
    ("cli", "serve", "evaluate"),
)
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The auditor modules `name` imports, wherever in the file."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)  # a module imported by name (importlib), as the cli's commands
    return {m for m in found if m in MODULES and m != name and m != "auditor"}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # auditor itself, auditor.__main__: the top
    folder = parts[1]
    return next((i for i, names in enumerate(LAYERS) if folder in names), None)


def test_every_module_is_in_a_layer() -> None:
    loose = [m for m in MODULES if m.count(".") >= 1 and _layer(m) is None
             and m != "auditor.__main__"]  # fmt: skip
    assert not loose, f"modules outside the pipeline's folders: {loose}"


def test_imports_go_down_the_pipeline_only() -> None:
    upward = [
        f"{m} ({LAYERS[_layer(m)][0]}) imports {d} ({LAYERS[_layer(d)][0]})"
        for m, deps in GRAPH.items() if _layer(m) is not None
        for d in sorted(deps) if _layer(d) is not None and _layer(d) > _layer(m)
    ]  # fmt: skip
    assert not upward, "\n".join(upward)


def test_no_import_circle() -> None:
    """Tarjan's strongly connected components: any with two or more modules is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in GRAPH[node]:
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    assert not circles, circles


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_small(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(PACKAGE.parent)}: {lines} lines"


def test_the_layer_test_sees_a_violation() -> None:
    """The graph is read right: the engine imports the site model, never the other way."""
    assert "auditor.site.build" in GRAPH["auditor.audit.engine"]
    assert _layer("auditor.audit.engine") > _layer("auditor.site.build")
    assert "auditor.cli.check" in GRAPH["auditor.cli.main"]  # imported by name when used

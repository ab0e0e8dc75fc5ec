"""YAML files a user or a stranger wrote: aliases that expand without end, nesting without end.

Each runs the command line in a subprocess with a time limit, so that a regression fails
instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_site
from helpers import make_repo

# 478 bytes that expand to 9**9 (387 million) values: the "billion laughs"
BOMB = "".join(
    f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join([f'*{chr(96 + n)}'] * 9) if n else 'x, x, x, x'}]\n"
    for n in range(10)
)
ALIASES = "aliases would expand to over 10,000 values"


def auditor(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def one_line(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert result.returncode == code, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert len(lines[0]) < 300
    return lines[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "repo")
    write_site(repo / "site", {"/": "<html lang='en'><h1>Hi</h1><p>Coaching</p></html>"})
    return repo


def test_an_alias_bomb_in_the_config(repo: Path) -> None:
    (repo / ".auditor.yml").write_text(BOMB, encoding="utf-8")
    assert one_line(auditor(repo, "check", "site")) == f"auditor: .auditor.yml: {ALIASES}"


def test_an_alias_bomb_in_a_rule_file(repo: Path) -> None:
    (repo / "mine").mkdir()
    (repo / "mine" / "bomb.yml").write_text(BOMB + "id: *j\n", encoding="utf-8")
    (repo / ".auditor.yml").write_text("rules_paths: [mine]\n", encoding="utf-8")
    line = one_line(auditor(repo, "check", "site"))
    assert line.startswith("auditor: ") and line.endswith(f"bomb.yml: {ALIASES}"), line


def test_an_alias_that_contains_itself(repo: Path) -> None:
    (repo / ".auditor.yml").write_text("ignore: &a [*a]\n", encoding="utf-8")
    line = one_line(auditor(repo, "check", "site"))
    assert line == "auditor: .auditor.yml: an alias contains itself"


def test_a_few_aliases_are_fine(repo: Path) -> None:
    globs = "\n".join(f"  - /p{n}/*" for n in range(50))
    (repo / ".auditor.yml").write_text(f"x-shared: &g\n{globs}\nignore: *g\n", encoding="utf-8")
    assert "x-shared" in one_line(auditor(repo, "check", "site"))  # an unknown key, not a bomb
    (repo / ".auditor.yml").write_text(f"ignore: &g\n{globs}\n", encoding="utf-8")
    assert auditor(repo, "check", "site").returncode in (0, 1)


def test_a_config_nested_twenty_thousand_deep(repo: Path) -> None:
    (repo / ".auditor.yml").write_text("ignore: " + "[" * 20_000 + "]" * 20_000 + "\n")
    line = one_line(auditor(repo, "check", "site"))
    assert line == "auditor: .auditor.yml: not valid YAML: nested too deeply"

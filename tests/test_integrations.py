"""The CI integrations (GitHub Action, example workflows, pre-commit hook) run real commands.

Every `auditor` command in them is run, with the inputs filled in, on the example site: it must
be a command and options that exist, and it must write the files the rest of the job reads.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO_ROOT

from auditor.cli.main import main

SITE = "examples/sites/nl-before"
ACTION = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def load(name: str) -> Any:
    return yaml.safe_load((REPO_ROOT / name).read_text(encoding="utf-8"))


def commands(script: str, env: dict[str, str]) -> Iterator[list[str]]:
    """The `auditor` command lines of a shell script, with its variables expanded."""
    for line in script.replace("\\\n", " ").splitlines():
        line = re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m[1], m[0]), line.strip())
        if line.startswith("auditor "):
            yield shlex.split(line)


def action_commands(given: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """The action's commands with these inputs, and the files its later steps read."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    assert set(given) <= set(inputs), f"not inputs of action.yml: {set(given) - set(inputs)}"
    inputs.update({name: str(value).lower() if isinstance(value, bool) else str(value)
                   for name, value in given.items()})  # fmt: skip
    for step in ACTION["runs"]["steps"]:
        condition = step.get("if", "")
        if "sarif-upload" in condition and inputs["sarif-upload"] != "true":
            continue
        if "run" in step:
            env = {k: EXPRESSION.sub(lambda m: inputs[m[1]], str(v))
                   for k, v in step.get("env", {}).items()}  # fmt: skip
            for command in commands(step["run"], env):
                yield step["name"], command
        if step.get("uses", "").startswith("github/codeql-action/upload-sarif"):
            yield "reads", [EXPRESSION.sub(lambda m: inputs[m[1]], step["with"]["sarif_file"])]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout-like folder: the example sites, nothing else; commands run from here."""
    (tmp_path / "examples").symlink_to(REPO_ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def run_all(found: list[tuple[str, list[str]]], workdir: Path) -> list[str]:
    """Run each command; return the files the job reads afterwards, which must exist."""
    assert any(command for _, command in found), "no auditor command found"
    reads = []
    for name, command in found:
        if name == "reads":
            reads.extend(command)
            continue
        assert command[0] == "auditor"
        result = CliRunner().invoke(main, command[1:])
        assert result.exit_code in (0, 1), (name, command, result.stderr)
        assert result.stderr == "", (name, command)
    for file in reads:
        assert (workdir / file).is_file(), file
    return reads


def test_the_action_with_sarif_upload(workdir: Path) -> None:
    found = list(action_commands({"target": SITE, "sarif-upload": True, "args": "--lang nl"}))
    assert [name for name, _ in found] == ["Write SARIF", "reads", "Audit the copy"]
    assert run_all(found, workdir) == ["copy-auditor.sarif"]


def test_the_action_with_its_defaults(workdir: Path) -> None:
    found = list(action_commands({"target": SITE}))
    assert [name for name, _ in found] == ["Audit the copy"]
    [(_, command)] = found
    assert command[command.index("--format") + 1] == "github"
    run_all(found, workdir)


def test_the_action_installs_itself_from_its_checkout() -> None:
    install = [s for s in ACTION["runs"]["steps"] if "pip install" in s.get("run", "")]
    assert len(install) == 1 and '"$ACTION_PATH"' in install[0]["run"]
    assert install[0]["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), "inputs go through env, never into scripts"


def test_the_github_workflow_example(workdir: Path) -> None:
    workflow = load("examples/ci/github-workflow.yml")
    found: list[tuple[str, list[str]]] = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if step.get("uses") == "./":
                assert step["with"]["target"] == SITE
                found.extend(action_commands(step["with"]))
            found.extend(("run", c) for c in commands(step.get("run", ""), {}))
    run_all(found, workdir)
    assert (workdir / "copy-audit.md").read_text(encoding="utf-8").startswith("## copy-auditor")
    audit = workflow["jobs"]["audit"]
    assert audit["permissions"]["security-events"] == "write"


def test_the_gitlab_example(workdir: Path) -> None:
    job = load("examples/ci/gitlab-ci.yml")["copy-audit"]
    found = [("script", c) for line in job["script"] for c in commands(line, {})]
    assert all(c[2] == SITE for _, c in found)
    found += [("reads", [file]) for file in job["artifacts"]["reports"].values()]
    reads = run_all(found, workdir)
    assert sorted(reads) == ["copy-audit-junit.xml", "gl-code-quality-report.json"]


def test_the_pre_commit_hook(workdir: Path) -> None:
    [hook] = load(".pre-commit-hooks.yaml")
    assert hook["pass_filenames"] is False  # the site folder comes from the user's args
    for name in ("index.html", "page.htm", "content/_index.md", "about.markdown"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "style.css")
    run_all([("entry", [*shlex.split(hook["entry"]), SITE])], workdir)


def test_a_wrong_option_in_a_command_would_fail(workdir: Path) -> None:
    """The check above can fail: a command with an option that does not exist."""
    [command] = commands("auditor check examples/sites/nl-before --fail-on often", {})
    assert CliRunner().invoke(main, command[1:]).exit_code == 2

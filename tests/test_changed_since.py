"""--changed-since: only findings on pages whose file changed since a git ref (a repo made here)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from helpers import assert_one_error_line, run, run_json

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit holds the nl-before example under public/."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "test@example.org")
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "nl-before", repo / "public")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    return repo


def pages_with_findings(report: dict[str, Any]) -> set[str]:
    return {f["path"] for f in report["findings"]}


def test_only_pages_changed_since_the_ref(repo: Path) -> None:
    site = repo / "public"
    _, everything = run_json(site)
    assert pages_with_findings(everything) >= {"index.html", "aanbod/index.html"}
    assert run_json(site, "--changed-since", "HEAD")[1]["findings"] == []
    offers = site / "aanbod" / "index.html"
    offers.write_text(offers.read_text(encoding="utf-8") + "\n<!-- edited -->\n", "utf-8")
    code, changed = run_json(site, "--changed-since", "HEAD")
    assert code == 1
    assert pages_with_findings(changed) == {"aanbod/index.html"}
    on_offers = [f for f in everything["findings"] if f["path"] == "aanbod/index.html"]
    assert changed["findings"] == on_offers  # the pricing page is still read
    assert any(f["evidence"].get("price_found_on") == "/tarieven/" for f in changed["findings"])
    assert len(changed["pages"]) == len(everything["pages"])
    git(repo, "commit", "-q", "-am", "second")
    assert run_json(site, "--changed-since", "HEAD")[1]["findings"] == []
    assert pages_with_findings(run_json(site, "--changed-since", "HEAD~1")[1]) == {
        "aanbod/index.html"
    }


def test_untracked_pages_count_as_changed(repo: Path) -> None:
    site = repo / "public"
    (site / "nieuw").mkdir()
    (site / "nieuw" / "index.html").write_text(
        '<html lang="nl"><body><h1>Nieuw</h1><p>Goedkoop <a href="mailto:x@y.nl">mail</a>'
        "</p><form><input type='email'></form></body></html>",
        encoding="utf-8",
    )
    _, report = run_json(site, "--changed-since", "HEAD")
    assert pages_with_findings(report) == {"nieuw/index.html"}


def test_a_file_target(repo: Path) -> None:
    home = repo / "public" / "index.html"
    assert run_json(home, "--changed-since", "HEAD")[1]["findings"] == []
    home.write_text(home.read_text(encoding="utf-8").replace("<h1", "\n<h1"), encoding="utf-8")
    assert pages_with_findings(run_json(home, "--changed-since", "HEAD")[1]) == {"index.html"}


def test_an_unknown_ref_is_one_error_line(repo: Path) -> None:
    for ref in ("no-such-branch", "--output=x"):
        line = assert_one_error_line(run("check", repo / "public", "--changed-since", ref))
        assert line == f"auditor: --changed-since: unknown git ref '{ref}'"


def test_outside_a_git_working_tree_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = Path(shutil.copytree(EXAMPLES / "nl-before", tmp_path / "site"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git looks no higher
    line = assert_one_error_line(run("check", site, "--changed-since", "HEAD"))
    assert line == f"auditor: --changed-since: {site} is not in a git working tree"


def test_a_url_target_is_one_error_line() -> None:
    line = assert_one_error_line(run("check", "http://127.0.0.1:9/", "--changed-since", "HEAD"))
    assert "--changed-since works on folders and files" in line

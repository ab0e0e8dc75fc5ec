"""--changed-since REF: the files of a folder target that git says changed since REF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from auditor.core.errors import InputError


class ChangedError(InputError):
    """git cannot say what changed (one line)."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, timeout=60, check=False,
            encoding="utf-8", errors="surrogateescape",
        )  # fmt: skip
    except FileNotFoundError:
        raise ChangedError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise ChangedError(f"--changed-since: git took too long in {folder}") from None


def changed_files(target: Path, ref: str) -> frozenset[str]:
    """The files under the target folder (paths relative to it, as pages have them) that differ
    from `ref`, or that git does not track yet. For a file target: relative to its folder."""
    folder = target if target.is_dir() else target.parent
    if not folder.is_dir():
        return frozenset()  # the audit says that the target is missing
    inside = _git(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise ChangedError(f"--changed-since: {folder} is not in a git working tree")
    commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if ref.startswith("-") or commit.returncode != 0:
        raise ChangedError(f"--changed-since: unknown git ref '{ref}'")
    names: set[str] = set()
    for args in (
        ("diff", "--name-only", "--relative", "-z", commit.stdout.strip(), "--"),
        ("ls-files", "--others", "--exclude-standard", "-z"),
    ):
        listed = _git(folder, *args)
        if listed.returncode != 0:
            problem = (listed.stderr.strip().splitlines() or ["failed"])[0]
            raise ChangedError(f"--changed-since: git {args[0]}: {problem}")
        names.update(name for name in listed.stdout.split("\0") if name)
    return frozenset(names)

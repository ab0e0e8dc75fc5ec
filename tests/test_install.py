"""The wheel installs into a fresh virtual environment and runs from any folder."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import CORE_RULES, EXAMPLES, REPO_ROOT

from auditor import __version__


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=180
    )


def build_wheel(out: Path) -> Path:
    """Build the wheel offline, with the build backend of the running environment."""
    pytest.importorskip(
        "hatchling", reason="building the wheel offline needs hatchling (pip install hatchling)"
    )
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "--no-index", "-w", out, REPO_ROOT,
        cwd=out,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = out.glob("copy_auditor-*.whl")
    return wheel


def fresh_venv(folder: Path) -> Path:
    """A new venv whose only extra packages are the running environment's, after its own."""
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    own = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=folder)
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(own.stdout.strip()) / "running_env_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for bundled in (
        "auditor/report.schema.json",
        "auditor/config.schema.json",
        "auditor/rules/markup.yml",
        "auditor/rules/lexicons/nl.yml",
        "auditor/rules/lexicons/en.yml",
        "auditor/reporters/templates/report.html.j2",
        "auditor/reporters/templates/report.css",
        "auditor/reporters/labels/nl.yml",
        *(f"auditor/rules/{rule}.yml" for rule in CORE_RULES),
    ):
        assert bundled in names
    assert not any(name.startswith(("tests/", "examples/")) for name in names)

    python = fresh_venv(tmp_path / "venv")
    installed = run(
        sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "--ignore-installed", wheel,
        cwd=tmp_path,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(python, "-c", "import auditor; print(auditor.__file__)", cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout

    version = run(tmp_path / "venv" / "bin" / "copy-auditor", "--version", cwd=elsewhere)
    assert version.stdout == f"copy-auditor, version {__version__}\n", version.stderr

    auditor = tmp_path / "venv" / "bin" / "auditor"
    rules = run(auditor, "rules", cwd=elsewhere)
    assert rules.returncode == 0, rules.stderr
    assert {line.split()[0] for line in rules.stdout.splitlines()} >= CORE_RULES

    check = run(auditor, "check", EXAMPLES / "nl-before", cwd=elsewhere)
    assert check.returncode == 1, check.stderr
    assert check.stderr == ""
    assert "price-next-to-offer" in check.stdout

    html = run(auditor, "check", EXAMPLES / "nl-before", "--format", "html", cwd=elsewhere)
    assert html.returncode == 1, html.stderr
    assert '<html lang="nl">' in html.stdout and "Wat je kunt verbeteren" in html.stdout

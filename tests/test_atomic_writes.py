"""A write that fails halfway (a full disk) leaves the previous report or baseline whole.

The command runs in a subprocess whose files may not grow beyond a few hundred bytes
(RLIMIT_FSIZE), as on a disk that is full.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

SITE = str(EXAMPLES / "nl-before")  # findings enough for a report and a baseline of kilobytes


def auditor(cwd: Path, *args: str, max_file: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        if max_file is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file, max_file))

    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=limit,
    )  # fmt: skip


def assert_failed_and_kept(result: subprocess.CompletedProcess[str], file: Path, old: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"auditor: cannot write {file.name}"), result.stderr
    assert file.read_text(encoding="utf-8") == old
    assert [p.name for p in file.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_report_that_cannot_be_written_keeps_the_old_one(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("the old report\n", encoding="utf-8")
    result = auditor(tmp_path, "check", SITE, "--format", "json", "-o", "report.json", max_file=300)
    assert_failed_and_kept(result, report, "the old report\n")
    assert auditor(tmp_path, "check", SITE, "--format", "json", "-o", "report.json").returncode == 1
    assert report.read_text(encoding="utf-8").startswith("{")


def test_a_baseline_that_cannot_be_written_keeps_the_old_one(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("the old baseline\n", encoding="utf-8")
    result = auditor(tmp_path, "baseline", SITE, "-o", "baseline.json", max_file=300)
    assert_failed_and_kept(result, baseline, "the old baseline\n")


def test_a_pruned_baseline_that_cannot_be_written_keeps_the_old_one(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert auditor(tmp_path, "baseline", SITE, "-o", "baseline.json").returncode == 0
    old = baseline.read_text(encoding="utf-8")
    gone = '{"fingerprint": "gone", "rule": "social-proof", "page": "/", "count": 1}'
    old = old.replace('"findings": [', f'"findings": [\n    {gone},', 1)
    baseline.write_text(old, encoding="utf-8")
    args = ("check", SITE, "--baseline", "baseline.json", "--prune-baseline", "-q")
    result = auditor(tmp_path, *args, max_file=300)
    assert_failed_and_kept(result, baseline, old)
    assert "gone" not in (auditor(tmp_path, *args), baseline.read_text(encoding="utf-8"))[1]


def test_the_new_file_keeps_the_old_ones_mode(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o640)
    auditor(tmp_path, "check", SITE, "--format", "json", "-o", "report.json")
    assert report.stat().st_mode & 0o777 == 0o640

"""A folder is read safely: no symlink out of it, no huge, binary or empty file, any file name."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli.main import main
from auditor.sources.folder import MAX_BYTES, SourceError, read_folder
from auditor.sources.raw import FetchError

HOME = b'<html lang="nl"><body><h1>Welkom op mijn website!</h1></body></html>'


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside"
    (secret / "dir").mkdir(parents=True)
    (secret / "secret.html").write_bytes(b"<p>geheim</p>")
    (secret / "dir" / "page.html").write_bytes(b"<p>ook geheim</p>")
    return secret


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path, outside: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(HOME)
    (site / "leak.html").symlink_to(outside / "secret.html")
    (site / "linked-dir").symlink_to(outside / "dir", target_is_directory=True)
    (site / "inside.html").symlink_to(site / "index.html")  # inside the folder: fine
    pages, errors = read_folder(site)
    assert [page.path for page in pages] == ["index.html", "inside.html"]
    assert errors == []


def test_large_binary_and_empty_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(HOME)
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * MAX_BYTES)
    (tmp_path / "blob.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.html").write_bytes(b"  \n")
    (tmp_path / "utf16.html").write_bytes(codecs.BOM_UTF16_LE + "<p>Één</p>".encode("utf-16-le"))
    pages, errors = read_folder(tmp_path)
    assert [page.path for page in pages] == ["index.html", "utf16.html"]
    assert errors == [
        FetchError("/big.html", "skipped: larger than 5 MB"),
        FetchError("/blob.html", "skipped: binary file"),
        FetchError("/empty.html", "skipped: empty file"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<p>" + b"x" * MAX_BYTES, "skipped: larger than 5 MB"),
        (b"\x00\x01\x02", "skipped: binary file"),
        (b"", "skipped: empty file"),
    ],
)
def test_one_file_that_cannot_be_audited_exits_3(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    with pytest.raises(SourceError, match=f": {reason}$"):
        read_folder(page)
    result = CliRunner().invoke(main, ["check", str(page)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == f"auditor: {page}: {reason}\n"


def test_a_folder_of_files_that_cannot_be_audited_says_why(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"")
    with pytest.raises(SourceError, match=r": no HTML file to audit \(/: skipped: empty file\)$"):
        read_folder(tmp_path)


def test_any_file_name_is_safe_in_the_reports(tmp_path: Path) -> None:
    """A file name with a line break, an escape or bytes that are not UTF-8."""
    (tmp_path / "index.html").write_bytes(HOME)
    odd = os.fsdecode(b"caf\xe9\n  1:1  error  forged\x1b[31m.html")
    (tmp_path / odd).write_bytes(HOME.replace(b"Welkom op mijn website!", b"Tarieven"))
    runner = CliRunner()
    text = runner.invoke(main, ["check", "--fail-on", "never", str(tmp_path)]).stdout
    assert "\x1b" not in text
    assert not any(line.lstrip().startswith("1:1  error  forged") for line in text.splitlines())
    report = json.loads(runner.invoke(main, ["check", "--format", "json", str(tmp_path)]).stdout)
    assert sorted(page["path"] for page in report["pages"]) == [
        "caf\ufffd\ufffd  1:1  error  forged\ufffd[31m.html",  # one line, nothing to obey
        "index.html",
    ]


def test_the_guards_hold_in_the_worker_processes_of_a_big_folder(
    tmp_path: Path, outside: Path
) -> None:
    """`auditor check folder/ --jobs 2` reads the files in worker processes (pagework.py)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(HOME)
    for n in range(20):  # enough pages for worker processes
        (site / f"page{n:02}.html").write_bytes(b"<h1>Pagina</h1><p>Tekst</p>")
    (site / "leak.html").symlink_to(outside / "secret.html")
    (site / "big.html").write_bytes(b"<p>" + b"x" * MAX_BYTES)
    (site / "blob.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (site / "empty.html").write_bytes(b"  \n")
    result = CliRunner().invoke(main, ["check", str(site), "--format", "json", "--jobs", "2"])
    report = json.loads(result.stdout)
    assert len(report["pages"]) == 21
    assert "/leak.html" not in {page["url"] for page in report["pages"]}
    assert [(e["page"], e["message"]) for e in report["errors"]] == [
        ("/big.html", "skipped: larger than 5 MB"),
        ("/blob.html", "skipped: binary file"),
        ("/empty.html", "skipped: empty file"),
    ]

"""A report to send: the coach's name, logo and note from the configuration's `report:` key,
validated; compact enough to print (15 findings on at most 4 A4 pages); every rule's status."""

from __future__ import annotations

import base64
import json
import re
import shutil
import struct
import zlib
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers import assert_one_error_line, make_repo, run
from jsonschema import Draft202012Validator

NOTE = "Hoi Anna,\nhier is de check van je website. Begin bij de drie punten bovenaan."


def png(width: int = 2, height: int = 2) -> bytes:
    """A small valid PNG (a blue square)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + (chunk(b"IEND", b""))
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = make_repo(tmp_path / "repo")
    shutil.copytree(EXAMPLES / "nl-before", repo / "site")
    (repo / "brand").mkdir()
    (repo / "brand" / "logo.png").write_bytes(png())
    monkeypatch.chdir(repo)
    return repo


def configure(repo: Path, report: str) -> None:
    (repo / ".auditor.yml").write_text(f"report:\n{report}", encoding="utf-8")


SENDER = "  name: Marieke de Vries\n  logo: brand/logo.png\n  note: |\n" + "".join(
    f"    {line}\n" for line in NOTE.splitlines()
)


def test_the_report_shows_who_sends_it(repo: Path) -> None:
    configure(repo, SENDER)
    html = run("check", "site", "--format", "html").stdout
    cover = html.partition('class="sheet cover"')[2].partition("</header>")[0]
    assert "Gemaakt door Marieke de Vries" in cover
    logo = base64.b64encode(png()).decode("ascii")
    assert f'<img class="logo" src="data:image/png;base64,{logo}" alt="">' in cover
    note = NOTE.replace("\n", "<br>")
    assert f'<p class="note">{note}</p>' in cover  # its line break kept
    # the formats for CI say nothing of it
    assert "Hoi Anna" not in run("check", "site", "--format", "json").stdout


def test_without_a_report_key_the_cover_is_as_before(repo: Path) -> None:
    html = run("check", "site", "--format", "html").stdout
    assert 'class="sender"' not in html and 'class="note"' not in html and "<img" not in html


@pytest.mark.parametrize(
    ("report", "problem"),
    [
        ("  logo: brand/missing.png\n", "report.logo: cannot read brand/missing.png"),
        ("  logo: brand\n", "report.logo: brand: not an image"),
        ("  sender: me\n", "report.sender: unknown key (known: name, logo, note)"),
        ("  note: [a, b]\n", "report.note: must be a text"),
        ("  name: " + "x" * 101 + "\n", "report.name: is 101 characters long; at most 100"),
        ("  - name\n", "report: must be a mapping (keys: name, logo, note)"),
    ],
)
def test_a_bad_report_key_is_one_line(repo: Path, report: str, problem: str) -> None:
    configure(repo, report)
    line = assert_one_error_line(run("check", "site", "--format", "html"))
    assert line.startswith("auditor: .auditor.yml:") and f": {problem}" in line, line


def test_a_logo_too_large_to_send(repo: Path) -> None:
    (repo / "brand" / "big.svg").write_text("<svg>" + " " * 600_000 + "</svg>", encoding="utf-8")
    configure(repo, "  logo: brand/big.svg\n")
    line = assert_one_error_line(run("check", "site"))
    assert line.endswith("brand/big.svg is 585 kB; at most 512 kB"), line


def test_the_schema_knows_the_report_key() -> None:
    schema = json.loads(files("auditor").joinpath("config.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    good = {"report": {"name": "Marieke", "logo": "logo.png", "note": NOTE}}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({"report": {"colour": "red"}}))


@pytest.mark.slow
def test_fifteen_findings_print_on_at_most_four_a4_pages(repo: Path, tmp_path: Path) -> None:
    from chromium import missing_reason, print_pdf

    if reason := missing_reason():
        pytest.skip(reason)
    configure(repo, SENDER)
    report = json.loads(run("check", "site", "--format", "json").stdout)
    assert report["summary"]["findings"] == 15
    page = tmp_path / "report.html"
    run("check", "site", "--format", "html", "--output", str(page))
    pdf = print_pdf(page, tmp_path / "report.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)  # A4
    assert 1 <= len(boxes) <= 4, f"{len(boxes)} pages"

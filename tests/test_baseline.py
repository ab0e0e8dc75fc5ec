"""The baseline: recorded findings are not reported again, through edits that move lines."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write_site
from helpers import assert_one_error_line, make_repo, run, run_json, write_rule

BASELINE = ".auditor-baseline.json"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture
def site(repo: Path) -> Path:
    return Path(shutil.copytree(EXAMPLES / "nl-before", repo / "site"))


def entries(path: str | Path = BASELINE) -> dict[str, tuple[str, str, int]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {e["fingerprint"]: (e["rule"], e["page"], e["count"]) for e in data["findings"]}


def active(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["suppression"] is None]


def test_baseline_round_trip(site: Path) -> None:
    _, before = run_json(site)
    written = run("baseline", site)
    assert written.exit_code == 0, written.output
    found = before["findings"]
    assert written.stdout == f"wrote {len(found)} findings ({len(entries())} fingerprints)" \
                             f" to {BASELINE}\n"  # fmt: skip
    counts = Counter((f["fingerprint"], f["rule"], f["page"]) for f in found)
    assert entries() == {fp: (rule, page, n) for (fp, rule, page), n in counts.items()}
    code, after = run_json(site, "--baseline", BASELINE)
    assert code == 0
    assert active(after) == []
    assert [f["suppression"] for f in after["findings"]] == [{"kind": "baseline"}] * len(found)
    assert after["summary"]["findings"] == 0
    assert after["summary"]["suppressed"] == len(found)
    assert after["summary"]["score"] == 100
    text = run("check", site, "--baseline", BASELINE).stdout
    assert f"{len(found)} suppressed, not shown ({len(found)} baseline)\n" in text
    assert text.endswith(", score 100/100\n")


def _reformat(html: str) -> str:
    """Lines added on top, every line reindented, spaces doubled: the same copy."""
    html = html.replace("\n", "\n    ").replace(" ", "  ")
    return "<!-- reformatted -->\n\n\n" + re.sub(r"(<h[12][^>]*>)", r"\1\n   ", html)


def test_an_edit_that_moves_lines_and_changes_spacing_keeps_the_baseline(site: Path) -> None:
    _, before = run_json(site)
    assert run("baseline", site).exit_code == 0
    for page in site.rglob("*.html"):
        page.write_text(_reformat(page.read_text(encoding="utf-8")), encoding="utf-8")
    code, after = run_json(site, "--baseline", BASELINE)
    lines = [(f["rule"], f["line"]) for f in before["findings"]]
    moved = [(f["rule"], f["line"]) for f in after["findings"]]
    assert sorted(lines) != sorted(moved)  # the findings are on other lines now
    assert (code, active(after)) == (0, [])
    offers = site / "aanbod" / "index.html"
    offers.write_text(offers.read_text(encoding="utf-8").replace("Vrij", "Vrijheid"), "utf-8")
    code, edited = run_json(site, "--baseline", BASELINE)
    assert code == 1
    # the offer has another name: both findings about it are new
    assert {(f["rule"], f["evidence"]["offer"]) for f in active(edited)} == {
        ("price-next-to-offer", "Coachtraject Vrijheid"),
        ("offer-has-buy-button", "Coachtraject Vrijheid"),
    }


@pytest.fixture
def cheap(repo: Path) -> Path:
    """A custom rule that flags each block saying 'cheap', and the folder of a site."""
    write_rule(repo / "rules", "no-cheap", "phrase_absent", {"phrases": ["cheap"]}, "error")
    (repo / ".auditor.yml").write_text("rules_paths: [rules]\n", encoding="utf-8")
    return repo / "site"


def cheap_site(folder: Path, *paragraphs: str) -> Path:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return write_site(folder, {"/": f'<html lang="en"><body><h1>Calm</h1>{body}</body></html>'})


def cheap_ones(report: dict[str, Any]) -> list[str]:
    return [f["excerpt"] for f in active(report) if f["rule"] == "no-cheap"]


def test_a_count_per_fingerprint(cheap: Path) -> None:
    cheap_site(cheap, "Cheap.", "Cheap.")
    assert run("baseline", cheap).exit_code == 0
    assert [n for rule, _, n in entries().values() if rule == "no-cheap"] == [2]
    assert cheap_ones(run_json(cheap, "--baseline", BASELINE)[1]) == []
    cheap_site(cheap, "Cheap.", "Cheap.", "Cheap.")
    assert cheap_ones(run_json(cheap, "--baseline", BASELINE)[1]) == ["Cheap."]


def test_prune_drops_what_no_longer_occurs(cheap: Path) -> None:
    cheap_site(cheap, "Cheap.", "Cheap.", "So cheap!")
    assert run("baseline", cheap).exit_code == 0
    before = {v for v in entries().values() if v[0] == "no-cheap"}
    assert before == {("no-cheap", "/", 2), ("no-cheap", "/", 1)}
    cheap_site(cheap, "Cheap.")
    result = run("check", cheap, "--baseline", BASELINE, "--prune-baseline")
    assert result.exit_code == 0
    total = sum(n for *_, n in entries().values())
    assert {v for v in entries().values() if v[0] == "no-cheap"} == {("no-cheap", "/", 1)}
    assert f"{BASELINE}: kept {total} of {total + 2} baselined findings" in result.stderr
    cheap_site(cheap, "Cheap.", "Cheap.")
    assert cheap_ones(run_json(cheap, "--baseline", BASELINE)[1]) == ["Cheap."]


def test_the_baseline_in_the_config(repo: Path, site: Path) -> None:
    (repo / "ci").mkdir()
    (repo / ".auditor.yml").write_text("baseline: ci/base.json\n", encoding="utf-8")
    line = assert_one_error_line(run("check", site))
    assert line.startswith("auditor: .auditor.yml:1: baseline: ci/base.json: no such baseline")
    written = run("baseline", site)
    assert written.stdout.endswith(" to ci/base.json\n")
    code, report = run_json(site)
    assert (code, active(report)) == (0, [])
    line = assert_one_error_line(run("check", site, "--baseline", "other.json"))
    assert line == "auditor: other.json: no such baseline; write one with 'auditor baseline'"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{", "cannot read the baseline: not valid JSON"),
        ('{"version": 2, "findings": []}', "not a copy-auditor baseline"),
        ('{"version": 1, "findings": [{"rule": "x"}]}', "findings[0] needs fingerprint"),
    ],
)
def test_a_broken_baseline_is_one_error_line(site: Path, content: str, expected: str) -> None:
    Path(BASELINE).write_text(content, encoding="utf-8")
    assert expected in assert_one_error_line(run("check", site, "--baseline", BASELINE))


@pytest.mark.parametrize(
    "args",
    [("--prune-baseline",), ("--prune-baseline", "--baseline", BASELINE, "--changed-since", "x")],
)
def test_prune_needs_a_baseline_and_every_page(site: Path, args: tuple[str, ...]) -> None:
    run("baseline", site)
    result = run("check", site, *args)
    assert result.exit_code == 2
    assert "Error: --prune-baseline needs" in result.stderr


def test_no_baseline_is_written_when_a_target_cannot_be_read(site: Path, repo: Path) -> None:
    result = run("baseline", site, repo / "missing")
    assert "no baseline written" in assert_one_error_line(result, code=3)
    assert not Path(BASELINE).exists()

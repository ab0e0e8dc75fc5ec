"""A finding keeps its identity when headings and copy it is not about are reworded: `auditor
diff` and the baseline see nothing fixed and nothing new. Baselines and reports written before
findings had subjects (tests/fixtures/README.md) keep matching."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write_site
from helpers import make_repo, run, run_json

FIXTURES = Path(__file__).parent / "fixtures"

# the Dutch example reworded: the h1 (still a welcome) and the other headings of the homepage,
# the copy the self-focus, jargon and sign-off findings quote, the text of both forms and the
# "mail me" link of an offer; not an offer's name, nor a heading that gives a page its role
REWORDED = {
    "index.html": [
        ("Hallo, welkom op mijn website!", "Welkom op de website van Praktijk Vrij"),
        (">Mijn verhaal<", ">Hoe het begon<"),
        (">Wat ik doe<", ">Waar ik mee help<"),
        (">Mijn nieuwsbrief<", ">Blijf op de hoogte<"),
        ("In 2019 ging het echt mis", "In 2018 liep het echt vast"),
        ("Daarna heb ik verschillende opleidingen gevolgd, onder andere",
         "Later volgde ik een aantal opleidingen, onder meer"),
        ("Ja, ik wil de nieuwsbrief van Praktijk Vrij ontvangen", "Ja, stuur mij de nieuwsbrief"),
        ("Met vriendelijke groeten,<br>Marieke", "Met vriendelijke groeten,<br>Marieke de Vries"),
    ],
    "aanbod/index.html": [("Mail me als je meer wilt weten", "Stuur me gerust een mailtje")],
    "contact/index.html": [(">Bericht<", ">Je vraag<")],
}  # fmt: skip


def reword(site: Path) -> None:
    for name, edits in REWORDED.items():
        page = site / name
        html = page.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in html, (name, old)
            html = html.replace(old, new)
        page.write_text(html, encoding="utf-8")


def by_rule(report: dict[str, Any]) -> dict[tuple[str, str], list[str]]:
    """The excerpts of the findings, by rule and page."""
    found: dict[tuple[str, str], list[str]] = {}
    for f in report["findings"]:
        found.setdefault((f["rule"], f["page"]), []).append(f["excerpt"])
    return found


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = make_repo(tmp_path / "repo")
    monkeypatch.chdir(repo)
    return Path(shutil.copytree(EXAMPLES / "nl-before", repo / "site"))


def test_rewording_headings_and_copy_keeps_every_finding(site: Path) -> None:
    assert run("check", site, "--format", "json", "-o", "old.json").exit_code == 1
    assert run("baseline", site, "-o", "base.json").exit_code == 0
    reword(site)
    assert run("check", site, "--format", "json", "-o", "new.json").exit_code == 1
    old = json.loads(Path("old.json").read_text(encoding="utf-8"))
    new = json.loads(Path("new.json").read_text(encoding="utf-8"))
    before, after = by_rule(old), by_rule(new)
    assert before.keys() == after.keys()
    # the quotes changed, the site-level findings' (they quoted the h1) among them
    for rule in ("social-proof", "homepage-hero-cta", "homepage-ideal-client"):
        assert before[rule, "/"] == ["Hallo, welkom op mijn website!"]
        assert after[rule, "/"] == ["Welkom op de website van Praktijk Vrij"]
    changed = {key for key in before if sorted(before[key]) != sorted(after[key])}
    assert len(changed) >= 8, changed

    diff = run("diff", "old.json", "new.json", "--format", "json")
    assert diff.exit_code == 0, diff.output
    data = json.loads(diff.stdout)
    assert (data["fixed"], data["new"]) == ([], [])
    assert len(data["still_open"]) == len(new["findings"]) == len(old["findings"])
    assert "0 fixed, 0 new, " in run("diff", "old.json", "new.json").stdout

    code, report = run_json(site, "--baseline", "base.json")
    assert code == 0
    assert [f for f in report["findings"] if f["suppression"] is None] == []


def test_renaming_an_offer_makes_its_findings_new(site: Path) -> None:
    assert run("baseline", site, "-o", "base.json").exit_code == 0
    offers = site / "aanbod" / "index.html"
    html = offers.read_text(encoding="utf-8")
    offers.write_text(html.replace(">Losse coachsessie<", ">Losse sessie<"), encoding="utf-8")
    code, report = run_json(site, "--baseline", "base.json")
    new = {(f["rule"], f["evidence"]["offer"]) for f in report["findings"]
           if f["suppression"] is None}  # fmt: skip
    assert (code, new) == (1, {("price-next-to-offer", "Losse sessie"),
                               ("offer-has-buy-button", "Losse sessie")})  # fmt: skip


ONE_OFFER = (
    '<html lang="nl"><body><h1>{name}</h1><p>In zes sessies leer je weer rust te vinden in je '
    "werk. We werken aan je grenzen en je energie.</p>"
    '<p><a href="mailto:info@example.nl">Mail me voor meer informatie</a></p></body></html>'
)


def test_a_page_that_is_one_offer_keeps_its_findings_when_its_h1_is_reworded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_repo(tmp_path / "repo"))
    home = '<html lang="nl"><body><h1>Rust</h1><a href="/coaching/">Coaching</a></body></html>'
    site = write_site(tmp_path / "repo" / "site", {
        "/": home, "/coaching/": ONE_OFFER.format(name="Coachtraject voor ondernemers"),
    })  # fmt: skip
    _, before = run_json(site)
    offers = {(f["rule"], f["evidence"]["offer"]) for f in before["findings"]
              if f["page"] == "/coaching/"}  # fmt: skip
    assert offers == {("price-next-to-offer", "Coachtraject voor ondernemers"),
                      ("offer-has-buy-button", "Coachtraject voor ondernemers")}  # fmt: skip
    assert run("baseline", site, "-o", "base.json").exit_code == 0
    write_site(site, {"/coaching/": ONE_OFFER.format(name="Zes sessies naar rust")})
    code, after = run_json(site, "--baseline", "base.json")
    assert (code, [f for f in after["findings"] if f["suppression"] is None]) == (0, [])
    assert {f["evidence"].get("offer") for f in after["findings"]} >= {"Zes sessies naar rust"}


def test_two_problems_of_one_form_are_two_findings(site: Path) -> None:
    _, report = run_json(site)
    form = [f for f in report["findings"] if f["rule"] == "signup-form-privacy-link"
            and f["page"] == "/"]  # fmt: skip
    assert len(form) == 2
    assert form[0]["excerpt"] == form[1]["excerpt"]
    assert form[0]["fingerprint"] != form[1]["fingerprint"]


@pytest.mark.parametrize("name", ["nl-before", "en-before"])
def test_a_baseline_written_before_subjects_still_matches(
    site: Path, tmp_path: Path, name: str
) -> None:
    target = Path(shutil.copytree(EXAMPLES / name, tmp_path / name))
    older = Path(shutil.copy(FIXTURES / f"baseline-{name}-v0.json", "base.json"))
    code, report = run_json(target, "--baseline", older)
    assert code == 0
    assert [f for f in report["findings"] if f["suppression"] is None] == []
    result = run("check", target, "--baseline", older)
    assert result.exit_code == 0
    hint = [line for line in result.stderr.splitlines() if "older copy-auditor" in line]
    assert len(hint) == 1 and "--prune-baseline" in hint[0], result.stderr
    # pruning rewrites it with today's fingerprints: it matches, and no hint is given again
    assert run("check", target, "--baseline", older, "--prune-baseline").exit_code == 0
    written = json.loads(older.read_text(encoding="utf-8"))["findings"]
    assert {e["fingerprint"] for e in written} == {f["fingerprint"] for f in report["findings"]}
    assert sum(e["count"] for e in written) == len(report["findings"])
    again = run("check", target, "--baseline", older)
    assert again.exit_code == 0 and "older copy-auditor" not in again.stderr


def test_a_report_written_before_subjects_diffs_with_a_new_one(site: Path) -> None:
    assert run("check", site, "--format", "json", "-o", "new.json").exit_code == 1
    older = FIXTURES / "report-nl-before-v0.json"
    data = json.loads(run("diff", older, "new.json", "--format", "json").stdout)
    assert (data["fixed"], data["new"]) == ([], [])
    assert len(data["still_open"]) == 15

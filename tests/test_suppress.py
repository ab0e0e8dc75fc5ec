"""Inline suppressions: comment ranges, disable-next, the attribute, unused directives, counting."""

from __future__ import annotations

import json
import time
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from conftest import write_site
from helpers import findings, make_repo, run, run_json, write_rule
from http_server import SiteServer
from jsonschema import Draft202012Validator

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.parse import parse_page
from auditor.sources.raw import RawPage

PARSING = ParseContext(load_knowledge())

INLINE = {"kind": "inline", "reason": ""}
SCHEMA = json.loads(files("auditor").joinpath("report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a custom error rule, `no-cheap`, that flags each block saying 'cheap'."""
    repo = make_repo(tmp_path / "repo")
    write_rule(repo / "rules", "no-cheap", "phrase_absent", {"phrases": ["cheap"]}, "error")
    (repo / ".auditor.yml").write_text("rules_paths: [rules]\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    return repo


def page(project: Path, body: str, head: str = "") -> Path:
    html = f'<html lang="en"><head>{head}</head><body>\n{body}\n</body></html>'
    return write_site(project / "site", {"/": html})


def cheap(report: dict[str, Any]) -> dict[str, Any]:
    """The no-cheap findings: excerpt -> suppression."""
    return {f["excerpt"]: f["suppression"] for f in findings(report, "no-cheap")}


RANGE = """<p>One cheap start.</p>
<!-- auditor-disable no-cheap -- the client insists -->
<p>Two cheap sessions.</p>
<ul><li>Three cheap items</li></ul>
<!-- auditor-enable no-cheap -->
<p>Four cheap again.</p>"""


@pytest.mark.parametrize("crawled", [False, True], ids=["folder", "url"])
def test_disable_covers_up_to_its_enable(project: Path, crawled: bool) -> None:
    site = page(project, RANGE)
    if crawled:
        with SiteServer(root=site) as server:
            _, report = run_json(server.url + "/")
    else:
        _, report = run_json(site)
    reason = {"kind": "inline", "reason": "the client insists"}
    assert cheap(report) == {
        "One cheap start.": None,
        "Two cheap sessions.": reason,
        "Three cheap items": reason,
        "Four cheap again.": None,
    }
    assert findings(report, "unused-suppression") == []


def test_disable_without_rule_covers_every_rule_to_the_end(project: Path) -> None:
    site = page(project, "<p>A cheap one.</p><!-- auditor-disable -->"
                         "<h1>Welcome to my website!</h1><p>B cheap one.</p>")  # fmt: skip
    _, report = run_json(site)
    assert cheap(report) == {"A cheap one.": None, "B cheap one.": INLINE}
    [welcome] = findings(report, "homepage-autobiographical-welcome")
    assert welcome["suppression"] == INLINE


def test_enable_ends_only_the_rule_it_names(project: Path) -> None:
    body = """<!-- auditor-disable no-cheap, homepage-autobiographical-welcome -->
<p>A cheap one.</p>
<!-- auditor-enable no-cheap -->
<h1>Welcome to my website!</h1><p>B cheap one.</p>"""
    _, report = run_json(page(project, body))
    assert cheap(report) == {"A cheap one.": INLINE, "B cheap one.": None}
    [welcome] = findings(report, "homepage-autobiographical-welcome")
    assert welcome["suppression"] == INLINE


def test_disable_next_covers_the_next_element_and_what_is_in_it(project: Path) -> None:
    body = """<!-- auditor-disable-next no-cheap -- a quote -->
<section><p>A cheap one.</p><p>B cheap one.</p></section>
<p>C cheap one.</p>
<!-- auditor-disable-next no-cheap -->

<p>D cheap one.</p><p>E cheap one.</p>"""
    _, report = run_json(page(project, body))
    assert cheap(report) == {
        "A cheap one.": {"kind": "inline", "reason": "a quote"},
        "B cheap one.": {"kind": "inline", "reason": "a quote"},
        "C cheap one.": None,
        "D cheap one.": INLINE,
        "E cheap one.": None,
    }


def test_the_attribute_covers_its_element(project: Path) -> None:
    body = """<div data-auditor-ignore="no-cheap"><p>A cheap one.</p><ul><li>B cheap one.</li></ul>
</div>
<p data-auditor-ignore="homepage-self-focus, no-cheap">C cheap one.</p>
<p data-auditor-ignore="homepage-self-focus">D cheap one.</p>
<p data-auditor-ignore="all">E cheap one.</p>"""
    _, report = run_json(page(project, body))
    assert cheap(report) == {
        "A cheap one.": INLINE,
        "B cheap one.": INLINE,
        "C cheap one.": INLINE,
        "D cheap one.": None,
        "E cheap one.": INLINE,
    }
    unused = findings(report, "unused-suppression")
    assert [(f["line"], f["excerpt"]) for f in unused] == [
        (4, 'data-auditor-ignore="homepage-self-focus, no-cheap"'),
        (5, 'data-auditor-ignore="homepage-self-focus"'),
    ]


def test_links_and_forms_are_covered_too(project: Path) -> None:
    body = """<h1>Are you stuck in your work?</h1>
<!-- auditor-disable-next homepage-hero-cta -- we answer mail -->
<a href="mailto:me@example.org">Mail me</a>
<h2>Letters</h2><form data-auditor-ignore="signup-form-privacy-link"><input type="email"></form>
<p>Or here:</p>
<form><input type="email" name="email"><button>Join</button></form>"""
    _, report = run_json(page(project, body))
    [cta] = findings(report, "homepage-hero-cta")
    assert cta["excerpt"] == "Mail me"
    assert cta["suppression"] == {"kind": "inline", "reason": "we answer mail"}
    forms = findings(report, "signup-form-privacy-link")
    assert [(f["line"], f["suppression"]) for f in forms] == [(5, INLINE), (7, None)]


def test_a_disable_above_body_covers_the_whole_page(project: Path) -> None:
    head = "<!-- auditor-disable social-proof -- no clients yet -->"
    _, report = run_json(page(project, "<p>A cheap one.</p>", head))
    [proof] = findings(report, "social-proof")
    assert proof["suppression"] == {"kind": "inline", "reason": "no clients yet"}
    assert cheap(report) == {"A cheap one.": None}


def test_directives_that_suppress_nothing_are_info_findings(project: Path) -> None:
    body = """<h1>Are you stuck in your work?</h1>
<!-- auditor-disable-next no-cheap -- old copy -->
<p>Nothing to see.</p>
<!-- auditor-disable homepage-autobiografical-welcome -->
<!-- auditor-enable homepage-self-focus -->
<!-- auditor-disabel no-cheap -->"""
    code, report = run_json(page(project, body))
    assert code == 0
    unused = findings(report, "unused-suppression")
    assert [(f["severity"], f["line"], f["path"]) for f in unused] == [
        ("info", line, "index.html") for line in (3, 5, 6, 7)
    ]
    messages = [f["message"] for f in unused]
    assert "'auditor-disable-next no-cheap -- old copy' suppresses nothing" in messages[0]
    assert "names homepage-autobiografical-welcome, but there is no such rule" in messages[1]
    assert "'auditor-enable homepage-self-focus' ends nothing" in messages[2]
    assert "'auditor-disabel no-cheap' is not an auditor directive" in messages[3]


def test_directives_for_rules_turned_off_are_not_reported(project: Path) -> None:
    site = page(project, '<p data-auditor-ignore="homepage-self-focus">Calm.</p>'
                         "<!-- auditor-disabel no-cheap -->")  # fmt: skip
    _, report = run_json(site)
    assert len(findings(report, "unused-suppression")) == 2
    config = "rules_paths: [rules]\nrules:\n  homepage-self-focus: off\n"
    (project / ".auditor.yml").write_text(config, encoding="utf-8")
    _, report = run_json(site)
    assert [f["excerpt"] for f in findings(report, "unused-suppression")] == [
        "auditor-disabel no-cheap"
    ]
    (project / ".auditor.yml").write_text(config + "  unused-suppression: off\n", "utf-8")
    _, report = run_json(site)
    assert findings(report, "unused-suppression") == []


def test_suppressed_findings_count_for_nothing_but_stay_in_the_json(project: Path) -> None:
    calm = "<h1>Are you stuck in your work?</h1><p>You sleep badly and you worry.</p>"
    clean = run("check", page(project, calm))
    flagged = run("check", page(project, calm + "<p>It is cheap.</p>"))
    assert (clean.exit_code, flagged.exit_code) == (0, 1)
    site = page(project, calm + '<p data-auditor-ignore="no-cheap">It is cheap.</p>')
    text = run("check", site)
    assert text.exit_code == 0
    assert "It is cheap" not in text.stdout
    assert "1 suppressed, not shown (1 inline)\n" in text.stdout
    assert text.stdout.splitlines()[-1] == clean.stdout.splitlines()[-1].replace(
        str(project / "site"), str(site)
    )
    _, suppressed = run_json(site)
    assert cheap(suppressed) == {"It is cheap.": INLINE}
    _, without = run_json(page(project, calm))
    assert suppressed["summary"] == {**without["summary"], "suppressed": 1}
    assert list(Draft202012Validator(SCHEMA).iter_errors(suppressed)) == []
    assert all("element" not in f for f in suppressed["findings"])


def test_the_parser_records_directives_with_lines_and_the_elements_that_start_inside() -> None:
    html = """<html><head><!-- auditor-disable a --></head><body>
<p>Before <!-- auditor-disable b --> after</p>
<p>Next <a class="btn" href="/x">Book</a></p>
<!-- auditor-enable b -->
<p>Last</p></body></html>"""
    parsed = parse_page(RawPage(url="/", content=html.encode(), path="index.html"), PARSING)
    assert [b.text for b in parsed.blocks] == ["Before after", "Next Book", "Last"]
    spans = {d.rule: (d.kind, d.line, d.spans["block"], d.spans["link"]) for d in parsed.directives}
    assert spans == {
        "a": ("disable", 1, (0, 3), (0, 1)),
        "b": ("disable", 2, (1, 2), (0, 1)),
    }


def test_many_disables_and_enables_stay_linear() -> None:
    """Each enable once looked through every open disable: 10,000 of each took a minute."""
    n = 10_000
    html = (
        "<html><body><p>x</p>"
        + "".join(f"<!-- auditor-disable r{i} -->" for i in range(n))
        + "".join(f"<!-- auditor-enable e{i} -->" for i in range(n))
        + "<!-- auditor-enable r7 --><p>y</p><!-- auditor-enable -->"
        + "</body></html>"
    )
    started = time.monotonic()
    parsed = parse_page(RawPage(url="/", content=html.encode(), path="index.html"), PARSING)
    assert time.monotonic() - started < 3
    kinds = Counter((d.kind, d.spans.get("block") if d.spans else None) for d in parsed.directives)
    assert kinds == {
        ("disable", (1, 1)): 1,  # r7, closed before the second paragraph
        ("disable", (1, 2)): n - 1,  # the others, closed by the enable of all rules
        ("enable", None): n,  # each enable of a rule with no open disable
    }


def test_disable_next_covers_an_element_the_walk_otherwise_passes_over(project: Path) -> None:
    # an element with no attributes and a name the walk has no use for is neither entered nor
    # left, unless a disable-next waits for it: then it is the element covered
    body = """<!-- auditor-disable-next no-cheap --><x-card>A cheap one.</x-card>
<p>B cheap one.</p>"""
    _, report = run_json(page(project, body))
    assert cheap(report) == {"A cheap one.": INLINE, "B cheap one.": None}

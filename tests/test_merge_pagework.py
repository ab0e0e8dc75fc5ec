"""The configuration, custom rules and inline suppressions with folders worked on page by page
(auditor/audit/pagework.py), and batches with each target's own configuration."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from helpers import findings, make_repo, run, write_rule
from test_pagework import folder  # noqa: F401  (a fixture)

from auditor.audit.engine import AuditOptions, _not_ignored, audit, make_report
from auditor.audit.report import Report
from auditor.checks.loader import load_rules
from auditor.checks.run import check_rules
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.reader import PageReader
from auditor.site.build import build_site
from auditor.sources.folder import read_folder

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup


def whole_model(target: str, options: AuditOptions) -> Report:
    """The report of the model that holds every page whole, with the same options."""
    raws, errors = _not_ignored(target, *read_folder(Path(target)), options)
    reader = PageReader(ParseContext(KNOWLEDGE, options.languages))
    site = build_site(target, raws, list(errors), reader, options.roles)
    rules = options.rules if options.rules is not None else load_rules()
    run = check_rules(site, rules, options.languages.report)
    return make_report(target, site, run, options, rules)


def audit_both(target: Path, options: AuditOptions) -> dict:
    expected = asdict(whole_model(str(target), options))
    for jobs in (1, 2):
        assert asdict(audit(str(target), AuditOptions(**{**vars(options), "jobs": jobs}))) == (
            expected
        )
    return expected


def test_a_page_the_config_makes_an_offer_is_kept_whole(folder: Path) -> None:  # noqa: F811
    report = audit_both(folder, AuditOptions(roles={"/blog/5/": "offer", "/blog/6/*": "about"}))
    roles = {p["url"]: p["role"] for p in report["pages"]}
    assert roles["/blog/5/"] == "offer" and roles["/blog/6/"] == "about"
    on_offer = {f["rule"] for f in report["findings"] if f["page"] == "/blog/5/"}
    assert {"offer-has-buy-button", "price-next-to-offer"} & on_offer


def test_ignored_pages_are_not_audited(folder: Path) -> None:  # noqa: F811
    report = audit_both(folder, AuditOptions(ignore=("/blog/*",)))
    assert not any(p["url"].startswith("/blog/") for p in report["pages"])
    assert not any(f["page"].startswith("/blog/") for f in report["findings"])


def test_a_custom_rule_reading_every_page_sees_their_copy(
    folder: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    write_rule(tmp_path / "rules", "no-busy-day", "phrase_absent", {"phrases": ["drukke dag"]})
    write_rule(tmp_path / "rules", "blog-busy", "phrase_absent",
               {"phrases": ["drukke dag"], "roles": ["blog", "other"]})  # fmt: skip
    rules = load_rules([tmp_path / "rules"])
    report = audit_both(folder, AuditOptions(rules=rules))
    for rule in ("no-busy-day", "blog-busy"):
        assert len(findings(report, rule)) == 20


def test_directives_on_pages_kept_short_still_apply(folder: Path) -> None:  # noqa: F811
    blog = folder / "blog" / "3" / "index.html"
    html = blog.read_text(encoding="utf-8")
    blog.write_text(
        html.replace("<footer>", "<footer><!-- auditor-disable signup-form-privacy-link -->"),
        encoding="utf-8",
    )
    (folder / "blog" / "4" / "index.html").write_text(
        '<html lang="nl"><body><!-- auditor-disable-next social-proof --><p>Slaap</p>'
        "</body></html>",
        encoding="utf-8",
    )
    report = audit_both(folder, AuditOptions(rules=load_rules()))
    signup = {f["page"]: f["suppression"] for f in findings(report, "signup-form-privacy-link")}
    assert signup["/blog/3/"] == {"kind": "inline", "reason": ""}
    assert signup["/blog/6/"] is None
    assert [f["page"] for f in findings(report, "unused-suppression")] == ["/blog/4/"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_audits_each_folder_with_its_own_config(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
) -> None:
    pages = list(folder.rglob("*.html"))
    strict = make_repo(tmp_path / "strict")
    (strict / ".auditor.yml").write_text("fail_on: warning\n", encoding="utf-8")
    relaxed = make_repo(tmp_path / "relaxed")
    (relaxed / ".auditor.yml").write_text(
        "rules:\n  signup-form-privacy-link: 'off'\nignore: ['/blog/1*']\n", encoding="utf-8"
    )
    for repo in (strict, relaxed):
        for file in pages:
            target = repo / "site" / file.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())
    monkeypatch.chdir(tmp_path)
    urls = tmp_path / "sites.txt"
    urls.write_text(f"{strict / 'site'}\n{relaxed / 'site'}\n", encoding="utf-8")
    result = run("check", "--urls-file", urls, "--format", "json", "-q", "--jobs", jobs)
    reports = {Path(r["target"]).parent.name: r for r in json.loads(result.stdout)}
    assert findings(reports["strict"], "signup-form-privacy-link")
    assert not findings(reports["relaxed"], "signup-form-privacy-link")
    assert not any(p["url"].startswith("/blog/1") for p in reports["relaxed"]["pages"])
    assert any(p["url"].startswith("/blog/1") for p in reports["strict"]["pages"])

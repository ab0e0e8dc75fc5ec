"""A site read from its folder and the same site crawled over HTTP give the same findings."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import EXAMPLE_SITES, EXAMPLES, META_RULES
from http_server import SiteServer

from auditor.audit.engine import audit
from auditor.audit.report import Report
from auditor.checks.loader import load_rules

RULES = frozenset(rule.id for rule in load_rules()) - META_RULES


def _audit_both(name: str) -> tuple[Report, Report]:
    folder = EXAMPLES / name
    with SiteServer(root=folder) as server:
        crawled = audit(server.url + "/")
    return audit(str(folder)), crawled


def _keys(report: Report) -> Counter[tuple[str, str]]:
    return Counter((f.rule, f.fingerprint) for f in report.findings)


@pytest.fixture(scope="module", params=EXAMPLE_SITES)
def both(request: pytest.FixtureRequest) -> tuple[str, Report, Report]:
    return request.param, *_audit_both(request.param)


def test_same_findings_from_folder_and_http(both: tuple[str, Report, Report]) -> None:
    _, folder, http = both
    assert http.errors == []
    assert len(http.pages) == len(folder.pages)
    assert _keys(http) == _keys(folder)
    assert {f.rule for f in http.findings} == {f.rule for f in folder.findings}


def test_same_page_roles(both: tuple[str, Report, Report]) -> None:
    _, folder, http = both
    assert sorted(p.role for p in http.pages) == sorted(p.role for p in folder.pages)


def test_before_sites_break_every_rule_and_after_sites_none(
    both: tuple[str, Report, Report],
) -> None:
    name, folder, http = both
    for report in (folder, http):
        flagged = {f.rule for f in report.findings}
        if name.endswith("-before"):
            assert flagged >= RULES, f"{name} misses {sorted(RULES - flagged)}"
        else:
            assert report.findings == [], f"{name} flags {sorted(flagged)}"

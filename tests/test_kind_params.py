"""Each check kind's typed params model: defaults in code, the rule's values read once, and
`roles` and `region` honoured by every kind (README: Custom rules)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from conftest import write_site

from auditor.audit.engine import AuditOptions, audit
from auditor.checks.kinds import KINDS
from auditor.checks.kinds.scope import KindParams
from auditor.checks.loader import load_rules, with_values
from auditor.checks.rule import Rule

RULES = {rule.id: rule for rule in load_rules()}

HOME = (
    '<html lang="nl"><body><nav><a href="/aanbod/">Aanbod</a></nav>'
    "<h1>Loop je vast in je werk?</h1><p>Samen vinden we de weg terug naar plezier in je werk.</p>"
    "<p>Je krijgt zes gesprekken en een plan dat past bij jouw leven.</p>"
    "<p>Je hoeft het niet alleen te doen: we kijken samen wat je nodig hebt.</p>"
    "<h2>Wat klanten zeggen</h2><p>Binnen drie maanden had ik weer plezier in mijn werk."
    " Ik sliep beter en durfde eindelijk nee te zeggen. Een aanrader!</p></body></html>"
)
OFFER = (
    '<html lang="nl"><body><h1>Aanbod</h1><h2>Coachtraject</h2><p>Zes gesprekken over je werk,'
    ' voor € 600.</p><p><a class="btn" href="https://calendly.com/x">Plan een gesprek</a></p>'
    "</body></html>"
)


def run(rule: Rule, folder: Path) -> tuple[int, str]:
    """How many findings the rule has on the site, and its status."""
    report = audit(str(folder), AuditOptions(rules=[rule]))
    status = next(s for s in report.rules if s.id == rule.id)
    return len([f for f in report.findings if f.rule == rule.id]), status.status


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_every_rule_has_its_kinds_typed_params(rule: Rule) -> None:
    model = KINDS[rule.check].params
    assert isinstance(rule.params, model)
    names = {f.name for f in fields(rule.params)}
    for name, value in rule.values.items():  # what the rule file sets, read as it is written
        assert name in names and getattr(rule.params, name) == value, name


def test_a_bundled_rules_values_are_set_in_its_rule_file_only() -> None:
    """The model of a bundled rule's kind has no defaults: values left out are an error, so a
    value is never set in two places that can drift apart."""
    with pytest.raises(ValueError, match=r"params.min_owner: missing"):
        with_values(RULES["homepage-self-focus"], {"ratio": 2})
    rule = with_values(RULES["homepage-self-focus"], {**RULES["homepage-self-focus"].values})
    assert (rule.params.min_owner, rule.params.ratio) == (5, 1.5)  # as the rule file says


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_every_kind_takes_roles(rule: Rule) -> None:
    narrowed = with_values(rule, {**rule.values, "roles": ["about"]})
    assert narrowed.params.scope.roles == {"about"}
    if isinstance(rule.params, KindParams) and not type(rule.params).ROLES_ONLY:
        assert (
            with_values(rule, {**rule.values, "region": "opening"}).params.scope.region == "opening"
        )


def test_roles_narrow_social_proof(tmp_path: Path) -> None:
    """Proof on the homepage counts; narrowed to offer pages, the homepage's is not read."""
    site = write_site(tmp_path, {"/": HOME, "/aanbod/": OFFER})
    rule = RULES["social-proof"]
    assert run(rule, site) == (0, "passed")
    assert run(with_values(rule, {**rule.values, "roles": ["home", "offer"]}), site) == (
        0, "passed",
    )  # fmt: skip
    assert run(with_values(rule, {**rule.values, "roles": ["offer"]}), site) == (1, "failed")


def test_region_narrows_social_proof(tmp_path: Path) -> None:
    """The testimonials stand below the opening: narrowed to the opening, there are none."""
    site = write_site(tmp_path, {"/": HOME})
    rule = RULES["social-proof"]
    assert run(rule, site) == (0, "passed")
    assert run(with_values(rule, {**rule.values, "region": "main"}), site) == (1, "failed")
    assert run(with_values(rule, {**rule.values, "region": "opening"}), site) == (1, "failed")


def test_a_homepage_rule_narrowed_away_from_the_homepage_is_not_checked(tmp_path: Path) -> None:
    site = write_site(tmp_path, {"/": HOME})
    rule = RULES["homepage-ideal-client"]
    assert run(rule, site)[1] == "failed"
    assert run(with_values(rule, {**rule.values, "roles": ["about"]}), site) == (0, "not_checked")


def test_region_narrows_a_homepage_rule(tmp_path: Path) -> None:
    """Self-focus counts the sentences of the region only."""
    owner = "".join(f"<p>Ik ben coach en ik werk graag {n} dagen.</p>" for n in range(6))
    page = f'<html lang="nl"><body><h1>Welkom</h1>{owner}<h2>Voor jou</h2><p>Je bent welkom.</p>'
    site = write_site(tmp_path, {"/": page + "</body></html>"})
    rule = RULES["homepage-self-focus"]
    assert run(rule, site) == (1, "failed")
    assert run(with_values(rule, {**rule.values, "region": "ending"}), site) == (0, "passed")

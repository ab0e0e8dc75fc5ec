"""Packaging: the version everywhere it is named, the bounded httpx hook, the config schema."""

from __future__ import annotations

import asyncio
import json
import re
import tomllib
from importlib.metadata import requires, version
from importlib.resources import files
from pathlib import Path

import httpx
import pytest
from conftest import REPO_ROOT
from http_server import SiteServer
from jsonschema import Draft202012Validator
from packaging.requirements import Requirement

from auditor import __version__
from auditor.checks.loader import load_rules
from auditor.config.project import KEYS, LEVELS, load_config
from auditor.config.reading import ConfigError, read_config_yaml
from auditor.config.starter import STARTER
from auditor.core.defaults import FAIL_ON
from auditor.lexicons.knowledge import load_knowledge
from auditor.site.roles import ROLES
from auditor.sources.problems import FetchProblem
from auditor.sources.transport import AddressGuard, GuardedTransport

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCHEMA = json.loads(files("auditor").joinpath("config.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def test_the_version_is_the_same_everywhere_it_is_named() -> None:
    assert PYPROJECT["project"]["version"] == __version__ == version("copy-auditor")
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(__version__)}$", changelog, re.M)
    tag = f"v{__version__}"
    assert SCHEMA["$id"].split("/")[5] == tag
    pinned = 0
    for name in ("README.md", "examples/ci/github-workflow.yml", "examples/ci/gitlab-ci.yml"):
        text = (REPO_ROOT / name).read_text(encoding="utf-8")
        for ref in re.findall(r"copy-auditor/copy-auditor@([\w.-]+)|^\s+rev: (\S+)", text, re.M):
            assert tag in ref, f"{name} uses {ref}, not the release tag {tag}"
            pinned += 1
    assert pinned >= 5  # the Action, pre-commit and pip install examples


def test_both_command_names_and_the_license() -> None:
    scripts = PYPROJECT["project"]["scripts"]
    assert scripts["auditor"] == scripts["copy-auditor"] == "auditor.cli.main:main"
    license_text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["license"] == "MIT" and license_text.startswith("MIT License")
    assert "the copy-auditor authors" in license_text


@pytest.mark.parametrize("package", ["httpx", "httpcore"])
def test_httpx_and_httpcore_are_declared_bounded_and_installed_within(package: str) -> None:
    """The transport builds on httpcore's pool and httpx's transport API: each new release of
    either is tried first."""
    [declared] = [r for r in map(Requirement, requires("copy-auditor") or []) if r.name == package]
    assert any(spec.operator == "<" for spec in declared.specifier), declared
    assert declared.specifier.contains(version(package)), (package, version(package))


def test_the_transport_uses_no_private_httpx_attribute_and_connects_through_the_guard() -> None:
    """GuardedTransport is built from httpx's and httpcore's public parts only; a request
    through it reaches nothing the guard refuses."""
    source = (REPO_ROOT / "auditor" / "sources" / "transport.py").read_text(encoding="utf-8")
    assert "._pool" not in source and "httpx._" not in source
    transport = GuardedTransport(AddressGuard())  # no target admitted: only public addresses

    async def fetch(url: str) -> int:
        async with httpx.AsyncClient(transport=transport) as client:
            return (await client.get(url)).status_code

    with SiteServer(routes={}) as srv, pytest.raises(FetchProblem, match="loopback address"):
        asyncio.run(fetch(srv.url + "/"))
    assert srv.requests == []


def test_the_schema_names_every_key_and_choice_the_config_reader_knows() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    properties = SCHEMA["properties"]
    assert set(properties) == set(KEYS)
    assert properties["lang"]["enum"] == [*sorted(load_knowledge().lexicons), None]
    one, by_glob = properties["content_lang"]["oneOf"]
    assert one["enum"] == [*sorted(load_knowledge().lexicons), None]
    assert by_glob["additionalProperties"]["enum"] == sorted(load_knowledge().lexicons)
    assert properties["fail_on"]["enum"] == [*FAIL_ON, None]
    assert properties["pages"]["additionalProperties"]["enum"] == list(ROLES)
    assert SCHEMA["$defs"]["level"]["enum"] == list(LEVELS)


CONFIGS = {
    "starter": (STARTER, True),
    "empty": ("", True),
    "full": (
        "lang: de\nfail_on: warning\nmax_warnings: 3\nbaseline: b.json\n"
        "rules:\n  social-proof: off\n  price-next-to-offer: {severity: info}\n"
        "  about-page-credentials-list:\n    severity: error\n    options: {min_items: 6}\n"
        "pages: {/wie-ben-ik/: about, /trajecten/*: offer}\nignore: /blog/*\n",
        True,
    ),
    "ignore-list": ("ignore: [/blog/*, drafts/*.html]\nrules_paths: []\n", True),
    "unknown-key": ("language: nl\n", False),
    "unknown-lang": ("lang: fr\n", False),
    "fail-on": ("fail_on: always\n", False),
    "negative-warnings": ("max_warnings: -1\n", False),
    "boolean-warnings": ("max_warnings: true\n", False),
    "level": ("rules:\n  social-proof: loud\n", False),
    "rule-key": ("rules:\n  social-proof: {level: info}\n", False),
    "rule-null": ("rules:\n  social-proof:\n", False),
    "role": ("pages: {/x: shop}\n", False),
    "empty-ignore": ("ignore: ['']\n", False),
    "ignore-mapping": ("ignore: {a: b}\n", False),
    "baseline-list": ("baseline: [a]\n", False),
    "top-list": ("- lang: nl\n", False),
    "content-lang": ("content_lang: nl\n", True),
    "content-lang-globs": ("content_lang: {/en/*: en, blog/*.html: de}\n", True),
    "content-lang-unknown": ("content_lang: fr\n", False),
    "content-lang-glob-unknown": ("content_lang: {/en/*: fr}\n", False),
    "content-lang-list": ("content_lang: [nl]\n", False),
    "content-lang-empty-glob": ("content_lang: {'': nl}\n", False),
}


@pytest.mark.parametrize(("text", "valid"), CONFIGS.values(), ids=CONFIGS.keys())
def test_the_schema_and_the_config_reader_agree(tmp_path: Path, text: str, valid: bool) -> None:
    path = tmp_path / ".auditor.yml"
    path.write_text(text, encoding="utf-8")
    data, _ = read_config_yaml(path, text)  # as the reader sees it: `off` stays a word
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert (errors == []) is valid, errors
    try:
        load_config(path).apply_to(load_rules())
    except ConfigError:
        assert not valid
    else:
        assert valid

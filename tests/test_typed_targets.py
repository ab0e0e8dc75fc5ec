"""What a coach types as a target: a bare domain, a folder holding one site, or none."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES
from http_server import SiteServer

from auditor.cli.main import main
from auditor.sources.targets import bare_url

NL_BEFORE = EXAMPLES / "nl-before"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy (nothing leaves 127.0.0.1) and no locale: messages in English unless asked."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--format", "json", "--fail-on", "never", *args])


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("www.example.nl", "https://www.example.nl/"),
        ("example.nl/over-mij", "https://example.nl/over-mij"),
        ("coach.example.co.uk:8443/praktijk/", "https://coach.example.co.uk:8443/praktijk/"),
        ("localhost:8000", "http://localhost:8000/"),
        ("127.0.0.1:8000/praktijk/", "http://127.0.0.1:8000/praktijk/"),
        ("[::1]:8000", "http://[::1]:8000/"),
        ("site.nl/index.html", "https://site.nl/index.html"),
    ],
)
def test_a_bare_domain_is_its_website_over_https_and_this_machine_over_http(
    typed: str, url: str
) -> None:
    assert bare_url(typed) == url


@pytest.mark.parametrize(
    "typed", ["about.html", "notes.md", "site", "./site.nl", "/tmp/x.nl", "http://a.nl/", "a b.nl"]
)
def test_what_is_no_bare_domain(typed: str) -> None:
    assert bare_url(typed) is None


def test_a_bare_address_and_port_is_crawled_and_said_in_one_line() -> None:
    with SiteServer(NL_BEFORE) as srv:
        typed = srv.url.removeprefix("http://") + "/over-mij/"
        result = check(typed)
    assert result.exit_code == 0, result.output
    url = f"{srv.url}/over-mij/"
    assert result.stderr == (
        f"auditor: {typed} is no file or folder here: auditing the website {url}\n"
    )
    report = json.loads(result.stdout)
    assert report["target"] == url
    assert len(report["pages"]) == 6  # the whole site, from one of its pages
    assert "/over-mij/" in srv.requests


@pytest.mark.parametrize(
    ("lang", "locale", "said"),
    [
        ("nl", None, "is hier geen bestand of map: de website"),
        (None, "de_DE.UTF-8", "ist hier weder Datei noch Ordner: geprüft wird die Website"),
        (None, "nl_BE.UTF-8", "is hier geen bestand of map"),
    ],
)
def test_the_line_is_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch, lang: str | None, locale: str | None, said: str
) -> None:
    if locale:
        monkeypatch.setenv("LANG", locale)
    with SiteServer(NL_BEFORE) as srv:
        typed = "localhost:" + srv.url.rsplit(":", 1)[1]
        result = check(typed, "--max-pages", "1", *(["--lang", lang] if lang else []))
    assert result.exit_code == 0, result.output
    assert said in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_folder_of_that_name_here_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(NL_BEFORE, tmp_path / "www.example.nl")
    monkeypatch.chdir(tmp_path)
    result = check("www.example.nl")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert len(json.loads(result.stdout)["pages"]) == 6


def test_a_folder_holding_one_site_is_that_site(tmp_path: Path) -> None:
    shutil.copytree(NL_BEFORE, tmp_path / "export" / "public_html")
    (tmp_path / "export" / "notes.txt").write_text("not a page")
    result = check(str(tmp_path / "export"))
    assert result.exit_code == 0, result.output
    site = tmp_path / "export" / "public_html"
    assert result.stderr == (
        f"auditor: {tmp_path / 'export'} has no index.html: auditing the one site in it, {site}\n"
    )
    report = json.loads(result.stdout)
    assert [page["role"] for page in report["pages"] if page["url"] == "/"] == ["home"]
    alone = json.loads(check(str(site)).stdout)
    assert [f["rule"] for f in report["findings"]] == [f["rule"] for f in alone["findings"]]


def test_a_folder_with_several_sites_says_to_point_at_one(tmp_path: Path) -> None:
    for name in ("nl-before", "nl-after"):
        shutil.copytree(EXAMPLES / name, tmp_path / "sites" / name)
    result = check(str(tmp_path / "sites"))
    assert result.exit_code == 3
    assert result.stdout == ""
    folder = tmp_path / "sites"
    assert result.stderr == (
        f"auditor: {folder} has no index.html but 2 sites in sub-folders "
        f"({folder / 'nl-after'}, {folder / 'nl-before'}): point at one of them\n"
    )


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ({"over-mij.html": "<h1>Over mij</h1>", "diensten/index.html": "<h1>x</h1>"}, "has pages"),
        ({"docs/readme.txt": "no page"}, "nor a sub-folder with one"),
    ],
    ids=["pages-without-homepage", "no-page-at-all"],
)
def test_a_folder_without_a_homepage_says_what_to_point_at(
    tmp_path: Path, files: dict[str, str], said: str
) -> None:
    for name, text in files.items():
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text(text)
    result = check(str(tmp_path / "site"))
    assert result.exit_code == 3
    assert len(result.stderr.splitlines()) == 1
    assert said in result.stderr and "point at" in result.stderr

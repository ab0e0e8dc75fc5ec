"""`auditor serve` in a real browser (headless Chromium): a coach's flow driven in the browser
(add a client, audit, see the findings, audit again after a change, compare), the client
list with its trend, a round's live progress that turns into its result, and hostile copy
that runs nothing.

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where .ci/run installs it.
To regenerate the README's screenshots of the app, run from the repository root:

    AUDITOR_SCREENSHOTS=docs/screenshots python -m pytest -q tests/test_serve_browser.py
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_pipe import Browser
from bs4 import BeautifulSoup
from chromium import CHROMIUM, FLAGS, missing_reason, profile
from conftest import write_site
from http_server import Route, SiteServer
from serve_app import App, ServeProcess
from test_serve import HOME, HOSTILE, TESTIMONIAL, assert_runs_nothing


@pytest.fixture(autouse=True)
def browser() -> None:
    reason = missing_reason()
    if reason and os.environ.get("CI"):
        pytest.fail(f"the browser tests must run in CI: {reason}")
    if reason:
        pytest.skip(reason)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    with ServeProcess(tmp_path / "clients.db") as server:
        yield App(server.url, headers={"Accept-Language": "en"})


def address(app: App, path: str) -> str:
    return str(app.http.base_url.join(path))


def chromium(url: str, *args: str) -> str:
    """Open `url` in headless Chromium (on loopback only) with `args`; what it printed."""
    with profile() as folder:
        done = subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={folder}", "--lang=en", *args, url],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dom(url: str, wait_ms: int = 0) -> BeautifulSoup:
    """The page's DOM once loaded, after `wait_ms` of its timers (its script) have run."""
    extra = [f"--virtual-time-budget={wait_ms}"] if wait_ms else []
    return BeautifulSoup(chromium(url, "--dump-dom", *extra), "html.parser")


def screenshot(url: str, png: Path, height: int = 900) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    chromium(url, f"--window-size=1100,{height}", f"--screenshot={png.resolve()}")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_clients_rounds_and_what_was_fixed_in_the_browser(app: App, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AUDITOR_SCREENSHOTS") or tmp_path / "shots")
    site = write_site(tmp_path / "marieke", {"/": HOME.format(more="")})
    marieke = app.add_client("Marieke de Vries", str(site), "Career coach, Utrecht")
    rounds = [app.start_audit(marieke)]
    assert app.wait(rounds[0]) == "done"
    write_site(site, {"/": HOME.format(more=TESTIMONIAL)})
    rounds.append(app.start_audit(marieke))
    assert app.wait(rounds[1]) == "done"
    other = write_site(tmp_path / "eva", {"/": HOSTILE})
    eva = app.add_client("Eva Jansen", str(other), "Mindset coach")
    hostile = app.start_audit(eva)
    assert app.wait(hostile) == "done"
    for path in (f"/clients/{eva}", f"/audits/{hostile}", f"/audits/{hostile}/report.html"):
        opened = dom(address(app, path), 1000)  # the hostile copy, as the browser ran it
        assert opened.title.get_text() != "pwned"
        assert_runs_nothing(str(opened))

    listed = dom(address(app, "/"), 1000)
    row = listed.find("tr", {"data-client": str(marieke)})
    assert "Marieke de Vries" in row.get_text()
    assert len(row.find("svg").find_all("circle")) == 2
    assert_runs_nothing(str(listed))
    history = dom(address(app, f"/clients/{marieke}"), 1000).find("table", class_="rounds")
    scores = [int(row.find(class_="score").get_text()) for row in history.find_all("tr")[1:]]
    assert len(scores) == 2 and scores[1] > scores[0]  # the score rose
    pair = f"/compare?old={rounds[0]}&new={rounds[1]}"
    compared = dom(address(app, pair), 1000)
    assert [a["data-rule"] for a in compared.find(id="fixed").find_all("article")] == [
        "social-proof"
    ]
    screenshot(address(app, "/"), shots / "serve-clients.png", 700)
    screenshot(address(app, pair), shots / "serve-compare.png", 1100)


def test_the_progress_view_follows_the_round_until_its_result(app: App, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": HOME.format(more='<a href="/next">Meer</a>')})
    with SiteServer(site, {"/next": Route(body=b"<p>Volgende pagina</p>", delay=1)}) as server:
        client = app.add_client("Slow site", server.url + "/")
        audit = app.start_audit(client)
        # an hour of the page's time: its polls take real time, so the round ends within it
        page = dom(address(app, f"/audits/{audit}"), 3_600_000)
    assert app.status(audit)["status"] == "done"
    # the script polled the progress and reloaded the page once the round was done
    assert page.find(id="progress") is None
    assert page.find(class_="status-done") is not None
    assert page.find("a", href=f"/audits/{audit}/report.html") is not None


ROUND_DONE = (
    "location.pathname.startsWith('/audits/') && !!document.querySelector('#status .status-done')"
)


def test_a_coach_s_two_rounds_driven_in_the_browser(app: App, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": HOME.format(more="")})
    with SiteServer(site) as server, Browser() as browser:
        browser.open(address(app, "/"))
        browser.fill("form.add input[name=name]", "Marieke de Vries")
        browser.fill("form.add input[name=target]", server.url + "/")
        browser.fill("form.add textarea[name=note]", "Sends her changes in May")
        browser.click("form.add button")
        browser.wait("location.pathname.startsWith('/clients/')")
        client = browser.run("location.pathname")
        browser.click("form[action$='/audit'] button")  # Audit now
        browser.wait(ROUND_DONE)  # the round's page followed it until its result
        first = browser.run("location.pathname")
        browser.click("a.button.primary")  # Open report
        browser.wait("location.pathname.endsWith('/report.html')")
        failed = browser.run(
            "[...document.querySelectorAll('article.card.failed')].map(a => a.dataset.rule)"
        )
        assert "social-proof" in failed  # its findings, in the report the client gets

        write_site(site, {"/": HOME.format(more=TESTIMONIAL)})  # the client adds a testimonial
        browser.open(address(app, client))
        browser.click("form[action$='/audit'] button")
        browser.wait(ROUND_DONE)
        assert browser.run("location.pathname") != first
        browser.open(address(app, client))
        scores = browser.run(
            "[...document.querySelectorAll('table.rounds .score')].map(e => +e.textContent)"
        )
        assert len(scores) == 2 and scores[1] > scores[0]  # the score rose in the history
        browser.click("a.compare-previous")
        browser.wait("location.pathname === '/compare'")
        fixed = browser.run(
            "[...document.querySelectorAll('#fixed article')].map(a => a.dataset.rule)"
        )
        assert fixed == ["social-proof"]
        assert browser.run("document.querySelectorAll('#new article').length") == 0
        assert f"{scores[0]} → {scores[1]}" in browser.text("#score-change")

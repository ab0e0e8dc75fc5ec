"""`auditor serve`: the coaches' web app, started on a free loopback port and driven over HTTP
(its browser test is test_serve_browser.py)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import write_site
from http_server import Route, SiteServer
from serve_app import App, ServeProcess, wait_for

from auditor.cli.main import main
from auditor.serve.chart import trend
from auditor.serve.store import SCHEMA_VERSION, Store, StoreError

HOME = (
    '<html lang="nl"><head><title>Marieke Loopbaancoach</title></head><body>'
    "<h1>Hallo, welkom op mijn website!</h1>"
    "<p>Mijn naam is Marieke en ik ben loopbaancoach in Utrecht.</p>"
    "<h2>Coachtraject Vrij</h2><p>Zes sessies voor € 1.250,-.</p>"
    '<a class="btn" href="https://calendly.com/x">Plan je kennismakingsgesprek</a>'
    "{more}</body></html>"
)
TESTIMONIAL = (
    '<h2>Wat klanten zeggen</h2><blockquote>"Dankzij Marieke heb ik binnen drie maanden een '
    'nieuwe baan gevonden die echt bij me past." – Sanne, Utrecht</blockquote>'
)
HOSTILE = (
    '<html lang="en"><head><title>Coach <script>window.pwned=1</script></title></head><body>'
    "<h1>Welcome to my website <img src=x onerror=\"document.title='pwned'\"></h1>"
    '<p>My name is Eve. <a href="javascript:alert(1)">Book now</a> '
    '<svg onload="alert(1)"></svg> "><script>alert(2)</script></p>'
    "<h2>Coaching</h2><p>Six sessions. <b onmouseover=alert(3)>Price on request</b></p>"
    "</body></html>"
)


@pytest.fixture
def app(tmp_path: Path):
    with ServeProcess(tmp_path / "clients.db") as server:
        yield App(server.url)


def test_a_client_audited_twice_shows_what_was_fixed_and_the_score_rise(
    app: App, tmp_path: Path
) -> None:
    site = write_site(tmp_path / "site", {"/": HOME.format(more="")})
    with SiteServer(site) as server:
        client = app.add_client("Marieke", server.url + "/", "sends changes in May")
        first = app.start_audit(client)
        assert app.wait(first) == "done"
        report = app.report(first)
        assert "social-proof" in {f["rule"] for f in report["findings"]}
        page = app.get(f"/audits/{first}").text
        assert f"/audits/{first}/report.html" in page
        write_site(site, {"/": HOME.format(more=TESTIMONIAL)})  # the client adds a testimonial
        second = app.start_audit(client)
        assert app.wait(second) == "done"
    assert app.rounds(client) == [(first, "done"), (second, "done")]
    before, after = report["summary"]["score"], app.report(second)["summary"]["score"]
    assert after > before

    compare = BeautifulSoup(app.get(f"/compare?old={first}&new={second}").text, "html.parser")
    fixed = compare.find(id="fixed")
    assert [card["data-rule"] for card in fixed.find_all("article")] == ["social-proof"]
    assert compare.find(id="new").find("article") is None
    assert f"{before} → {after}" in compare.find(id="score-change").get_text()
    listed = BeautifulSoup(app.get("/").text, "html.parser").find("tr", {"data-client": client})
    assert str(after) in listed.get_text() and "Marieke" in listed.get_text()
    assert len(listed.find("svg").find_all("circle")) == 2  # the trend: one point a round


def test_each_round_s_report_is_the_self_contained_html_file(app: App, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": HOME.format(more="")})
    client = app.add_client("Folder client", str(site))
    audit = app.start_audit(client)
    assert app.wait(audit) == "done"
    html = app.get(f"/audits/{audit}/report.html")
    assert html.text.startswith("<!DOCTYPE html>") and "<style>" in html.text
    assert "script-src" not in html.headers["content-security-policy"]  # it runs nothing
    download = app.get(f"/audits/{audit}/report.html?download=1")
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.text == html.text
    assert app.report(audit)["schema_version"] == "1"


def test_two_rounds_at_once_and_a_batch_of_five_clients(app: App, tmp_path: Path) -> None:
    pages = {f"/p{i}": f"<h1>Page {i}</h1><p>Over mij en mijn coaching.</p>" for i in range(4)}
    links = "".join(f'<a href="/p{i}">Pagina {i}</a>' for i in range(4))
    site = write_site(tmp_path / "site", {"/": HOME.format(more=links), **pages})
    slow = {f"/p{i}": Route(body=pages[f"/p{i}"].encode(), delay=0.8) for i in range(4)}
    with SiteServer(site, slow) as server:
        clients = [app.add_client(f"Client {i}", f"{server.url}/?c={i}") for i in range(5)]
        first, second = app.start_audit(clients[0]), app.start_audit(clients[1])
        assert app.status(first)["status"] == app.status(second)["status"] == "running"
        app.post("/audit-all")  # the two running ones go on; three more start
        rounds = [app.rounds(c)[-1][0] for c in clients]
        assert rounds[:2] == [first, second]
        assert [app.wait(r) for r in rounds] == ["done"] * 5
        assert server.most_at_once > 1  # they did run together
    for audit in rounds:
        report = app.report(audit)
        assert report["summary"]["pages"] == 5 and report["errors"] == []


def test_a_killed_server_leaves_the_round_incomplete_and_nothing_else_lost(tmp_path: Path) -> None:
    db = tmp_path / "clients.db"
    site = write_site(tmp_path / "site", {"/": HOME.format(more='<a href="/slow">Meer</a>')})
    with SiteServer(site, {"/slow": Route(body=b"<p>Langzaam</p>", delay=30)}) as server:
        killed = ServeProcess(db).start()
        app = App(killed.url)
        client = app.add_client("Marieke", str(site))
        done = app.start_audit(client)
        assert app.wait(done) == "done"
        url_client = app.add_client("Slow site", server.url + "/")
        running = app.start_audit(url_client)
        wait_for(lambda: "/slow" in server.requests, "the slow page to be asked for")
        assert killed.stop(signal.SIGKILL) == -signal.SIGKILL
        with ServeProcess(db) as restarted:
            again = App(restarted.url)
            assert again.status(running)["status"] == "incomplete"
            assert "server stopped" in again.get(f"/audits/{running}").text
            assert again.rounds(client) == [(done, "done")]
            assert again.report(done)["summary"]["pages"] == 1
            stopped = again.start_audit(url_client)  # Ctrl-C in the middle of a round
            wait_for(lambda: server.requests.count("/slow") >= 2, "the slow page again")
            assert restarted.stop(signal.SIGINT) == 0
    rows = sqlite3.connect(db).execute("SELECT id, status, report FROM audits ORDER BY id")
    assert [(i, s, r is not None) for i, s, r in rows] == [
        (done, "done", True), (running, "incomplete", False), (stopped, "incomplete", False),
    ]  # fmt: skip


def hostile_views(app: App, client: int, audits: list[int]) -> list[str]:
    pair = f"old={audits[0]}&new={audits[1]}"
    paths = ["/", f"/clients/{client}", *(f"/audits/{a}" for a in audits),
             *(f"/audits/{a}/report.html" for a in audits), f"/compare?{pair}",
             f"/compare.html?{pair}"]  # fmt: skip
    return [app.get(path).text for path in paths]


def assert_runs_nothing(html: str) -> None:
    """Only the app's own script may be in a page; no handler, no javascript: link."""
    dom = BeautifulSoup(html, "html.parser")
    assert [s.get("src") for s in dom.find_all("script")] in ([], ["/static/progress.js"])
    assert dom.find_all(["img", "iframe", "object", "embed"]) == []
    for tag in dom.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        href = str(tag.get("href", "")).strip().lower()
        assert not href.startswith(("javascript:", "data:")), tag


def test_hostile_copy_runs_nothing_in_any_view(app: App, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": HOSTILE})
    client = app.add_client(
        'Eve <script>alert("name")</script>', str(site), "<b onclick=x>note</b>"
    )
    audits = [app.start_audit(client)]
    assert app.wait(audits[0]) == "done"
    write_site(site, {"/": HOSTILE.replace("Six sessions", "<script>alert(4)</script>")})
    audits.append(app.start_audit(client))
    assert app.wait(audits[1]) == "done"
    assert app.report(audits[0])["findings"]  # the hostile copy was audited and is shown
    for html in hostile_views(app, client, audits):
        assert_runs_nothing(html)
    assert "Eve &lt;script&gt;" in app.get("/").text


def test_a_post_without_the_csrf_token_or_from_another_site_is_refused(app: App) -> None:
    refused = app.http.post("/clients", data={"name": "Mallory", "target": "https://x.test/"})
    assert refused.status_code == 403
    wrong = app.http.post(
        "/clients", data={"csrf": "guess", "name": "M", "target": "https://x.test/"}
    )
    assert wrong.status_code == 403
    form = {"csrf": app.csrf(), "name": "M", "target": "https://x.test/"}
    elsewhere = app.http.post("/clients", data=form, headers={"Origin": "https://evil.test"})
    assert elsewhere.status_code == 403
    assert "Mallory" not in app.get("/").text and "x.test" not in app.get("/").text
    rebound = app.http.get("/", headers={"Host": "evil.test"})  # DNS rebinding
    assert rebound.status_code == 421


def test_a_bad_client_is_not_added(app: App, tmp_path: Path) -> None:
    answer = app.http.post("/clients", data={"csrf": app.csrf(), "name": "Nora",
                                             "target": str(tmp_path / "nothing")})  # fmt: skip
    assert answer.status_code == 400 and 'role="alert"' in answer.text
    assert "data-client" not in answer.text


def test_with_a_token_every_request_needs_it(tmp_path: Path) -> None:
    with ServeProcess(tmp_path / "c.db", "--token", "s3cret-token") as server:
        assert server.url.endswith("/?token=s3cret-token")
        base = server.url.split("?")[0]
        assert httpx.get(base).status_code == 401
        assert httpx.get(base + "audits/1/progress.json").status_code == 401
        bearer = httpx.get(base, headers={"Authorization": "Bearer s3cret-token"})
        assert bearer.status_code == 200
        browser = App(base)
        assert browser.get("?token=s3cret-token").url.query == b""  # the cookie holds it now
        assert browser.get("/").status_code == 200
        assert httpx.get(base, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_another_address_without_a_token_refuses_to_start(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "serve", "--host", "0.0.0.0", "--db", str(db)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--token" in done.stderr
    assert not db.exists()


def test_export_writes_every_round_as_json_and_html(app: App, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"/": HOME.format(more="")})
    client = app.add_client("Marieke van Dam", str(site))
    for _ in range(2):
        assert app.wait(app.start_audit(client)) == "done"
    out = tmp_path / "export"
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "clients.db"), "--export", str(out)]
    )
    assert result.exit_code == 0, result.output
    folder = out / f"{client:03d}-marieke-van-dam"
    names = sorted(p.name for p in folder.iterdir())
    assert [n.split("-", 2)[:2] for n in names] == [["round", "01"]] * 2 + [["round", "02"]] * 2
    assert {Path(n).suffix for n in names} == {".json", ".html"}
    first = json.loads((folder / names[0]).with_suffix(".json").read_text(encoding="utf-8"))
    assert first["target"] == str(site) and first["summary"]["pages"] == 1


def test_the_default_database_is_in_the_user_s_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.serve.server import default_db

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db() == tmp_path / "data" / "copy-auditor" / "clients.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db() == tmp_path / ".local" / "share" / "copy-auditor" / "clients.db"


# the store on its own


def test_a_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path / "deep" / "clients.db")
    assert store.schema_version() == SCHEMA_VERSION
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    Store(store.path)  # opening it again changes nothing
    assert store.schema_version() == SCHEMA_VERSION


def test_a_database_of_a_newer_version_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "clients.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer copy-auditor"):
        Store(path)


def test_only_rounds_of_a_process_that_is_gone_become_incomplete(tmp_path: Path) -> None:
    store = Store(tmp_path / "clients.db")
    client = store.add_client("A", "https://a.test/")
    mine, other = store.begin_audit(client.id, {}), store.begin_audit(client.id, {})
    with sqlite3.connect(store.path) as db:  # `other` belongs to a live process: the parent
        db.execute("UPDATE audits SET owner_pid = ? WHERE id = ?", (os.getppid(), other))
    assert store.recover() == 1
    assert store.audit(mine).status == "incomplete"
    assert store.audit(other).status == "running"
    store.finish_audit(mine, {"summary": {"score": 1, "findings": 0, "pages": 1}}, "<p>")
    assert store.audit(mine).status == "incomplete"  # an ended round is never written again


def test_the_trend_runs_from_the_first_score_to_the_last() -> None:
    chart = trend([40, 70, 100], width=100, height=50, pad=0)
    assert [(round(x), round(y)) for x, y, _ in chart.points] == [(0, 30), (50, 15), (100, 0)]
    assert trend([55]).points[0][0] == 60  # one round: in the middle


def test_the_progress_tells_pages_read_the_page_being_read_and_errors(
    app: App, tmp_path: Path
) -> None:
    links = '<a href="/gone">Weg</a> <a href="/slow">Langzaam</a>'
    site = write_site(tmp_path / "site", {"/": HOME.format(more=links)})
    routes = {"/gone": Route(404, b"gone"), "/slow": Route(body=b"<p>Later</p>", delay=3)}
    with SiteServer(site, routes) as server:
        audit = app.start_audit(app.add_client("Marieke", server.url + "/"))
        deadline = time.monotonic() + 10
        live = app.status(audit)["live"]
        while not (live["errors"] and live["current"].endswith("/slow")):
            assert time.monotonic() < deadline, live
            time.sleep(0.05)
            live = app.status(audit)["live"]
        assert live["pages"] >= 1 and live["total"] == 20
        assert [e["page"] for e in live["errors"]] == [server.url + "/gone"]
        assert app.wait(audit) == "done"
    assert app.status(audit)["live"] is None
    assert [e["page"] for e in app.report(audit)["errors"]] == [server.url + "/gone"]


def test_the_wheel_holds_the_app_s_templates_words_and_script(tmp_path: Path) -> None:
    from test_install import build_wheel

    with zipfile.ZipFile(build_wheel(tmp_path)) as archive:
        names = set(archive.namelist())
    folder = Path(__file__).resolve().parent.parent / "auditor" / "serve"
    wanted = {f"auditor/serve/{p.relative_to(folder).as_posix()}" for p in folder.rglob("*.*")
              if "__pycache__" not in p.parts}  # fmt: skip
    assert {"auditor/serve/static/progress.js", "auditor/serve/words.yml"} <= wanted
    assert wanted <= names


def test_every_language_of_the_app_has_every_word() -> None:
    from auditor.serve.app import LANGUAGES, all_words

    def keys(words: dict, prefix: str = "") -> set[str]:
        found = set()
        for key, value in words.items():
            found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
        return found

    english = keys(all_words()["en"])
    assert set(all_words()) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert keys(all_words()[lang]) == english, lang


def test_the_app_speaks_the_browser_s_language(app: App) -> None:
    dutch = app.http.get("/", headers={"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"})
    assert '<html lang="nl">' in dutch.text and "Klant toevoegen" in dutch.text
    german = app.http.get("/", headers={"Accept-Language": "fr, de;q=0.5"})
    assert '<html lang="de">' in german.text
    assert '<html lang="en">' in app.http.get("/", headers={"Accept-Language": "fr"}).text


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "auditor", "serve", "--port", port, "--no-browser",
             "--db", str(tmp_path / "c.db")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(f"auditor: cannot listen on 127.0.0.1:{port}")
    assert done.stderr.count("\n") == 1


def test_an_older_database_is_migrated_and_keeps_its_rounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.serve import store as module

    old = Store(tmp_path / "clients.db")
    client = old.add_client("A", "https://a.test/")
    audit = old.begin_audit(client.id, {"max_pages": 20})
    later = "ALTER TABLE clients ADD COLUMN email TEXT NOT NULL DEFAULT ''"
    monkeypatch.setattr(module, "MIGRATIONS", (*module.MIGRATIONS, later))
    monkeypatch.setattr(module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    new = Store(old.path)
    assert new.schema_version() == SCHEMA_VERSION + 1
    row = sqlite3.connect(new.path).execute("SELECT name, email FROM clients").fetchone()
    assert row == ("A", "")
    assert new.audit(audit).config == {"max_pages": 20}


def test_export_without_a_database_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(
        main, ["serve", "--db", str(missing), "--export", str(tmp_path / "out")]
    )
    assert result.exit_code == 2 and "no database at" in result.output
    assert not missing.exists() and not (tmp_path / "out").exists()

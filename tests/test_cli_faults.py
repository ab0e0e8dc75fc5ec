"""`auditor check URL` against faulty servers: the report lists each bad page, the other pages'
findings stay exactly what they are, the exit code is as documented, and the run is bounded.
"""

from __future__ import annotations

import codecs
import gzip
import ipaddress
import json
import socket
import ssl
import time
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES
from http_server import Route, SiteServer
from test_crawl_faults import self_signed  # noqa: F401  (a fixture)

from auditor.audit.engine import audit
from auditor.cli.main import main
from auditor.sources import transport

NL_BEFORE = EXAMPLES / "nl-before"
PLAIN = {"Content-Type": "text/plain"}
BOMB = gzip.compress(b" " * 6_000_000)  # 6 kB that unzip to 6 MB


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def faults(url: str, closed_port: int) -> dict[str, tuple[Route | None, str]]:
    """Faulty pages, by the href the homepage links them with, and the error each must give."""
    port = urlsplit(url).port
    elsewhere = f"http://localhost:{closed_port}/"  # another site (never reached)
    chain = Route(302, headers={"Location": "/chain/1"})
    return {
        f"http://www.127.0.0.1:{port}/nodns": (None, "host not found"),
        "/slow": (Route(body=b"<p>late</p>", delay=2), "timed out after 0.5 s"),
        "/trickle": (Route(body=b"<p>" + b"x" * 5000, trickle=0.05), "timed out after 0.5 s"),
        "/limited": (Route(429, headers={"Retry-After": "3600"}), "HTTP 429 (Retry-After: 3600 s)"),
        "/busy": (Route(503), "HTTP 503"),
        "/broken": (Route(500), "HTTP 500"),
        "/gone": (Route(404), "HTTP 404"),
        "/loop": (Route(302, headers={"Location": "/loop"}), "too many redirects"),
        "/chain": (chain, "too many redirects"),
        "/away": (
            Route(302, headers={"Location": elsewhere}), f"redirects to another site: {elsewhere}"
        ),
        "/metadata": (
            Route(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
            "redirects to another site: http://169.254.169.254/latest/meta-data/",
        ),
        "/big": (Route(body=b"<p>" + b"x" * 5_000_001), "skipped: larger than 5 MB"),
        "/bomb": (
            Route(body=BOMB, headers={"Content-Encoding": "gzip"}), "skipped: larger than 5 MB"
        ),
        "/brochure.pdf": (
            Route(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
            "skipped: not HTML (application/pdf)",
        ),
        "/photo.jpg": (
            Route(body=b"\xff\xd8\xff", headers={"Content-Type": "image/jpeg"}),
            "skipped: not HTML (image/jpeg)",
        ),
        "/data.json": (
            Route(body=b"{}", headers={"Content-Type": "application/json"}),
            "skipped: not HTML (application/json)",
        ),
        "/empty": (Route(body=b""), "skipped: empty page"),
        "/private/notes": (Route(body=b"<p>private</p>"), "skipped: disallowed by robots.txt"),
    }  # fmt: skip


@pytest.fixture
def faulty_site(closed_port: int) -> Iterator[tuple[SiteServer, dict[str, str]]]:
    """nl-before, served, with every fault linked from its homepage's footer."""
    with SiteServer(root=NL_BEFORE) as srv:
        found = faults(srv.url, closed_port)
        footer = "".join(f'<a href="{href}">x</a>' for href in found).encode()
        home = (NL_BEFORE / "index.html").read_bytes()
        footer = b"<footer>" + footer + b"</footer></body>"
        srv.routes["/"] = Route(body=home.replace(b"</body>", footer))
        robots = b"User-agent: *\nDisallow: /private\n"
        srv.routes["/robots.txt"] = Route(body=robots, headers=PLAIN)
        srv.routes.update({f"/chain/{n}": Route(302, headers={"Location": f"/chain/{n + 1}"})
                           for n in range(1, 10)})  # fmt: skip
        srv.routes.update({href: route for href, (route, _) in found.items() if route})
        expected = {
            (href if href.startswith("http") else srv.url + href): reason
            for href, (_, reason) in found.items()
        }
        yield srv, expected


def test_faulty_pages_are_reported_and_the_rest_is_audited_as_ever(
    faulty_site: tuple[SiteServer, dict[str, str]],
) -> None:
    srv, expected = faulty_site
    started = time.monotonic()
    result = run("check", "--format", "json", "--timeout", "0.5", "--max-pages", "50", srv.url)
    elapsed = time.monotonic() - started
    assert_no_traceback(result)
    assert result.exit_code == 1  # nl-before has errors: the faults change nothing there
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert {e["page"]: e["message"] for e in report["errors"]} == expected
    folder = audit(str(NL_BEFORE))
    assert len(report["pages"]) == len(folder.pages)
    assert Counter((f["rule"], f["fingerprint"]) for f in report["findings"]) == Counter(
        (f.rule, f.fingerprint) for f in folder.findings
    )
    assert elapsed < 8  # retries of 500 and 503 take 1.5 s; timeouts 0.5 s each


def test_the_text_report_lists_what_was_not_audited(
    faulty_site: tuple[SiteServer, dict[str, str]],
) -> None:
    srv, expected = faulty_site
    result = run("check", "--timeout", "0.5", "--max-pages", "50", srv.url)
    assert_no_traceback(result)
    lines = [line for line in result.stdout.splitlines() if line.startswith("not audited: ")]
    assert sorted(lines) == sorted(f"not audited: {url}: {why}" for url, why in expected.items())


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(404, b"gone"), "HTTP 404"),
        (Route(body=b"<p>late</p>", delay=2), "timed out after 0.5 s"),
        (Route(429, headers={"Retry-After": "3600"}), "HTTP 429 (Retry-After: 3600 s)"),
        (Route(302, headers={"Location": "/"}), "too many redirects"),
        (Route(302, headers={"Location": "http://169.254.169.254/"}),
         "refused: 169.254.169.254 is a link-local address (--allow-private allows it)"),
        (Route(302, headers={"Location": "http://10.1.2.3/"}),
         "refused: 10.1.2.3 is a private address (--allow-private allows it)"),
        (Route(body=b""), "empty page"),
        (Route(body=b"%PDF", headers={"Content-Type": "application/pdf"}),
         "not HTML (application/pdf)"),
        (Route(body=b"x" * 5_000_001), "larger than 5 MB"),
        (Route(body=BOMB, headers={"Content-Encoding": "gzip"}), "larger than 5 MB"),
    ],
    ids=["404", "timeout", "429", "loop", "metadata", "private", "empty", "pdf", "big", "bomb"],
)  # fmt: skip
def test_a_homepage_that_cannot_be_read_exits_3(route: Route, reason: str) -> None:
    with SiteServer(routes={"/": route}) as srv:
        result = run("check", "--timeout", "0.5", srv.url + "/")
    assert_no_traceback(result)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == f"auditor: could not fetch {srv.url}/: {reason}\n"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://no-such-coach.invalid/", "host not found"),
        ("http://[::1", "ValueError: Invalid IPv6 URL"),
        ("http:///nohost", "not an http(s) URL"),
    ],
)
def test_a_start_url_that_goes_nowhere_exits_3(url: str, reason: str) -> None:
    result = run("check", "--timeout", "0.5", url)
    assert_no_traceback(result)
    assert result.exit_code == 3
    assert result.stderr == f"auditor: could not fetch {url}: {reason}\n"


@pytest.mark.parametrize(
    ("robots", "reason"),
    [
        (Route(body=b"User-agent: *\nDisallow: /\n", headers=PLAIN), "disallowed by robots.txt"),
        (Route(503), "robots.txt answered HTTP 503, which forbids every page until it answers "
                     "(--ignore-robots for your own site)"),
    ],
    ids=["disallow", "503"],
)  # fmt: skip
def test_robots_txt_that_forbids_the_homepage(robots: Route, reason: str) -> None:
    with SiteServer(root=NL_BEFORE, routes={"/robots.txt": robots}) as srv:
        refused = run("check", srv.url + "/")
        ignored = run("check", "--ignore-robots", "--format", "json", srv.url + "/")
    assert_no_traceback(refused)
    assert refused.exit_code == 3
    assert refused.stderr == f"auditor: could not fetch {srv.url}/: {reason}\n"
    assert ignored.exit_code == 1
    assert json.loads(ignored.stdout)["summary"]["pages"] == 6


def test_the_budget_bounds_the_whole_run() -> None:
    with SiteServer(root=NL_BEFORE) as srv:
        slow = "".join(f'<a href="/slow/{n}">x</a>' for n in range(12)).encode()
        home = (NL_BEFORE / "index.html").read_bytes().replace(b"</body>", slow + b"</body>")
        srv.routes["/"] = Route(body=home)
        srv.routes.update({f"/slow/{n}": Route(body=b"x" * 3000, trickle=0.2) for n in range(12)})
        started = time.monotonic()
        result = run("check", "--format", "json", "--budget", "1", "--max-pages", "30", srv.url)
        elapsed = time.monotonic() - started
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert elapsed < 3
    report = json.loads(result.stdout)
    assert {"stopped: the crawl budget of 1 s ran out"} <= {e["message"] for e in report["errors"]}
    assert report["pages"][0]["url"] == srv.url + "/"


def test_insecure_accepts_a_self_signed_certificate(self_signed: ssl.SSLContext) -> None:  # noqa: F811
    with SiteServer(root=NL_BEFORE, tls=self_signed) as srv:
        refused = run("check", srv.url + "/")
        accepted = run("check", "--insecure", "--format", "json", srv.url + "/")
    assert refused.exit_code == 3
    assert refused.stderr == (
        f"auditor: could not fetch {srv.url}/: TLS certificate not trusted: self-signed "
        "certificate (--insecure skips the check)\n"
    )
    assert accepted.exit_code == 1
    assert json.loads(accepted.stdout)["summary"]["pages"] == 6


def test_allow_private_lets_a_public_site_lead_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 plays a public site here; its homepage moved to 127.0.0.2, a loopback one."""
    kind = transport.address_kind
    public = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(transport, "address_kind", lambda ip: None if ip == public else kind(ip))
    with SiteServer(root=NL_BEFORE, host="127.0.0.2") as inside:
        moved = Route(301, headers={"Location": inside.url + "/"})
        with SiteServer(routes={"/": moved}) as srv:
            refused = run("check", srv.url + "/")
            allowed = run("check", "--allow-private", "--format", "json", srv.url + "/")
    assert refused.exit_code == 3
    assert refused.stderr.endswith(
        ": refused: 127.0.0.2 is a loopback address (--allow-private allows it)\n"
    )
    assert allowed.exit_code == 1
    assert json.loads(allowed.stdout)["pages"][0]["url"] == inside.url + "/"


WELCOME = "<h1>Welkom op mijn website! Ik ben Renée, één coach voor € 95.</h1>"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (WELCOME.encode("cp1252"), "text/html; charset=utf-8"),
        (WELCOME.encode("cp1252"), "text/html"),
        (codecs.BOM_UTF8 + WELCOME.encode(), "text/html; charset=windows-1252"),
        (('<meta charset="windows-1252">' + WELCOME).encode(), "text/html"),
        (WELCOME.encode() + b"<p>caf\xe9</p>", "text/html; charset=utf-8"),
    ],
    ids=["1252-labelled-utf8", "1252-unlabelled", "utf8-bom", "meta-disagrees", "stray-byte"],
)
def test_a_mislabelled_page_over_http_keeps_its_accents(body: bytes, content_type: str) -> None:
    page = b'<html lang="nl"><body>' + body + b"</body></html>"
    with SiteServer(routes={"/": Route(body=page, headers={"Content-Type": content_type})}) as srv:
        result = run("check", "--format", "json", srv.url + "/")
    assert_no_traceback(result)
    [welcome] = [f for f in json.loads(result.stdout)["findings"]
                 if f["rule"] == "homepage-autobiographical-welcome"]  # fmt: skip
    assert "Renée, één coach voor € 95" in welcome["excerpt"]

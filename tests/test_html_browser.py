"""The HTML reports opened in a real browser (headless Chromium): cards, findings, links, the
overview, the progress page, printing on A4, and hostile copy that must not run.

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where .ci/run installs it.
Screenshots go to a temporary folder; to regenerate the README's, run from the repository root:

    AUDITOR_SCREENSHOTS=docs/screenshots python -m pytest -q tests/test_html_browser.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from chromium import dump_dom, missing_reason, print_pdf, screenshot
from click.testing import CliRunner
from conftest import EXAMPLE_SITES, EXAMPLES, REPO_ROOT, write_site
from http_server import SiteServer

from auditor.cli.main import main

FIXED_DAY = "1795795200"  # 27 November 2026: screenshots do not change with the date
SCRIPT_RAN = "pwned"

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def browser(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = missing_reason()
    if reason and os.environ.get("CI"):
        pytest.fail(f"the browser tests must run in CI: {reason}")
    if reason:
        pytest.skip(reason)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_DAY)
    monkeypatch.chdir(REPO_ROOT)  # targets as a user types them: examples/sites/...


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: AUDITOR_SCREENSHOTS (the README's), else a temporary folder."""
    return Path(os.environ.get("AUDITOR_SCREENSHOTS") or tmp_path / "screenshots")


def auditor(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def html_file(folder: Path, name: str, *args: str) -> Path:
    out = folder / name
    auditor(*args, "--output", str(out))
    return out


def open_in_browser(page: Path) -> BeautifulSoup:
    return BeautifulSoup(dump_dom(page), "html.parser")


def json_report(target: str) -> dict:
    return json.loads(auditor("check", target, "--format", "json"))


def assert_nothing_ran(dom: BeautifulSoup, title: str) -> None:
    """The title is the report's own, and nothing was added or made active by page copy."""
    assert dom.title is not None and dom.title.get_text() == title
    assert dom.find(SCRIPT_RAN) is None and dom.find(id=SCRIPT_RAN) is None
    assert dom.find_all(["script", "img", "svg", "iframe", "object", "embed"]) == []
    for tag in dom.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        href = str(tag.get("href", ""))
        assert not href.strip().lower().startswith(("javascript:", "data:")), tag


def is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


@pytest.mark.parametrize("name", EXAMPLE_SITES)
def test_example_report(name: str, tmp_path: Path, shots: Path) -> None:
    target = f"examples/sites/{name}"
    report = json_report(target)
    page = html_file(tmp_path, f"{name}.html", "check", target, "--format", "html")
    dom = open_in_browser(page)

    assert dom.html is not None and dom.html["lang"] == name[:2]
    cards = {c["data-rule"]: c for c in dom.select("[data-verdict]")}
    # every rule the run judged, but the meta rule about directives when it found nothing
    judged = {s["id"] for s in report["rules"] if s["status"] != "off"}
    assert set(cards) == judged - ({"unused-suppression"} - {f["rule"] for f in report["findings"]})
    assert {r for r, c in cards.items() if c["data-verdict"] == "not_checked"} == {
        s["id"] for s in report["rules"] if s["status"] == "not_checked"
    }
    failed = {f["rule"] for f in report["findings"]}
    assert {r for r, c in cards.items() if c["data-verdict"] == "failed"} == failed
    for rule, card in cards.items():
        assert card.find("h3").get_text(strip=True)
        if rule in failed:
            assert card.select_one(".why").get_text(strip=True)
            assert card.select(".fix"), rule  # the fix: once per card or per finding
    findings = dom.select(".finding")
    assert len(findings) == len(report["findings"])
    by_fingerprint = {f["fingerprint"]: f for f in report["findings"]}
    for item in findings:
        finding = by_fingerprint[item["data-fingerprint"]]
        marks = item.select("mark")
        assert marks and marks[0].get_text()[:20] in finding["excerpt"] + finding["context"]
        link = item.select_one("a.page-link")
        assert link is not None and link["href"].startswith("#")
        assert dom.find(id=link["href"][1:]) is not None  # its row in the list of pages
    score = dom.select_one(".cover .num")
    assert score is not None and score.get_text() == str(report["summary"]["score"])
    rows = dom.select(".pages tbody tr")
    assert len(rows) == len(report["pages"])
    assert_nothing_ran(dom, dom.title.get_text())
    assert is_png(screenshot(page, shots / f"report-{name}.png"))


LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    '<circle cx="20" cy="20" r="18" fill="#2f6690"/>'
    '<text x="20" y="26" font-family="Georgia" font-size="16" fill="#fff" '
    'text-anchor="middle">MV</text>'
    '<text x="46" y="26" font-family="Georgia" font-size="15" fill="#1d2430">copy coach</text>'
    "</svg>"
)


def test_a_report_to_send(tmp_path: Path, shots: Path) -> None:
    """The coach's name, logo and note on the cover (the logo shows under the page's CSP)."""
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    config = tmp_path / "auditor.yml"
    config.write_text(
        "report:\n  name: Marieke de Vries\n  logo: logo.svg\n  note: |\n"
        "    Hi Sarah, here is the check of your website I promised.\n"
        "    Start with the three points under 'Start here'; I'll call you on Friday.\n",
        encoding="utf-8",
    )
    target = "examples/sites/en-before"
    args = ("check", target, "--format", "html", "--config", str(config))
    page = html_file(tmp_path, "sent.html", *args)
    dom = open_in_browser(page)
    cover = dom.select_one(".cover")
    assert cover is not None and "Prepared by Marieke de Vries" in cover.get_text()
    logo = cover.select_one("img.logo")
    assert logo is not None and logo["src"].startswith("data:image/svg+xml;base64,")
    assert "I'll call you on Friday" in cover.select_one(".note").get_text()
    assert len(dom.select(".start-item")) == 3
    assert len(dom.select(".shop .offer-row")) == len(json_report(target)["shop_window"])
    assert is_png(screenshot(page, shots / "report-to-send.png", height=1400))


def test_hostile_copy_runs_nothing(tmp_path: Path) -> None:
    script = (
        f"document.title='{SCRIPT_RAN}';"
        f"document.body.append(document.createElement('{SCRIPT_RAN}'))"
    )
    site = write_site(tmp_path / "hostile", {
        "/": (
            "<html lang='en'><head><title>&lt;/title&gt;&lt;script&gt;" + script + "&lt;/script&gt;"
            "</title></head><body><nav><a href='/services/'>Services</a></nav>"
            f"<h1>Welcome to my website! &lt;script&gt;{script}&lt;/script&gt;</h1>"
            f"<p>My name is Eve &lt;img src=x onerror=\"{script}\"&gt; &lt;svg onload=alert(1)&gt;"
            " &amp;lt;b&amp;gt; &lt;b &amp &#xZZ; &#99999999; &lt;!-- x --&gt;</p>"
            "<p>Warm regards, &lt;a href=\"javascript:alert(1)\"&gt;Eve&lt;/a&gt;</p></body></html>"
        ),
        "/services/": (
            "<html lang='en'><head><title>Services</title></head><body><h1>Services</h1>"
            f"<h2>Coaching &lt;script&gt;{script}&lt;/script&gt;</h2><p>Six sessions.</p>"
            f"<p><a href=\"javascript:{script}\">Email me &lt;img src=x onerror=alert(1)&gt;</a>"
            "</p></body></html>"
        ),
    })  # fmt: skip
    page = html_file(tmp_path, "hostile.html", "check", str(site), "--format", "html")
    dom = open_in_browser(page)
    assert_nothing_ran(dom, f"</title><script>{script}</script> · Website copy report")
    text = dom.get_text()
    assert f"<script>{script}</script>" in text  # shown as the copy it is
    assert '<img src=x onerror="' in text and "&lt;b&gt;" in text


def test_hostile_json_in_the_progress_page(tmp_path: Path) -> None:
    """Reports are files anyone can edit: URLs that are not http(s) never become links."""
    report = json_report("examples/sites/en-before")
    for finding in report["findings"]:
        finding["page"] = "javascript:document.title='pwned'"
        finding["excerpt"] = "<script>document.title='pwned'</script>"
    report["target"] = "javascript:document.title='pwned'"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(report), encoding="utf-8")
    new = tmp_path / "new.json"
    new.write_text(json.dumps({**report, "findings": []}), encoding="utf-8")
    page = html_file(tmp_path, "progress.html", "diff", str(old), str(new), "--format", "html")
    dom = open_in_browser(page)
    assert_nothing_ran(dom, "Clear Path Coaching · Progress report")
    assert "javascript:document.title='pwned'" in dom.get_text()
    assert len(dom.select(".changes-fixed .finding")) == len(report["findings"])


def test_crawled_site_links_to_its_pages(tmp_path: Path) -> None:
    with SiteServer(EXAMPLES / "en-before") as server:
        page = html_file(tmp_path, "live.html", "check", server.url + "/", "--format", "html")
    dom = open_in_browser(page)
    links = [a["href"] for a in dom.select("a.page-link")]
    assert links and all(h.startswith(server.url + "/") for h in links)
    assert {a["href"] for a in dom.select(".pages a")} >= set(links)
    target = dom.select_one(".cover .meta a")
    assert target is not None and target["href"] == server.url + "/"


def test_overview_of_many_sites(tmp_path: Path, shots: Path) -> None:
    targets = [f"examples/sites/{name}" for name in EXAMPLE_SITES]
    scores = {t: json_report(t)["summary"]["score"] for t in targets}
    page = html_file(tmp_path, "overview.html", "check", *targets, "--format", "html")
    dom = open_in_browser(page)

    rows = dom.select("table.grid tbody tr")
    shown = [
        (r.select_one("small").get_text(), int(r.select_one(".pill").get_text())) for r in rows
    ]
    assert sorted(shown, key=lambda s: s[1]) == shown  # most to gain first
    assert dict(shown) == scores
    for row in rows:
        link = row.select_one("th a")
        section = dom.find(id=link["href"][1:])
        assert isinstance(section, Tag) and section.name == "article"
        assert section.select_one("h1").get_text() == link.get_text()
        verdicts = {c["data-rule"]: c["data-verdict"] for c in row.select("td.verdict")}
        in_section = {c["data-rule"]: c["data-verdict"] for c in section.select("[data-verdict]")}
        assert verdicts == in_section
    assert {s["lang"] for s in dom.select("article.site")} == {n[:2] for n in EXAMPLE_SITES}
    assert is_png(screenshot(page, shots / "overview.png", height=1000))


def test_progress_page(tmp_path: Path, shots: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    auditor("check", "examples/sites/nl-before", "--format", "json", "-o", str(old))
    auditor("check", "examples/sites/nl-after", "--format", "json", "-o", str(new))
    before = json.loads(old.read_text(encoding="utf-8"))
    page = html_file(tmp_path, "progress.html", "diff", str(old), str(new), "--format", "html")
    dom = open_in_browser(page)
    counts = {t["data-count"]: int(t.b.get_text()) for t in dom.select(".tile")}
    assert counts == {"fixed": len(before["findings"]), "new": 0, "still_open": 0}
    assert len(dom.select(".changes-fixed .finding")) == len(before["findings"])
    scores = [n.get_text() for n in dom.select(".progress-scores .num")]
    assert scores == [str(before["summary"]["score"]), "100"]
    assert dom.html is not None and dom.html["lang"] == "nl"
    assert is_png(screenshot(page, shots / "progress.png", height=1100))


def test_prints_on_a4_a_page_per_site(tmp_path: Path) -> None:
    targets = [f"examples/sites/{name}" for name in EXAMPLE_SITES]
    page = html_file(tmp_path, "overview.html", "check", *targets, "--format", "html")
    pdf = print_pdf(page, tmp_path / "overview.pdf").read_bytes()
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)
    assert len(boxes) >= 1 + len(targets)  # the overview, then each site from a new page

"""The HTML report without a browser: escaping, self-containment, language, labels, quotes."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES

from auditor.audit.report import PageSummary, Report, RuleStatus
from auditor.checks.findings import Finding
from auditor.checks.loader import load_rules
from auditor.cli.main import main
from auditor.reporters import FORMATS, highlight, html_view
from auditor.reporters.highlight import quote_lines
from auditor.reporters.html_view import labels, safe_href, site_name
from auditor.sources.raw import FetchError

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\x1b[31m\u202e"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def finding(**changes: object) -> Finding:
    values: dict = {
        "rule": "price-next-to-offer", "severity": "error", "page": "/aanbod/",
        "path": "aanbod/index.html", "line": 3, "column": 1, "message": "Geen prijs.",
        "excerpt": "Coachtraject Vrij", "fix": "Zet de prijs erbij.", "fingerprint": "0" * 20,
        "context": "Coachtraject Vrij\nZes sessies voor je loopbaan.",
    }  # fmt: skip
    values.update(changes)
    return Finding(**values)


def report(*findings: Finding, title: str = "Aanbod – Praktijk Vrij") -> Report:
    """A report whose every bundled rule was checked: failed with findings, else passed."""
    pages = [
        PageSummary("/", "index.html", "home", "nl", None, "Praktijk Vrij – Coaching"),
        PageSummary("/aanbod/", "aanbod/index.html", "offer", "nl", None, title),
    ]
    active = [f.rule for f in findings if f.suppression is None]
    statuses = [
        RuleStatus(r.id, "failed" if r.id in active else "passed", findings=active.count(r.id))
        for r in load_rules()
    ]
    return Report("site", pages, list(findings), [], statuses)


def render(*reports: Report) -> str:
    return FORMATS["html"](list(reports), False)


def test_page_text_is_escaped_everywhere() -> None:
    hostile = finding(
        excerpt=HOSTILE, message=HOSTILE, fix=HOSTILE, context=f"x {HOSTILE} y",
        page="javascript:alert(3)",
    )  # fmt: skip
    html = render(report(hostile, title=HOSTILE))
    doc = parse(html)
    assert [t for t, _ in doc.tags if t in ("script", "img", "iframe", "object", "svg")] == []
    for _, attrs in doc.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not str(attrs.get("href") or "").startswith("javascript:")
    text = "".join(doc.text)
    assert "<script>alert(1)</script><img src=x onerror=alert(2)>" in text
    assert "javascript:alert(3)" in text  # shown, not linked
    assert "\x1b" not in html and "\u202e" not in html


def test_self_contained_no_requests_anywhere() -> None:
    html = render(report(finding()))
    doc = parse(html)
    assert [t for t, _ in doc.tags if t in ("script", "link", "img", "iframe")] == []
    assert not any("src" in attrs for _, attrs in doc.tags)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    csp = [a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in str(csp[0])
    assert "@page { size: A4;" in html and "@media print" in html


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.nl/aanbod/", "https://example.nl/aanbod/"),
        ("HTTP://example.nl/", "HTTP://example.nl/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("/aanbod/", None),
        ("examples/sites/nl-before", None),
        ("http:///nohost", None),
        ("http://[::1", None),
    ],
)
def test_only_http_urls_become_links(url: str, href: str | None) -> None:
    assert safe_href(url) == href


def test_excerpt_highlighted_once_in_its_context() -> None:
    lines = quote_lines(finding())
    assert lines == [[("Coachtraject Vrij", True)], [("Zes sessies voor je loopbaan.", False)]]
    inline = quote_lines(finding(excerpt="mail me", context="Vragen? Mail me gerust. Of mail me."))
    assert inline == [[("Vragen? ", False), ("Mail me", True), (" gerust. Of mail me.", False)]]


def test_form_fields_and_joined_excerpts_are_marked_whole() -> None:
    form = finding(excerpt="Naam E-mailadres Verstuur", context="Schrijf me\nNaam\nE-mailadres")
    assert [any(m for _, m in line) for line in quote_lines(form)] == [False, True, True]
    listed = finding(
        excerpt="2002 – Bachelor | 2009 – Training",
        context="2002 – Bachelor\nOver\n2009 – Training",
    )
    assert [any(m for _, m in line) for line in quote_lines(listed)] == [True, False, True]


def test_excerpt_outside_its_context_stands_alone() -> None:
    assert quote_lines(finding(context="")) == [[("Coachtraject Vrij", True)]]
    away = finding(excerpt="Neem contact op", context="Iets anders", fix="x")
    assert quote_lines(away) == [[("Neem contact op", True)]]


def test_long_copy_is_trimmed_around_the_highlight() -> None:
    long = "a" * 500 + " Coachtraject Vrij " + "b" * 500
    [line] = quote_lines(finding(context=long))
    assert [m for _, m in line] == [False, True, False]
    assert line[0][0].startswith("… ") and line[2][0].endswith(" …")
    assert sum(len(t) for t, _ in line) < 2 * highlight.EDGE + 40


def test_site_name_from_titles_host_or_folder() -> None:
    assert site_name(report()) == "Praktijk Vrij"
    one = Report("https://www.coach.nl/", [PageSummary("/", None, "home", "nl", 200, "")], [], [])
    assert site_name(one) == "coach.nl"
    assert site_name(Report("sites/eva/", [], [], [])) == "eva"
    titled = Report("x", [PageSummary("/", None, "home", "en", 200, "Eva Coaching")], [], [])
    assert site_name(titled) == "Eva Coaching"


def test_every_language_file_has_every_label() -> None:
    english = yaml.safe_load((html_view.LABELS_DIR / "en.yml").read_text(encoding="utf-8"))

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        return len(value) if isinstance(value, list) else type(value).__name__

    for path in html_view.LABELS_DIR.glob("*.yml"):
        words = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert shape(words) == shape(english), path.name


def test_a_language_without_labels_falls_back_per_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("en.yml", "nl.yml"):
        (tmp_path / name).write_bytes((html_view.LABELS_DIR / name).read_bytes())
    (tmp_path / "de.yml").write_text("report_title: Website-Textbericht\n", encoding="utf-8")
    monkeypatch.setattr(html_view, "LABELS_DIR", tmp_path)
    labels.cache_clear()
    try:
        assert labels("de")["report_title"] == "Website-Textbericht"
        assert labels("de")["to_improve"] == labels("en")["to_improve"]
        assert labels("fr") == labels("en")
    finally:
        labels.cache_clear()


def test_language_follows_the_site_and_lang_overrides_it() -> None:
    dutch = CliRunner().invoke(main, ["check", str(EXAMPLES / "nl-before"), "--format", "html"])
    assert '<html lang="nl">' in dutch.stdout and "Wat je kunt verbeteren" in dutch.stdout
    english = CliRunner().invoke(
        main, ["check", str(EXAMPLES / "nl-before"), "--format", "html", "--lang", "en"]
    )
    assert '<html lang="en">' in english.stdout and "What to improve" in english.stdout
    assert "Wat je kunt verbeteren" not in english.stdout


def test_suppressed_findings_are_shown_apart() -> None:
    quiet = finding(suppression={"kind": "baseline", "reason": "accepted for now"})
    html = render(report(quiet))
    improve, _, rest = html.partition('class="sheet works"')
    assert "Geen prijs." not in improve  # not among what to improve
    assert 'data-rule="price-next-to-offer" data-verdict="passed"' in rest
    assert "Bewust opzijgezet" in rest and "accepted for now" in rest


def test_a_rule_the_bundle_lacks_still_gets_a_card() -> None:
    html = render(report(finding(rule="my-own-rule", severity="info")))
    assert 'data-rule="my-own-rule" data-verdict="failed"' in html


def test_overview_sorted_by_score_with_links_to_each_site(
    example_report: Callable[[str], Report],
) -> None:
    reports = [example_report(name) for name in ("nl-after", "en-before")]
    html = render(*reports)
    first, second = html.index('href="#site-2"'), html.index('href="#site-1"')
    assert first < second  # en-before (lower score) first
    assert 'id="site-1"' in html and 'id="site-2"' in html


def test_a_site_without_readable_pages_has_no_verdicts() -> None:
    empty = Report("https://coach.example/", [], [], [FetchError("/", "could not parse")])
    html = render(empty, report(finding()))
    assert "data-verdict" not in html.partition('id="site-2"')[0].partition('id="site-1"')[2]
    overview = html.partition('id="site-1"')[0]
    assert 'data-site="site-1"' in overview and "could not parse" in html
    assert overview.index('data-site="site-2"') < overview.index('data-site="site-1"')


def test_counts_read_naturally() -> None:
    points = labels("en")["points"]
    assert [html_view.plural(points, n) for n in (0, 1, 2)] == [
        "Nothing to improve", "1 point to improve", "2 points to improve"
    ]  # fmt: skip
    assert html_view.plural(labels("nl")["pages_read"], 0) == "0 pagina's gelezen"

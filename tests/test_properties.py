"""Properties of any page, however broken: no exception, the same findings every time, safe output.

Examples are kept few so the suite stays fast; in CI (CI set) they are the same on every run.
bench/fuzz.py runs many more.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.audit.report import PageSummary, Report
from auditor.checks.loader import load_rules
from auditor.checks.run import run_rules
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.parse import parse_page
from auditor.page.reader import PageReader
from auditor.reporters import FORMATS
from auditor.site.build import build_site
from auditor.sources.raw import FetchError, RawPage

KNOWLEDGE = load_knowledge()  # the bundled lexicons and markup
PARSING = ParseContext(KNOWLEDGE)

pytestmark = pytest.mark.slow  # generated inputs: seconds each

RULES = load_rules()
QUICK = settings(
    max_examples=40,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)

TAGS = ["div", "p", "span", "h1", "h2", "h3", "a", "button", "form", "input", "nav", "footer",
        "header", "section", "ul", "li", "blockquote", "figure", "table", "td", "script", "style",
        "template", "del", "br", "img", "abbr", "label", "main", "title", "body"]  # fmt: skip
ATTRS = {
    "class": ["btn", "elementor-button", "testimonial", "cookie-banner", "wp-block-button"],
    "href": ["/", "/over-mij/", "/aanbod/", "/tarieven/", "#tarieven", "mailto:a@b.nl",
             "https://calendly.com/x", "javascript:void(0)", "http://[::1", "//[x",
             "http://a:99999999/", ""],
    "id": ["tarieven", "over-mij", "aanbod"],
    "style": ["display:none", "color:red"],
    "type": ["email", "submit", "checkbox", "hidden"],
    "lang": ["nl", "en", "de", "x"],
    "hidden": [""], "checked": [""], "role": ["button", "navigation"],
}  # fmt: skip
WORDS = ["Welkom op mijn website", "Hallo, ik ben Marieke", "Loop je vast in je werk?",
         "Coachtraject Vrij", "€ 1.250,-", "$150 per session", "op aanvraag", "Boek je sessie",
         "Mail me", "Lees meer", "Met vriendelijke groet,", "Marieke", "NLP en EMDR",
         "2009 – Training Leidinggeven", "Over mij", "Tarieven", "I help you", "Book a call",
         "Herken je dit?", "Privacy", "Wat klanten zeggen"]  # fmt: skip
ODD = ["\x00", "\x1b[31m", "\u202e", "&#xD800;", "&#0;", "&amp;", "<!--", "-->", "<![CDATA[",
       "]]>", "</", "<", ">", "\r\n", "é€ë", "\U0001d4b3"]  # fmt: skip

text = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=12))
attrs = st.lists(
    st.sampled_from(sorted(ATTRS)).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(ATTRS[name]))
    ),
    max_size=3,
).map(lambda pairs: "".join(f' {name}="{value}"' for name, value in pairs))


def _element(parts: tuple[str, str, list[str], bool]) -> str:
    tag, attributes, children, closed = parts
    return f"<{tag}{attributes}>{''.join(children)}" + (f"</{tag}>" if closed else "")


markup = st.recursive(
    text,
    lambda inner: st.tuples(
        st.sampled_from(TAGS), attrs, st.lists(inner, max_size=5), st.booleans()
    ).map(_element),
    max_leaves=40,
)
documents = st.tuples(st.sampled_from(["nl", "en", ""]), st.lists(markup, max_size=8)).map(
    lambda doc: f'<html lang="{doc[0]}"><body>{"".join(doc[1])}</body></html>'
)
SITE_PATHS = ["/", "/over-mij/", "/aanbod/", "/tarieven/", "/contact/"]
sites = st.lists(documents, min_size=1, max_size=len(SITE_PATHS)).map(
    lambda pages: {SITE_PATHS[n]: html for n, html in enumerate(pages)}
)


def audit_site(pages: dict[str, str | bytes]) -> tuple[list[tuple[str, ...]], list[FetchError]]:
    raws = [
        RawPage(url, html if isinstance(html, bytes) else html.encode("utf-8", "surrogatepass"))
        for url, html in pages.items()
    ]
    site = build_site("site", raws, [], PageReader(ParseContext(KNOWLEDGE)))
    findings = run_rules(site, RULES)
    return [(f.rule, f.page, f.message, f.excerpt, f.fingerprint) for f in findings], site.errors


@QUICK
@given(sites)
def test_any_site_is_audited_without_an_error_and_the_same_way_twice(
    pages: dict[str, str],
) -> None:
    first, errors = audit_site(pages)
    assert errors == []  # no page that failed to parse, no rule that failed
    assert audit_site(pages) == (first, [])


@QUICK
@given(st.binary(max_size=3000), st.sampled_from([None, "text/html; charset=utf-8",
                                                  "text/html; charset=windows-1252",
                                                  "text/html; charset=utf-16"]))  # fmt: skip
def test_any_bytes_parse(content: bytes, content_type: str | None) -> None:
    page = parse_page(RawPage("/", content, content_type=content_type), PARSING)
    for value in [page.title, page.h1] + [b.text for b in page.blocks]:
        assert not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value), repr(value)


def hostile_report(hostile: str) -> Report:
    """A report whose findings quote `hostile` page text, with it in a URL, path and error too."""
    pages = {"/": f"<h1>Welkom op mijn website! {hostile}</h1><p>Mijn naam is {hostile}</p>"}
    site = build_site(
        f"site{hostile}",
        [RawPage("/", pages["/"].encode("utf-8", "replace"))],
        [],
        PageReader(ParseContext(KNOWLEDGE)),
    )
    findings = run_rules(site, RULES)
    return Report(
        target=site.target,
        pages=[PageSummary(f"/{hostile}", f"{hostile}.html", "home", "nl", None)],
        findings=findings,
        errors=[FetchError(f"/{hostile}", f"HTTP 500 {hostile}")],
    )


@QUICK
@given(st.text(min_size=1))
def test_reports_escape_any_text(hostile: str) -> None:
    """Text reports hold no control character but their line breaks; JSON stays valid JSON."""
    report = hostile_report(hostile)
    assert report.findings  # the welcome is found, so the hostile text is quoted
    for render in FORMATS.values():
        out = render([report], False)
        out.encode("utf-8")  # no lone surrogate: the report can be written out
        try:
            json.loads(out)
        except ValueError:  # a text format
            assert not any(ord(c) < 32 and c != "\n" for c in out), repr(out)
            assert not any(0x7F <= ord(c) <= 0x9F for c in out), repr(out)

"""Source positions of blocks, links and forms: the line and column of the tag's `<`."""

from __future__ import annotations

import pytest
from html5_reference import html5_tags
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.model import Page
from auditor.page.parse import parse_page
from auditor.page.tagscan import scan_tags
from auditor.sources.raw import RawPage

PARSING = ParseContext(load_knowledge())


def parse(html: str) -> Page:
    return parse_page(RawPage(url="/", content=html.encode("utf-8"), path="index.html"), PARSING)


def test_a_start_tag_over_several_lines_is_where_it_opens() -> None:
    page = parse('<body>\n<p>Intro</p>\n  <a\n   class="btn"\n   href="/boek/">Boek nu</a>\n')
    assert (page.links[0].line, page.links[0].column) == (3, 3)


def test_tags_in_comments_and_scripts_do_not_count() -> None:
    page = parse(
        '<body><!-- <a href="/old/">old</a> --><script>var s = "<a href=x>";</script>'
        '<p>Tekst</p><a href="/nieuw/">Nieuw</a></body>'
    )
    html = '<body><!-- <a href="/old/">old</a> --><script>var s = "<a href=x>";</script><p>'
    assert page.blocks[0].column == len(html) - 2
    assert page.links[0].column == html.index("<p>") + len("<p>Tekst</p>") + 1


def test_every_link_of_a_minified_line_has_its_own_column() -> None:
    links = "".join(f'<a href="/p{i}/">Pagina {i}</a> ' for i in range(50))
    page = parse(f"<html><body><p>{links}</p></body></html>")
    html = f"<html><body><p>{links}"
    assert [k.column for k in page.links] == [
        html.index(f'<a href="/p{i}/"') + 1 for i in range(50)
    ]
    assert {k.line for k in page.links} == {1}


def test_lines_after_libxml2s_last_line_number() -> None:
    page = parse("<body>" + "<br>\n" * 70_000 + "<p>Laat</p>\n<p>Later</p></body>")
    assert [(b.line, b.column) for b in page.blocks] == [(70_001, 1), (70_002, 1)]


def test_carriage_returns_count_as_html_parser_counted_them() -> None:
    page = parse("<body>\r\n<p>Een</p>\r<p>Twee</p>\n<p>Drie</p></body>")
    assert [(b.text, b.line) for b in page.blocks] == [("Een", 2), ("Twee", 2), ("Drie", 3)]


def test_an_element_the_parser_adds_does_not_shift_the_others() -> None:
    # libxml2 closes the first <p> at the <div>; the text after it is in the <div>'s parent
    page = parse("<body>\n<section><p>Een<div>Twee</div>Drie</p></section>\n<p>Vier</p></body>")
    assert [(b.text, b.line) for b in page.blocks][-1] == ("Vier", 3)
    assert page.blocks[-1].column == 1


def test_a_tag_name_that_runs_to_the_end_of_the_page() -> None:
    """A 100 kB run after "<div" with no ">" took the start-tag pattern minutes (fuzz case)."""
    page = parse("<body>\n<p>Begin</p>\n<div" + "\u6f70" * 100_000)
    assert [(b.text, b.line, b.column) for b in page.blocks] == [("Begin", 2, 1)]


def test_thousands_of_tags_opened_in_an_unclosed_quote() -> None:
    """From every "<", quoted values were read again up to the last, unclosed quote."""
    page = parse("<body>\n<p>Begin</p>\n" + "<a x='" * 30_001 + "<p>Eind</p>")
    assert [(b.text, b.line, b.column) for b in page.blocks] == [("Begin", 2, 1)]
    # the first <a> never ends; the second one's quotes pair up, and it ends at <b>'s ">"
    text = "<a x='" * 30_001 + "<b>x</b>"
    assert list(scan_tags(text)) == html5_tags(text)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(
    ["<", ">", '"', "'", "=", "/", " ", "\n", "\t", "\x00", "-", "!", "?", "a", "p", "B",
     "<!--", "-->", "--!>", "</", "<p", "<a ", "x=", '="', "<script>", "</script", "<title>",
     "</TITLE ", "<plaintext>", "<!DOCTYPE html>"]
), max_size=40).map("".join))  # fmt: skip
def test_the_scan_reads_tags_as_the_html5_tokenizer_does(text: str) -> None:
    tags = html5_tags(text)
    assert list(scan_tags(text)) == tags
    assert list(scan_tags(text, ends=False)) == [tag for tag in tags if not tag.closing]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p a="x" b"c>B</p>', [("p", False), ("p", True)]),  # a quote in a name
        ('<meta content="x<i lang="nl"><b>', [("meta", False), ("b", False)]),
        ('<p title="x>\n<i>y</i><b title="z">', [("p", False)]),  # the quote closes at title="
        ('<p>x</p title=">"><i>', [("p", False), ("p", True), ("i", False)]),
        ("<script>a</script foo>b<i>", [("script", False), ("i", False)]),
        ("<!-->x<i><!--->y<b><!-- --!>z<s>", [("i", False), ("b", False), ("s", False)]),
        ("<!DOCTYPE html><?php x ?></ p><i></><b>", [("i", False), ("b", False)]),
        ('<p>a</p><i x="open><b>c</b>', [("p", False), ("p", True)]),  # open at the end
        ("<plaintext><i>x</i>", [("plaintext", False)]),
    ],
)
def test_tags_as_html5_reads_them(html: str, expected: list[tuple[str, bool]]) -> None:
    assert [(tag.name, tag.closing) for tag in scan_tags(html)] == expected

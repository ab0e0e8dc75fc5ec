"""Source positions of blocks, links and forms: the line and column of the tag's `<`."""

from __future__ import annotations

from auditor.model import Page, RawPage
from auditor.parse import parse_page


def parse(html: str) -> Page:
    return parse_page(RawPage(url="/", content=html.encode("utf-8"), path="index.html"))


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

"""Markdown sites (Hugo, Jekyll, Eleventy): URLs from front matter, menus, lines in the .md file."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.audit.engine import audit, model_target
from auditor.cli.main import main
from auditor.lexicons.knowledge import load_knowledge
from auditor.page.context import ParseContext
from auditor.page.model import Page, RoleReason
from auditor.page.parse import parse_page
from auditor.sources.markdown import (
    FrontMatterError,
    Source,
    is_markdown_target,
    menu_labels,
    page_url,
    read_markdown,
    render,
    split_front_matter,
)

HOME = """---
title: Praktijk Vrij
lang: nl
---

# Hallo, welkom op mijn website!

Mijn naam is Marieke en ik ben loopbaancoach in Utrecht. Ik ben getrouwd en heb
twee kinderen. Lees [verder](wie-ik-ben.md#verhaal) of bekijk [het aanbod](/aanbod/).
"""

OFFER = """+++
title = "Aanbod"
url = "/aanbod/"
+++

Intro over hoe ik werk.

## Coachtraject Vrij

In zes sessies ontdek je wat je echt wilt in je werk, met opdrachten tussen de sessies
door en een persoonlijk plan.

| sessies | duur |
| --- | --- |
| zes | drie maanden |

<div class="cta">
  <p><a href="mailto:marieke@example.nl">Mail me als je meer wilt weten</a></p>
</div>
"""

ABOUT = """---
title: Wie ik ben
menu:
  main:
    name: Over mij
---

Hieronder mijn opleidingen.

- 2002 – Bachelor Bedrijfseconomie, Hogeschool Utrecht
- 2009 – Training Leidinggeven aan teams
- 2012 – Cursus Timemanagement
- 2014 – Opleiding Loopbaancoach, Academie X
- 2015 – NLP Practitioner
- 2016 – NLP Master Practitioner
- 2017 – Cursus Mindfulness
- 2018 – Lid NOBCO
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        file = folder / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A Hugo content folder: homepage, an offer page and an about page named in the menu."""
    files = {"_index.md": HOME, "aanbod.md": OFFER, "wie-ik-ben.md": ABOUT}
    return write(tmp_path / "content", files)


def pages_of(folder: Path) -> dict[str, Page]:
    """The Markdown pages of a folder by file path."""
    raws, errors = read_markdown(folder)
    assert errors == []
    parsing = ParseContext(load_knowledge())
    return {raw.path or "": parse_page(raw, parsing) for raw in raws}


def source_line(folder: Path, path: str, line: int) -> str:
    return (folder / path).read_text(encoding="utf-8").splitlines()[line - 1]


def test_blocks_and_links_point_at_their_markdown_lines(content: Path) -> None:
    pages = pages_of(content)
    for path, page in pages.items():
        assert page.blocks, path
        for block in page.blocks:
            line = source_line(content, path, block.line or 0)
            assert block.text[:20] in line, (path, block.line, block.text, line)
            assert line[(block.column or 0) - 1 :].startswith(block.text[:20])
    home = pages["_index.md"]
    [about_link] = [link for link in home.links if link.text == "verder"]
    assert about_link.href == "/wie-ik-ben/#verhaal"  # a link to the .md file: its page
    assert source_line(content, "_index.md", about_link.line or 0).startswith("twee kinderen")
    offer = pages["aanbod.md"]
    assert [(b.kind, b.line) for b in offer.blocks if b.kind == "cell"] == [
        ("cell", 13), ("cell", 13), ("cell", 15), ("cell", 15)
    ]  # fmt: skip
    [mail] = [link for link in offer.links if link.href.startswith("mailto:")]
    assert mail.line == 18  # inside raw HTML: the line of the <a>


def test_a_markdown_site_that_breaks_rules_reports_the_md_lines(content: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(content)])
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert {p["url"]: p["path"] for p in report["pages"]} == {
        "/": "_index.md", "/aanbod/": "aanbod.md", "/wie-ik-ben/": "wie-ik-ben.md"
    }  # fmt: skip
    by_rule = {f["rule"]: f for f in report["findings"]}
    for rule, path in [
        ("homepage-autobiographical-welcome", "_index.md"),
        ("offer-has-buy-button", "aanbod.md"),
        ("about-page-credentials-list", "wie-ik-ben.md"),
    ]:
        finding = by_rule[rule]
        assert finding["path"] == path
        line = source_line(content, path, finding["line"])
        assert finding["excerpt"].split(" | ")[0] in line, (rule, line)
    assert by_rule["homepage-autobiographical-welcome"]["line"] == 6
    assert by_rule["offer-has-buy-button"]["line"] == 18


def test_sarif_points_at_the_markdown_file(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(content.parent)
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "content"])
    results = json.loads(result.stdout)["runs"][0]["results"]
    [welcome] = [r for r in results if r["ruleId"] == "homepage-autobiographical-welcome"]
    location = welcome["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "content/_index.md"
    assert location["region"] == {"startLine": 6, "startColumn": 3}


def test_menu_entries_are_navigation_labels(content: Path) -> None:
    about = model_target(str(content)).pages[2]
    assert (about.role, about.role_reason) == ("about", RoleReason("label", "Over mij"))
    (content / "wie-ik-ben.md").write_text(ABOUT.replace("menu:", "x:"), encoding="utf-8")
    assert model_target(str(content)).pages[2].role_reason.signal != "label"


@pytest.mark.parametrize(
    ("relative", "meta", "url"),
    [
        ("_index.md", {}, "/"),
        ("index.md", {}, "/"),
        ("over-mij.md", {}, "/over-mij/"),
        ("diensten/_index.md", {}, "/diensten/"),
        ("diensten/coaching/index.md", {}, "/diensten/coaching/"),
        ("diensten/coaching.md", {"slug": "traject"}, "/diensten/traject/"),
        ("diensten/coaching/index.md", {"slug": "traject"}, "/diensten/traject/"),
        ("a.md", {"url": "/tarieven/"}, "/tarieven/"),
        ("a.md", {"permalink": "/prijzen/"}, "/prijzen/"),
        ("a.md", {"permalink": "contact/index.html"}, "/contact/"),
        ("a.md", {"permalink": "/about.html"}, "/about.html"),
        ("b.md", {"permalink": "/{{ page.fileSlug }}/"}, "/b/"),
    ],
)
def test_page_urls_from_front_matter(relative: str, meta: dict[str, str], url: str) -> None:
    assert page_url(PurePosixPath(relative), meta) == url


def test_front_matter_formats_and_errors() -> None:
    assert split_front_matter("---\ntitle: A\n---\nbody\n") == ({"title": "A"}, "body\n", 4)
    assert split_front_matter('+++\ntitle = "A"\n+++\n\nbody') == ({"title": "A"}, "\nbody", 4)
    assert split_front_matter("# no front matter\n") == ({}, "# no front matter\n", 1)
    for broken, message in [
        ("---\ntitle: [A\n---\n", "not valid YAML"),
        ("+++\ntitle = \n+++\n", "not valid TOML"),
        ("---\ntitle: A\n", "never closed"),
        ("---\n- a\n---\n", "must be a mapping"),
    ]:
        with pytest.raises(FrontMatterError, match=message):
            split_front_matter(broken)


def test_menu_labels() -> None:
    assert menu_labels({"title": "Over mij", "menu": "main"}) == ["Over mij"]
    assert menu_labels({"title": "T", "linkTitle": "Over", "menu": ["main", "footer"]}) == ["Over"]
    assert menu_labels({"title": "T", "menu": {"main": {"name": "Tarieven"}, "footer": {}}}) == [
        "Tarieven", "T"
    ]  # fmt: skip
    assert menu_labels({"title": "T", "eleventyNavigation": {"key": "Contact"}}) == ["Contact"]
    assert menu_labels({"title": "T"}) == []


def test_broken_front_matter_skips_only_that_page(content: Path) -> None:
    (content / "kapot.md").write_text("---\nlang: nl\ntitle: a: b\n---\nTekst\n", encoding="utf-8")
    raws, errors = read_markdown(content)
    assert len(raws) == 3
    assert [(e.page, e.message) for e in errors] == [
        ("kapot.md", "front matter is not valid YAML (line 3)")
    ]


@pytest.mark.parametrize(
    ("front_matter", "problem"),
    [
        ("---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\n", "nested too deeply"),
        ("+++\ntitle = " + "[" * 20_000 + "]" * 20_000 + "\n+++\n", "nested too deeply"),
        ("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in pairwise("abcdefghi"))
         + "title: *i\n---\n", "aliases would expand to over 10,000 values"),
    ],
    ids=["yaml-nesting", "toml-nesting", "alias-bomb"],
)  # fmt: skip
def test_hostile_front_matter_skips_only_that_page(
    content: Path, front_matter: str, problem: str
) -> None:
    (content / "kapot.md").write_text(front_matter + "Tekst\n", encoding="utf-8")
    raws, errors = read_markdown(content)
    assert len(raws) == 3
    kind = "TOML" if front_matter.startswith("+++") else "YAML"
    assert [(e.page, e.message) for e in errors] == [
        ("kapot.md", f"front matter is not valid {kind}: {problem}")
    ]


def test_drafts_and_unpublished_pages_are_left_out(content: Path) -> None:
    write(content, {"concept.md": "---\ndraft: true\n---\nTekst\n",
                    "data.md": "---\npermalink: false\n---\nTekst\n"})  # fmt: skip
    assert sorted(pages_of(content)) == ["_index.md", "aanbod.md", "wie-ik-ben.md"]


def test_detection(tmp_path: Path) -> None:
    only_md = write(tmp_path / "md", {"index.md": "# Hi\n"})
    html_with_readme = write(tmp_path / "html", {"index.html": "<h1>Hi</h1>", "README.md": "# x"})
    jekyll = write(
        tmp_path / "jekyll",
        {"index.html": "<h1>Hi</h1>", "about.md": "---\ntitle: About\n---\nMe.\n",
         "README.md": "# Notes\n", "_layouts/default.html": "<html>{{ content }}</html>"},
    )  # fmt: skip
    assert is_markdown_target(only_md) and is_markdown_target(only_md / "index.md")
    assert not is_markdown_target(html_with_readme)
    assert [p.path for p in audit(str(html_with_readme)).pages] == ["index.html"]
    assert is_markdown_target(jekyll)
    raws, _ = read_markdown(jekyll)
    assert sorted(raw.path or "" for raw in raws) == ["about.md", "index.html"]  # no README


def test_one_markdown_file_is_the_homepage(content: Path) -> None:
    report = audit(str(content / "aanbod.md"))
    assert [(p.url, p.path, p.role) for p in report.pages] == [("/", "aanbod.md", "home")]


def test_an_empty_markdown_site_is_a_target_error(tmp_path: Path) -> None:
    write(tmp_path, {"concept.md": "---\ndraft: true\n---\n"})
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.startswith("auditor: ") and "no Markdown or HTML pages" in result.stderr


MARKDOWN_PIECES = st.sampled_from(
    ["# Kop", "tekst", "[link](a.md)", "- item", "1. punt", "> citaat", "```", "    code",
     "<div>", "</div>", "| a | b |", "| --- | --- |", "", "***", "*nadruk*", "  ", "\\"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=30), st.integers(1, 50))
def test_every_html_line_maps_to_a_line_of_the_body(pieces: list[str], first: int) -> None:
    body = "\n".join(pieces) + "\n"
    source = Source(PurePosixPath("a.md"), {}, body, first, lines=body.splitlines())
    html, lines = render(source, {"a.md": "/a/"})
    assert len(lines) == len(html.splitlines())
    last = first + max(len(body.splitlines()) - 1, 0)
    assert all(first <= line <= last for line in lines)
    assert lines == sorted(lines)

"""Rule docs: a Markdown page per rule and an index, and the checked-in docs/rules/ is current."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner, Result
from conftest import REPO_ROOT

from auditor.checks.loader import load_rules
from auditor.cli.main import main
from auditor.reporters.docs import REGENERATE, render_rule, write_docs

DOCS = REPO_ROOT / "docs" / "rules"


def generate(folder: Path) -> Result:
    return CliRunner().invoke(main, ["rules", "--format", "markdown", "--output-dir", str(folder)])


def test_one_page_per_rule_with_its_texts_and_examples(tmp_path: Path) -> None:
    result = generate(tmp_path / "docs")
    assert result.exit_code == 0, result.output
    rules = load_rules()
    pages = {path.name for path in (tmp_path / "docs").iterdir()}
    assert pages == {f"{rule.id}.md" for rule in rules} | {"README.md"}
    index = (tmp_path / "docs" / "README.md").read_text(encoding="utf-8")
    for rule in rules:
        page = (tmp_path / "docs" / f"{rule.id}.md").read_text(encoding="utf-8")
        assert f"[{rule.id}.md]({rule.id}.md)" in index
        assert f"Severity **{rule.severity}**, check kind `{rule.check}`" in page
        unescaped = page.replace("\\", "")
        for texts in (rule.title, rule.why, rule.fix, *rule.message.values()):
            for lang, text in texts.items():
                assert f"- **{lang}**: {' '.join(text.split())}\n" in unescaped
        for example in rule.examples["fail"] + rule.examples["pass"]:
            assert example["name"] in unescaped
            for html in (example.get("pages") or {"/": example["html"]}).values():
                assert f"```html\n{html}\n```" in page


def test_other_languages_and_markdown_in_texts_and_html_stay_literal() -> None:
    [rule] = [r for r in load_rules() if r.id == "price-next-to-offer"]
    german = replace(
        rule,
        title={**rule.title, "de": "Preis neben dem Angebot"},
        why={**rule.why, "de": "Ein <b>Preis</b> *hilft* bei {price_page}"},
        examples={"fail": [{"name": "code", "html": "<pre>```x```</pre>"}], "pass": []},
    )
    page = render_rule(german)
    assert "- **de**: Preis neben dem Angebot\n" in page
    assert "- **de**: Ein \\<b\\>Preis\\</b\\> \\*hilft\\* bei {price_page}\n" in page
    assert "````html\n<pre>```x```</pre>\n````" in page


def test_regenerating_drops_pages_of_removed_rules_only(tmp_path: Path) -> None:
    rules = load_rules()
    write_docs(rules, tmp_path)
    (tmp_path / "notes.md").write_text("# My notes\n", encoding="utf-8")
    write_docs(rules[1:], tmp_path)
    assert not (tmp_path / f"{rules[0].id}.md").exists()
    assert (tmp_path / "notes.md").exists()
    assert rules[0].id not in (tmp_path / "README.md").read_text(encoding="utf-8")


def test_an_unwritable_output_dir_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = generate(tmp_path / "file" / "docs")
    assert result.exit_code == 2
    assert result.stderr.startswith("auditor: cannot write ")
    assert len(result.stderr.splitlines()) == 1


def test_the_checked_in_docs_are_up_to_date(tmp_path: Path) -> None:
    write_docs(load_rules(), tmp_path)
    expected = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    checked_in = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    names = expected.keys() | checked_in.keys()
    stale = sorted(name for name in names if expected.get(name) != checked_in.get(name))
    assert not stale, (
        f"docs/rules/ is out of date ({', '.join(stale)}); regenerate it from the repository"
        f" root with: {REGENERATE}"
    )

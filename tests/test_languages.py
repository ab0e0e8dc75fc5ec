"""Lexicons as data: required keys, a language that serves only some rules, and a language
added (or extended) from a configuration's `rules_paths` without editing the package."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import EXAMPLES

from auditor.checks.kinds import KINDS
from auditor.checks.loader import load_rules
from auditor.checks.run import lexicon_gaps
from auditor.cli.main import main
from auditor.lexicons.knowledge import load_knowledge
from auditor.lexicons.lexicon import LexiconError, rules_dir
from auditor.lexicons.schema import OPTIONAL, PHRASE_LISTS, REQUIRED

ENGLISH = (rules_dir() / "lexicons" / "en.yml").read_text(encoding="utf-8")
EN_SITE = EXAMPLES / "en-before"
# the keys the homepage-autobiographical-welcome and unexplained-jargon rules read
STUB_LACKS = ("welcome", "self_intro", "jargon")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _without(text: str, keys: tuple[str, ...]) -> str:
    """The English lexicon's text without the top-level `keys` (each a list on its lines)."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        top = re.match(r"([a-z_]+):", line)
        if top:
            skipping = top[1] in keys
        elif line.strip() and not line.startswith(" "):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _project(tmp_path: Path, lexicon: str, code: str = "xx", config: str = "") -> Path:
    """A copy of the English example site, a rules folder holding `lexicons/<code>.yml`, and a
    configuration naming that folder; returns the configuration file."""
    shutil.copytree(EN_SITE, tmp_path / "site")
    (tmp_path / "my-rules" / "lexicons").mkdir(parents=True)
    (tmp_path / "my-rules" / "lexicons" / f"{code}.yml").write_text(lexicon, encoding="utf-8")
    path = tmp_path / ".auditor.yml"
    path.write_text(f"rules_paths: [my-rules]\n{config}", encoding="utf-8")
    return path


def _report(result: Result) -> dict:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_the_bundled_lexicons_give_every_required_key_and_name_only_known_lists() -> None:
    knowledge = load_knowledge()
    assert set(knowledge.languages) >= {"de", "en", "nl"}
    for lex in knowledge.lexicons.values():
        assert lex.lacking(REQUIRED) == ()

        def lists(node: object, key: str = "") -> set[str]:
            if isinstance(node, dict):
                return {k for name, value in node.items()
                        for k in lists(value, f"{key}.{name}".lstrip("."))}  # fmt: skip
            return {key} if isinstance(node, list) else set()

        # a rule's {lexicon: KEY} may name exactly the lists the bundled lexicons have
        assert lists(lex.data) - {"words.formal_you"} <= PHRASE_LISTS
    assert {k for kind in KINDS.values() for k in kind.lexicon} <= set(OPTIONAL)
    assert lexicon_gaps(load_rules(), knowledge) == []


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (_without(ENGLISH, ("stopwords",)), "stopwords", "is missing"),
        (ENGLISH.replace("  home: [", "  home: []\n  x: ["), "roles.home", "must be a list"),
        (ENGLISH.replace("\nfree: [", "\nfree: []\nx: ["), "free", "must be a list"),
    ],
)
def test_a_lexicon_without_a_required_key_is_one_error_line(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    config = _project(tmp_path, text.replace("lang: en", "lang: xx"))
    result = run("check", "--config", str(config), str(tmp_path / "site"))
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    where = re.escape(str(tmp_path / "my-rules" / "lexicons" / "xx.yml"))
    assert re.fullmatch(rf"auditor: {where}:\d+: '{re.escape(key)}' {problem}.*", line), line
    with pytest.raises(LexiconError, match=re.escape(key)):
        load_knowledge([tmp_path / "my-rules"])


def test_a_language_with_part_of_the_keys_says_which_rules_it_cannot_serve(
    tmp_path: Path,
) -> None:
    stub = _without(ENGLISH, STUB_LACKS).replace("lang: en", "lang: xx")
    config = _project(tmp_path, stub, config="content_lang: xx\n")
    result = run("check", "--format", "json", "--config", str(config), str(tmp_path / "site"))
    [warning] = result.stderr.strip().splitlines()
    assert warning == (
        "auditor: warning: the xx lexicon lacks welcome, self_intro, jargon: rules"
        " homepage-autobiographical-welcome, unexplained-jargon are not checked on pages in xx"
    )
    report = _report(result)
    assert {page["lang"] for page in report["pages"]} == {"xx"}
    status = {rule["id"]: rule for rule in report["rules"]}
    for rule_id in ("homepage-autobiographical-welcome", "unexplained-jargon"):
        assert (status[rule_id]["status"], status[rule_id]["reason"]) == (
            "not_checked",
            "no_lexicon",
        )
        assert "xx" in status[rule_id]["message"]
    assert status["homepage-autobiographical-welcome"]["message"].endswith(
        "has no welcome, self_intro, which this rule reads."
    )
    found = {f["rule"] for f in report["findings"]}
    assert not found & {"homepage-autobiographical-welcome", "unexplained-jargon"}
    # the rules the language can serve judge its pages as English ones would be judged
    english = _report(run("check", "--format", "json", str(EN_SITE)))
    assert found == {f["rule"] for f in english["findings"]} - {
        "homepage-autobiographical-welcome",
        "unexplained-jargon",
    }


def test_a_language_from_rules_paths_reads_the_pages_in_it(tmp_path: Path) -> None:
    """A folder site in a language the package does not ship, audited through the CLI."""
    own = yaml.safe_load(ENGLISH)
    xx = _without(ENGLISH, ("welcome",)).replace("lang: en", "lang: xx")
    # a welcome only the new language knows: found only when its lexicon reads the page
    xx += "welcome: [zorba greets you warmly]\n"
    config = _project(tmp_path, xx, config="content_lang: xx\nlang: xx\n")
    index = tmp_path / "site" / "index.html"
    html = index.read_text(encoding="utf-8")
    index.write_text(html.replace("Hi, welcome to my website!", "Zorba greets you warmly."),
                     encoding="utf-8")  # fmt: skip
    assert "zorba greets you warmly" not in own["welcome"]

    report = _report(run("check", "--format", "json", "--config", str(config), str(index.parent)))
    assert {page["lang"] for page in report["pages"]} == {"xx"}
    assert report["summary"]  # a whole report, in English where the rules have no xx texts
    welcome = [f for f in report["findings"] if f["rule"] == "homepage-autobiographical-welcome"]
    assert [f["excerpt"] for f in welcome] == ["Zorba greets you warmly."]
    # and `lang:` of the configuration accepts the new code; an unknown one is refused
    config.write_text("rules_paths: [my-rules]\nlang: yy\n", encoding="utf-8")
    refused = run("check", "--config", str(config), str(index.parent))
    assert refused.exit_code == 2
    assert "must be one of de, en, nl, xx" in refused.stderr


def test_a_lexicon_of_a_bundled_language_in_rules_paths_extends_it(tmp_path: Path) -> None:
    before = _report(run("check", "--format", "json", str(EN_SITE)))
    jargon = [f for f in before["findings"] if f["rule"] == "unexplained-jargon"]
    extension = "jargon: [Clear Path]\nnot_checked:\n  no_copy: 'Nothing to read on {page}.'\n"
    config = _project(tmp_path, extension, code="en")
    after = _report(
        run("check", "--format", "json", "--config", str(config), str(tmp_path / "site"))
    )
    more = [f for f in after["findings"] if f["rule"] == "unexplained-jargon"]
    assert len(more) > len(jargon)  # the new term is jargon too, the bundled ones still are
    knowledge = load_knowledge([tmp_path / "my-rules"])
    bundled = load_knowledge().lexicons["en"]
    extended = knowledge.lexicons["en"]
    assert extended.raw("jargon") == [*bundled.raw("jargon"), "Clear Path"]
    assert extended.raw("not_checked.no_copy") == "Nothing to read on {page}."
    assert extended.raw("not_checked.js_shell") == bundled.raw("not_checked.js_shell")


def test_a_language_from_rules_paths_is_detected_from_html_lang(tmp_path: Path) -> None:
    config = _project(tmp_path, ENGLISH.replace("lang: en", "lang: xx"))
    for page in (tmp_path / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'<html lang="[^"]*"', '<html lang="xx"', text), encoding="utf-8")
    report = _report(
        run("check", "--format", "json", "--config", str(config), str(tmp_path / "site"))
    )
    assert {page["lang"] for page in report["pages"]} == {"xx"}

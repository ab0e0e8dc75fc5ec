"""The one YAML reader with line numbers (auditor/core/yamlfile.py) that configuration, rules and
lexicons share."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.config.reading import ConfigError, read_config_yaml
from auditor.core.yamlfile import YamlProblem, read_yaml

TEXT = """\
# a comment first
rules:
  a: off
  b:
    options: {x: 1}
ignore:
  - /one
  - /two
"""


def test_every_value_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text(TEXT, encoding="utf-8")
    doc = read_yaml(path)
    assert doc.line(("rules", "a")) == 3
    assert doc.line(("rules", "b", "options", "x")) == 5
    assert doc.line(("ignore", 1)) == 8
    assert doc.line(("rules", "c", "severity")) == 2  # not there: the nearest enclosing value
    assert doc.where(()) == f"{path}:2"  # the document starts at its first key
    assert doc.duplicate is None


def test_text_already_read_is_not_read_again(tmp_path: Path) -> None:
    doc = read_yaml(tmp_path / "not-written.yml", yaml.SafeLoader, TEXT)
    assert doc.data["ignore"] == ["/one", "/two"]
    assert doc.where(("ignore",)) == f"{tmp_path / 'not-written.yml'}:6"


def test_the_first_duplicate_key_in_the_files_order(tmp_path: Path) -> None:
    text = "a:\n  x: 1\n  y: 2\n  x: 3\nb: 1\na: 4\n"
    doc = read_yaml(tmp_path / "d.yml", yaml.SafeLoader, text)
    assert doc.duplicate == (("a", "x"), 4)
    assert doc.line(("a",)) == 1  # a key set twice keeps its first line


def test_aliases_are_walked_into(tmp_path: Path) -> None:
    text = "base: &b\n  x: 1\n  y: [1, 2]\nmine:\n  <<: *b\n  copy: *b\n"
    doc = read_yaml(tmp_path / "a.yml", yaml.SafeLoader, text)
    assert doc.line(("mine", "copy", "y")) == 3  # where the value is written
    assert doc.line(("mine", "copy")) == 6


def test_only_a_text_that_is_not_yaml_keeps_the_parsers_error(tmp_path: Path) -> None:
    with pytest.raises(YamlProblem) as syntax:
        read_yaml(tmp_path / "s.yml", yaml.SafeLoader, "a: [1\n")
    assert isinstance(syntax.value.parser_error, yaml.YAMLError)
    assert str(syntax.value).startswith(f"{tmp_path / 's.yml'}:2: not valid YAML: ")
    with pytest.raises(YamlProblem) as alias:
        read_yaml(tmp_path / "s.yml", yaml.SafeLoader, "a: &a [*a]\n")
    assert alias.value.parser_error is None


def test_the_configuration_says_it_in_its_own_words(tmp_path: Path) -> None:
    """Configuration messages: duplicate keys are errors, the file as a whole is line 1."""
    path = tmp_path / "c.yml"
    data, line_of = read_config_yaml(path, TEXT)
    assert data["rules"]["a"] == "off"  # only true and false are booleans
    assert (line_of(("rules", "b", "options")), line_of(()), line_of(("nope",))) == (5, 1, 1)
    with pytest.raises(ConfigError, match=r"c\.yml:3: rules\.a: duplicate key$"):
        read_config_yaml(path, "rules:\n  a: off\n  a: info\n")
    with pytest.raises(ConfigError, match=r"c\.yml:2: not valid YAML \(expected"):
        read_config_yaml(path, "rules: [a\n")

"""One exception hierarchy (auditor/core/errors.py), mapped to exit codes in one place: every
error a user can act on ends the real command with its one line and its exit code."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES

from auditor.audit.baseline import BaselineError
from auditor.audit.engine import TargetError
from auditor.audit.report_reader import ReportFileError
from auditor.checks.rule import RuleError
from auditor.cli import main as cli
from auditor.config.changed_files import ChangedError
from auditor.config.reading import ConfigError
from auditor.core.errors import AuditorError, InputError, TargetUnreadable
from auditor.lexicons import knowledge
from auditor.lexicons.lexicon import LexiconError
from auditor.serve.server import ServeError
from auditor.serve.store import StoreError
from auditor.sources.crawl import CrawlFailed
from auditor.sources.folder import SourceError
from auditor.sources.targets import TargetUnclear

NL_AFTER = str(EXAMPLES / "nl-after")
# the errors that reach the user, and the exit code each ends the command with
EXIT_CODES = {
    ConfigError: 2, RuleError: 2, LexiconError: 2, BaselineError: 2, ChangedError: 2,
    ReportFileError: 2, ServeError: 2, StoreError: 2, InputError: 2,
    TargetError: 3, TargetUnclear: 3, SourceError: 3, CrawlFailed: 3, TargetUnreadable: 3,
}  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def _subclasses(cls: type[AuditorError]) -> set[type[AuditorError]]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_user_error_is_an_auditor_error() -> None:
    assert set(EXIT_CODES) <= _subclasses(AuditorError)
    assert {cls: cls.exit_code for cls in EXIT_CODES} == EXIT_CODES


@pytest.mark.parametrize("error", sorted(EXIT_CODES, key=lambda cls: cls.__name__))
def test_each_error_ends_the_command_with_its_code(
    error: type[AuditorError], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raised where a command runs, it is one line on stderr and its exit code, never exit 4."""

    def fail(*args: object, **kwargs: object) -> None:
        raise error("broken.yml:3: what is wrong \x1b[2J")

    monkeypatch.setattr("auditor.cli.rules.configured_rules", fail)
    result = run("rules")
    assert result.exit_code == EXIT_CODES[error]
    assert result.stderr == "auditor: broken.yml:3: what is wrong \ufffd[2J\n"
    assert result.stdout == ""


def test_an_error_while_reading_the_options_is_mapped_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--lang reads the lexicons while click parses the command line, before the command runs."""

    def broken() -> None:
        raise LexiconError("rules/lexicons/xx.yml:1: lang: must be a text")

    monkeypatch.setattr(knowledge, "load_knowledge", broken)
    result = run("check", "--lang", "en", NL_AFTER)
    said = "auditor: rules/lexicons/xx.yml:1: lang: must be a text\n"
    assert (result.exit_code, result.stderr) == (2, said)


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["check", "{tmp}/missing"], 3, "auditor: {tmp}/missing: no such file or folder"),
        (["check", "{tmp}"], 3, "auditor: {tmp} has no index.html (homepage)"),
        (["baseline", "{tmp}/missing"], 3, "auditor: {tmp}/missing: no such file or folder; no "
         "baseline written"),
        (["inspect", "{tmp}/missing"], 3, "auditor: {tmp}/missing: no such file or folder"),
        (["check", "--config", "{tmp}/bad.yml", NL_AFTER], 2, "auditor: {tmp}/bad.yml:2: "
         "not valid YAML ("),
        (["check", "--config", "{tmp}/twice.yml", NL_AFTER], 2, "auditor: {tmp}/twice.yml:2: "
         "lang: duplicate key"),
        (["check", "--baseline", "{tmp}/none.json", NL_AFTER], 2, "auditor: {tmp}/none.json: "),
        (["check", "--changed-since", "HEAD", "https://example.invalid/"], 2,
         "auditor: --changed-since works on folders and files"),
        (["diff", "{tmp}/report.json", "{tmp}/report.json"], 2, "auditor: {tmp}/report.json "
         "is not a copy-auditor JSON report"),
        (["explain", "no-such-rule"], 2, "auditor: unknown rule 'no-such-rule'"),
        (["check", "-o", "{tmp}/no/such/folder.txt", NL_AFTER], 2, "auditor: cannot write "),
        (["check", "--urls-file", "{tmp}/missing.txt"], 2, "auditor: cannot read "),
    ],
)  # fmt: skip
def test_real_errors_end_with_their_code(
    args: list[str], code: int, said: str, tmp_path: Path
) -> None:
    """Each raised where it really is (a target, the config, a baseline, git, a report file, the
    command's own checks), not by a stand-in."""
    (tmp_path / "bad.yml").write_text("rules: [a\n", encoding="utf-8")
    (tmp_path / "twice.yml").write_text("lang: en\nlang: nl\n", encoding="utf-8")
    (tmp_path / "report.json").write_text(json.dumps({"x": 1}), encoding="utf-8")
    result = run(*(arg.format(tmp=tmp_path) for arg in args))
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(said.format(tmp=tmp_path)), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_every_command_is_listed_and_found() -> None:
    """The commands are imported when used: each name leads to the command of that name."""
    names = [name for name, _, _ in cli.COMMANDS]
    assert names == sorted(names)
    for name, module, function in cli.COMMANDS:
        command = getattr(importlib.import_module(module), function)
        assert isinstance(command, click.Command) and command.name == name
    listed = run("--help").stdout
    assert all(f"  {name} " in listed for name in names)
    assert run("nope").exit_code == 2

"""The `auditor` command: its commands, and the one place where an error becomes an exit code."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

import click

from auditor import __version__
from auditor.cli.options import EXIT_INTERNAL, say
from auditor.core.errors import AuditorError

# each command's module and function, imported when the command is used (or listed): a quick
# start for `auditor --version` and for one command
COMMANDS = (
    ("baseline", "auditor.cli.project", "write_baseline"),
    ("check", "auditor.cli.check", "check"),
    ("diff", "auditor.cli.diff", "diff"),
    ("explain", "auditor.cli.rules", "explain"),
    ("init", "auditor.cli.project", "init"),
    ("inspect", "auditor.cli.inspect", "inspect_command"),
    ("rules", "auditor.cli.rules", "list_rules"),
    ("serve", "auditor.cli.serve", "serve_command"),
)


def _fail(message: str, code: int) -> NoReturn:
    say(message)
    sys.exit(code)


class _Commands(click.Group):
    """The commands. An AuditorError is its one line on stderr and its exit code (2: what the
    command was given cannot be used, 3: a target cannot be read); a failure nobody foresaw is
    one line and exit 4, never a traceback (and never exit 1, which says that there are
    findings). AUDITOR_TRACEBACK=1 shows it whole."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, _, _ in COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for name, module, function in COMMANDS:
            if name == cmd_name:
                command: click.Command = getattr(importlib.import_module(module), function)
                return command
        return None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:  # around click's own handling: reading options and completing them raise too
            return super().main(*args, **kwargs)
        except AuditorError as exc:
            _fail(str(exc), exc.exit_code)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, AuditorError):
            raise
        except Exception as exc:
            if os.environ.get("AUDITOR_TRACEBACK"):
                raise
            lines = str(exc).strip().splitlines()
            what = f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__
            _fail(f"internal error: {what} (please report it)", EXIT_INTERNAL)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copy-auditor")
def main() -> None:
    """copy-auditor: audit the copy of a coach's website."""

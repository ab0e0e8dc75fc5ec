"""What the commands share: exit codes, options, the --lang type, and how they speak."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from auditor.core.errors import InputError
from auditor.core.terminal import safe

EXIT_OK, EXIT_FINDINGS, EXIT_INTERNAL = 0, 1, 4  # errors: core/errors.py (2 and 3)
FILE = click.Path(dir_okay=False, path_type=Path)
OUTPUT_OPTION = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file instead of stdout.",
)
CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=FILE,
    help="Read this config file instead of the .auditor.yml or pyproject.toml found.",
)
MAX_PAGES_OPTION = click.option(
    "--max-pages",
    type=click.IntRange(1, 1000),
    default=20,
    show_default=True,
    help="Crawl at most this many pages of a URL.",
)
IGNORE_ROBOTS_OPTION = click.option(
    "--ignore-robots", is_flag=True, help="Crawl pages robots.txt disallows (your own site)."
)
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar on the terminal.")


def say(line: str) -> None:
    """One line on stderr, `auditor: ...`, made safe for the terminal (it may quote a server or
    a file name a stranger chose)."""
    click.echo(f"auditor: {safe(line)}", err=True)


def use_color(output: str | None) -> bool:
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def emit(text: str, output: str | None) -> None:
    """The command's output: written to the --output file, else to stdout."""
    if not output:
        click.echo(text, nl=False)
        return
    from auditor.core import atomic

    try:
        atomic.write_text(output, text)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from None


def _languages() -> tuple[str, ...]:
    from auditor.lexicons.knowledge import load_knowledge

    return tuple(load_knowledge().languages)


class Language(click.ParamType):
    """A language with a lexicon in rules/lexicons/, read when the option is used."""

    name = "language"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return f"[{'|'.join(_languages())}]"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        languages = _languages()
        if value not in languages:
            choices = ", ".join(repr(lang) for lang in languages)
            self.fail(f"{value!r} is not one of {choices}.", param, ctx)
        return value

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [CompletionItem(lang) for lang in _languages() if lang.startswith(incomplete)]


LANG_OPTION = click.option(
    "--lang", type=Language(), help="The report's language (each page's copy is read in its own)."
)

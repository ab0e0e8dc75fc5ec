"""The errors a user can act on: each says what is wrong in one line and carries the exit code
the command ends with (the cli maps them in one place, auditor/cli/main.py)."""

from __future__ import annotations

EXIT_USAGE = 2  # the command line, a configuration, rule, lexicon, baseline or report file
EXIT_TARGET = 3  # a target cannot be read


class AuditorError(Exception):
    """Something the user can fix, said in one line (no traceback)."""

    exit_code = EXIT_USAGE


class InputError(AuditorError):
    """What the command was given cannot be used: an option, a configuration, a rule, lexicon,
    baseline or report file, a file to write, git or the app's database."""

    exit_code = EXIT_USAGE


class TargetUnreadable(AuditorError):
    """A target cannot be read: no site where it points, or nothing of it could be fetched."""

    exit_code = EXIT_TARGET

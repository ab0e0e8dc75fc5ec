"""Names and defaults the command line shows before it loads anything else: the config file
names, the --fail-on choices, the baseline's file, the number of cores for --jobs."""

from __future__ import annotations

import os

CONFIG_FILES = (".auditor.yml", ".auditor.yaml")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_BASELINE = ".auditor-baseline.json"


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1

"""Start-up: a command imports only what it uses (bench/startup.py measures the time)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES

# the slow imports, and what needs them: a crawl, the HTML report, Markdown pages, a page whose
# bytes are not UTF-8
HEAVY = ("httpx", "asyncio", "jinja2", "markdown_it", "bs4")
PROBE = """
import json, sys
from auditor.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy} if m in sys.modules)), file=sys.stderr)
"""


def imported(*args: str) -> list[str]:
    """The heavy modules a new interpreter has imported after running `auditor ARGS`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        (["--version"], []),
        (["rules"], []),
        (["explain", "social-proof"], []),
        (["check", "-q", str(EXAMPLES / "en-before" / "index.html")], []),
        (
            ["check", "-q", "--format", "html", str(EXAMPLES / "en-before" / "index.html")],
            ["jinja2"],
        ),
        (
            ["check", "-q", "http://127.0.0.1:9/", "--timeout", "0.5", "--budget", "1"],
            ["asyncio", "httpx"],
        ),
    ],
    ids=["version", "rules", "explain", "check-page", "check-html", "check-url"],
)
def test_a_command_imports_only_what_it_uses(args: list[str], needs: list[str]) -> None:
    assert imported(*args) == needs

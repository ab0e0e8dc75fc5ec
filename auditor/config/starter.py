"""`auditor init`: a commented starter .auditor.yml."""

from __future__ import annotations

from pathlib import Path

STARTER = """\
# copy-auditor configuration. Every key is optional; options on the command line win.
# See the README, section "Configuration".

# The language of the report (messages, fixes, headings); default: each page's own.
# lang: nl

# The language of the copy, where the one detected per page is wrong: one for the whole site
# (content_lang: nl), or page globs (URL paths or files, * also matches /) -> a language.
content_lang:
  # /en/*: en

# Exit 1 when a finding is at or above this severity: error, warning, info or never.
fail_on: error

# Exit 1 when there are more warnings than this.
# max_warnings: 10

# Per rule (see `auditor rules`): off, a severity (error, warning, info), or a mapping
# with a severity and options that replace the rule's params (see `auditor explain RULE`).
rules:
  # homepage-self-focus: off
  # social-proof: info
  # about-page-credentials-list:
  #   severity: error
  #   options:
  #     min_items: 6

# Roles for pages whose address says nothing: a URL path or file glob -> home, about,
# pricing, offer, contact, privacy, blog, testimonials or other.
pages:
  # /wie-ben-ik/: about
  # /trajecten/*: offer

# Pages not audited: URL paths or file globs (* also matches /).
ignore:
  # - /blog/*
  # - drafts/*.html

# Folders of your own rules (YAML files, README section "Custom rules"), relative to this file.
rules_paths:
  # - copy-rules

# Findings recorded by `auditor baseline` are not reported again (README section "Baseline").
# baseline: .auditor-baseline.json

# Who sends the HTML report, shown at its top: your name, a note to the client, and a logo
# (the key logo, the path of a PNG, JPEG, GIF, WebP or SVG file of at most 512 kB).
# report:
#   name: Marieke de Vries, copy coach
#   note: Here is the check of your website. Start with the three points at the top.
"""


def write_starter(path: Path, force: bool) -> None:
    """Write the starter configuration; FileExistsError when there is one and not `force`."""
    with path.open("w" if force else "x", encoding="utf-8") as file:
        file.write(STARTER)

"""What the checks report: findings, where they are, and what could not be checked."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Element:
    """The element of its page a finding is on: a kind of Directive.spans and an index."""

    kind: str
    index: int


@dataclass
class Finding:
    """One place where the copy breaks a rule, with evidence and a fix."""

    rule: str
    severity: str
    page: str
    path: str | None
    line: int | None
    column: int | None
    message: str
    excerpt: str
    fix: str
    evidence: dict[str, object] = field(default_factory=dict)
    fingerprint: str = ""  # its rule, page and subject, hashed (auditor/checks/identity.py)
    # set when an inline directive or the baseline silences it: {"kind": ..., "reason": ...}
    suppression: dict[str, str] | None = None
    context: str = ""  # the copy around the excerpt, a few blocks, one a line (for reports)
    # where on its page, to match inline directives; not part of the JSON report
    element: Element | None = field(default=None, metadata={"report": False})
    # the fingerprints it had before subjects (of its excerpt), matched by baselines and older
    # reports that hold them; not part of the JSON report
    former: tuple[str, ...] = field(default=(), metadata={"report": False})


@dataclass(frozen=True)
class Unchecked:
    """Why a rule could not be checked: a reason code, its message, the page concerned."""

    reason: str  # a key of the lexicons' `not_checked` texts ("no_about_page", "js_shell"...)
    message: str  # in the report's language (--lang), else the page's (else the site's)
    page: str | None = None

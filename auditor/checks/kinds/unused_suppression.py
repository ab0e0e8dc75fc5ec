"""Check kind `unused_suppression`: inline directives that silence no finding.

It needs the findings of every other rule, so it finds nothing while the rules run;
auditor/checks/suppress.py reports these directives once they have run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.site.model import Site


@dataclass(frozen=True)
class DirectiveParams(KindParams):
    """`roles`: the pages whose directives are read; a directive has no region."""

    ROLES_ONLY: ClassVar[bool] = True


@check_kind(
    "unused_suppression", params=DirectiveParams,
    variants=("default", "not_a_directive", "enable", "all", "unknown_rule"),
)  # fmt: skip
def unused_suppression(site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]) -> Iterator[Hit]:
    return iter(())

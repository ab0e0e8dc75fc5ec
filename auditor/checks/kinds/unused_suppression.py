"""Check kind `unused_suppression`: inline directives that silence no finding.

It needs the findings of every other rule, so it finds nothing while the rules run;
auditor/checks/suppress.py reports these directives once they have run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from auditor.checks.rule import Hit, Rule, check_kind
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.site.model import Site


@check_kind("unused_suppression")
def unused_suppression(site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]) -> Iterator[Hit]:
    return iter(())

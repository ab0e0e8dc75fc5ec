"""Check kind `unused_suppression`: inline directives that silence no finding.

It needs the findings of every other rule, so it finds nothing while the rules run;
auditor/suppress.py reports these directives once they have run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from auditor.lexicon import Lexicon
from auditor.model import Page, Site
from auditor.rules import Hit, Rule, check_kind


@check_kind("unused_suppression")
def unused_suppression(site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]) -> Iterator[Hit]:
    return iter(())

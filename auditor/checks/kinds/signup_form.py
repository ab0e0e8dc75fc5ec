"""Check kind `signup_form`: a form that collects e-mail addresses links to a privacy statement."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from auditor.checks.identity import form_subject
from auditor.checks.kinds.scope import KindParams
from auditor.checks.rule import Hit, NotChecked, Rule, check_kind
from auditor.core.urls import page_key, slug_words
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Form, Link, Page
from auditor.site.model import Site


@dataclass(frozen=True, kw_only=True)
class SignupParams(KindParams):
    blocks_before: int  # a link this many blocks before the form counts as next to it
    blocks_after: int  # and this many blocks after it


def is_privacy_link(link: Link, lex: Lexicon) -> bool:
    """A link whose text or address names a privacy statement."""
    key = page_key(link.href) or ""
    return bool(
        lex["privacy_link"].search(link.text) or lex["privacy_link"].search(slug_words(key))
    )


def links_near(page: Page, form: Form, before: int, after: int) -> list[Link]:
    """The links in the form, in the section of the page that holds it (the site footer, for
    a form in the footer) and in the blocks just before and after it."""
    end = form.last_block if form.last_block is not None else form.block_index - 1
    start, stop = form.block_index - before, end + after
    return [
        *form.links,
        *form.nearby_links,
        *(k for k in page.links if start <= k.block_index <= stop),
    ]


def _label_before(page: Page, form: Form) -> str:
    """What introduces a form that has no text of its own: the block just before it."""
    before = page.blocks[: form.block_index]
    return before[-1].text if before else ""


@check_kind(
    "signup_form",
    params=SignupParams,
    per_page=True,
    variants=("prechecked", "no_link"),
    lexicon=("privacy_link",),
)
def signup_form(
    site: Site, rule: Rule, lexicon: Callable[[Page], Lexicon]
) -> Iterator[Hit | NotChecked]:
    params: SignupParams = rule.params
    before, after = params.blocks_before, params.blocks_after
    pages = [p for p in site.pages if params.scope.reads(p)]
    if not any(form.has_email for page in pages for form in page.forms):
        # nothing to judge; on a JavaScript shell a form may be there once its scripts run
        shell = next((p for p in pages if p.js_shell), None)
        yield NotChecked("js_shell", shell) if shell else NotChecked("no_email_form")
        return
    for page in pages:
        lex = lexicon(page)
        low, high = params.scope.block_range(page, lex)
        seen: set[int] = set()
        for form in page.forms:
            key = -1 if form.bare else form.block_index  # loose e-mail fields make one form
            if not form.has_email or key in seen or not low <= form.block_index <= high:
                continue
            seen.add(key)
            excerpt = form.text or _label_before(page, form)
            if form.prechecked_consent:
                yield Hit(page, excerpt, form=form, variant="prechecked",
                          subject=f"{form_subject(form, page.url)} (prechecked)",
                          evidence={"prechecked_consent": True})  # fmt: skip
            if not any(is_privacy_link(k, lex) for k in links_near(page, form, before, after)):
                yield Hit(page, excerpt, form=form, variant="no_link",
                          subject=f"{form_subject(form, page.url)} (no privacy link)",
                          evidence={"fields": form.visible_fields})  # fmt: skip

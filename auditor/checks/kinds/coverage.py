"""Why a check cannot judge its rule: the page it reads is missing, could not be read, is a
JavaScript shell or has no copy; or the thing the rule is about (an offer, an about page)
was not found. Each helper gives the NotChecked to yield, or what the check reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from auditor.checks.rule import NotChecked
from auditor.core.urls import host_of, page_key, slug_words
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.site.model import Site
from auditor.site.offers import sells
from auditor.site.roles import role_of_label


def _unread(site: Site, roles: Iterable[str]) -> str | None:
    """A page that could not be read whose address names one of `roles` ("/" the homepage)."""
    wanted = set(roles)
    for error in site.errors:
        key = page_key(error.page, host_of(error.page))
        if key is None or error.page == site.target:  # a rule that failed, not a page
            continue
        if key == "/":
            if "home" in wanted:
                return error.page
            continue
        words = slug_words(key)
        if any(role_of_label(words, lex) in wanted for lex in site.knowledge.lexicons.values()):
            return error.page
    return None


def unreadable(page: Page) -> NotChecked | None:
    """Why the copy of a page cannot be judged (a JavaScript shell, no copy), or None."""
    if page.js_shell:
        return NotChecked("js_shell", page)
    if not page.blocks:
        return NotChecked("no_copy", page)
    return None


def no_home(site: Site) -> NotChecked:
    """Why a site has no homepage: it could not be read, or there is none."""
    url = _unread(site, ["home"])
    return NotChecked("unreadable", url=url) if url else NotChecked("no_homepage")


def readable_home(site: Site) -> Page | NotChecked:
    """The homepage, or why its copy cannot be judged."""
    home = site.home
    return no_home(site) if home is None else unreadable(home) or home


def missing_pages(site: Site, roles: Iterable[str], absent: NotChecked) -> NotChecked:
    """Why no page (or section) of `roles` could be read: the first such page that is a
    shell or has no copy, one that could not be fetched, else `absent`."""
    roles = set(roles)
    for page in site.pages:
        if page.role in roles and (skip := unreadable(page)):
            return skip
    url = _unread(site, roles)
    return NotChecked("unreadable", url=url) if url else absent


def no_offers(site: Site, lexicon: Callable[[Page], Lexicon]) -> NotChecked:
    """Why a site has no offers: its offer pages (or homepage) could not be read, or it sells
    something that was not found as an offer, or it seems to sell nothing."""
    home = site.home
    shell = next((p for p in site.pages if p.js_shell and p.role in ("home", "offer", "pricing")),
                 None)  # fmt: skip
    if shell is not None:
        return NotChecked("js_shell", shell)
    url = _unread(site, ["offer", "pricing"])
    if url:
        return NotChecked("unreadable", url=url)
    selling = (
        any(p.role in ("offer", "pricing") for p in site.pages)
        or bool(site.regions_of("pricing"))
        or (home is not None and sells(home, lexicon(home)))
    )
    return NotChecked("no_offer" if selling else "sells_nothing")

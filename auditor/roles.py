"""Page roles (home, about, pricing, offer, contact, privacy, blog, testimonials, other)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from auditor.lexicon import Lexicon
from auditor.model import Page, RoleReason
from auditor.page_globs import glob_for
from auditor.urls import page_key, slug_words

# the order in which a page's signals are tried: the first role that matches wins
ROLE_ORDER = ("privacy", "pricing", "about", "contact", "blog", "testimonials", "offer")
ROLES = ("home", *ROLE_ORDER, "other")  # every role a page can have


def role_of_label(label: str, lex: Lexicon) -> str | None:
    """The role a slug, menu label or heading names, if it names exactly one."""
    if not label or len(label.split()) > 6:
        return None
    for role in ROLE_ORDER:
        if lex[f"roles.{role}"].fullmatch(label):
            return role
    return None


def nav_labels(pages: list[Page], site_host: str) -> dict[str, list[str]]:
    """The labels of the links that point at each page key (menus first, then body links)."""
    labels: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        for link in [*page.nav_links, *page.links]:
            key = page_key(link.href, site_host)
            if key and link.text and link.text not in labels[key]:
                labels[key].append(link.text)
    return labels


def page_role(page: Page, key: str, labels: list[str], lex: Lexicon) -> tuple[str, RoleReason]:
    """A page's role from its URL slug, the labels of links to it, its h1 and its title, with
    the signal that gave it."""
    if key == "/":
        return "home", RoleReason("homepage")
    title = page.title.split("|")[0].split(" - ")[0]
    signals = [("slug", slug_words(key)), *(("label", s) for s in labels), ("h1", page.h1)]
    for signal, text in [*signals, ("title", title)]:
        if role := role_of_label(text.strip(), lex):
            return role, RoleReason(signal, text.strip())
    for signal, text in signals:  # "loopbaancoaching", "Sportpsychologie", "Couples coaching"
        if word := lex["offer_words"].search(text):
            return "offer", RoleReason(signal, text.strip(), word.group())
    return "other", RoleReason()


def assign_roles(
    pages: list[Page],
    lexicons: dict[str, Lexicon],
    site_host: str,
    fallback: str,
    fixed: Mapping[str, str] | None = None,
    labels: dict[str, list[str]] | None = None,
) -> None:
    """Give each page its role, and the reason, from its URL slug, the labels linking to it,
    and its h1.

    `fixed` (the configuration's `pages`: glob -> role) wins over all of them.
    `labels`: nav_labels of the pages, when known already.
    """
    labels = nav_labels(pages, site_host) if labels is None else labels
    for page in pages:
        if fixed and (glob := glob_for(fixed, page.url, page.path)):
            page.role, page.role_reason = fixed[glob], RoleReason("config", glob)
            continue
        key = page_key(page.url, site_host) or ""
        lex = lexicons.get(page.lang) or lexicons[fallback]
        page.role, page.role_reason = page_role(page, key, labels.get(key, []), lex)

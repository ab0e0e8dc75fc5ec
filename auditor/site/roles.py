"""Page roles (home, about, pricing, offer, contact, privacy, blog, testimonials, other)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from auditor.core.page_globs import glob_for
from auditor.core.urls import page_key, slug_words
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page, RoleReason
from auditor.site.content_roles import content_role, content_signals, third_person_about

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
    """The labels of the links that point at each page key (menus first, then body links).

    A link to a section of a page ("/emdr#stories": "Client stories") names that section,
    not the page, and is left out.
    """
    labels: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        for link in [*page.nav_links, *page.links]:
            if "#" in link.href:
                continue
            key = page_key(link.href, site_host)
            if key and link.text and link.text not in labels[key]:
                labels[key].append(link.text)
    return labels


def menu_keys(pages: list[Page], site_host: str) -> set[str]:
    """The pages a visitor reaches from a menu (of any page), from the homepage's copy or
    from the copy of a page named as an offer (an overview of the services)."""
    keys = set()
    for page in pages:
        own = page_key(page.url, site_host)
        overview = own == "/" or page.role == "offer"
        for link in [*page.nav_links, *(page.links if overview else [])]:
            if (key := page_key(link.href, site_host)) is not None:
                keys.add(key)
    return keys


def page_role(
    page: Page, key: str, labels: list[str], lex: Lexicon, in_menu: bool = True
) -> tuple[str, RoleReason]:
    """A page's role from its URL slug, the labels of links to it, its h1 and its title;
    else, for a page a menu or the homepage links to, from what its copy describes; with
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
    if in_menu and (page.blocks or page.content):
        if page.content is None:
            page.content = content_signals(page, lex)
        if found := content_role(page.content):
            return found[0], RoleReason("content", found[1])
    return "other", RoleReason()


def assign_roles(
    pages: list[Page],
    lexicons: Mapping[str, Lexicon],
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
    named: list[Page] = []  # the pages left to be judged by their content
    for page in pages:
        if fixed and (glob := glob_for(fixed, page.url, page.path)):
            page.role, page.role_reason = fixed[glob], RoleReason("config", glob)
            continue
        key = page_key(page.url, site_host) or ""
        lex = lexicon_for(page, lexicons, fallback)
        page.role, page.role_reason = page_role(page, key, labels.get(key, []), lex, False)
        named.append(page)
    reached = menu_keys(pages, site_host)
    for page in named:
        key = page_key(page.url, site_host) or ""
        if page.role == "other" and key in reached:
            lex = lexicon_for(page, lexicons, fallback)
            page.role, page.role_reason = page_role(page, key, labels.get(key, []), lex)
    if not any(page.role == "about" for page in pages):
        _about_in_third_person(named)


def _about_in_third_person(pages: list[Page]) -> None:
    """The page that reads most like the owner's CV becomes the about page of a site that
    has none by name or by first-person copy."""
    candidates = [
        (page.content.background, page, reason)
        for page in pages
        if page.role == "other" and page.content and (reason := third_person_about(page.content))
    ]
    if candidates:
        _, page, reason = max(candidates, key=lambda c: c[0])
        page.role, page.role_reason = "about", RoleReason("content", reason)


def lexicon_for(page: Page, lexicons: Mapping[str, Lexicon], fallback: str = "en") -> Lexicon:
    """The lexicon of the page's language, else of the site's (`fallback`)."""
    return lexicons.get(page.lang) or lexicons[fallback]

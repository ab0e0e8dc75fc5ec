"""Build the Site: parse the pages, give them roles, find role sections and offers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from auditor.core.urls import page_key, site_base, slug_words
from auditor.lexicons.knowledge import Knowledge
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.page.reader import PageReader
from auditor.site.destinations import Leads
from auditor.site.model import Destination, Region, Site
from auditor.site.offers import offers_in, sells
from auditor.site.roles import assign_roles, lexicon_for, role_of_label
from auditor.sources.raw import FetchError, RawPage

SECTION_ROLES = ("about", "pricing", "offer", "contact")
WHOLE_ROLES = frozenset({"home", *SECTION_ROLES})  # the pages whose copy site rules read


def site_host(target: str, pages: list[Page]) -> str:
    """The host of a crawled site, and the folder it is in if it is one ("" for a folder on
    disk, whose links are site paths): see urls.site_base."""
    return site_base(target, [page.url for page in pages])


def _anchor_regions(page: Page, lex: Lexicon) -> list[Region]:
    """Sections of a one-page site that in-page menu links point at (#over-mij, #tarieven)."""
    spans: dict[str, list[int]] = {}
    for b in page.blocks:
        if b.anchor:
            spans.setdefault(b.anchor, []).append(b.index)
    regions = []
    for anchor, indexes in spans.items():
        first, last = indexes[0], indexes[-1]
        heading = next((b.text for b in page.blocks[first : last + 1] if b.kind == "heading"), "")
        label = page.anchors.get(anchor, "")
        role = (
            role_of_label(label, lex)
            or role_of_label(slug_words(anchor), lex)
            or role_of_label(heading, lex)
        )
        if role in SECTION_ROLES:
            regions.append(Region(page, role, first, last, heading or label or anchor))
    return regions


def _heading_regions(page: Page, lex: Lexicon, roles: set[str]) -> list[Region]:
    """Sections headed "Over mij", "Tarieven", "Services"... on a page without menu anchors."""
    top = min((b.level for b in page.blocks if b.kind == "heading" and b.level > 1), default=2)
    regions = []
    for b in page.blocks:
        if b.kind != "heading" or b.level != top or b.quoted:
            continue
        role = role_of_label(b.text, lex)
        if role in roles:
            last = next(
                (h.index - 1 for h in page.blocks[b.index + 1 :]
                 if h.kind == "heading" and h.level <= top),
                len(page.blocks) - 1,
            )  # fmt: skip
            regions.append(Region(page, role, b.index, last, b.text))
    return regions


def find_regions(pages: list[Page], lexicons: Mapping[str, Lexicon], fallback: str) -> list[Region]:
    """Role pages as whole regions, plus the role sections of the homepage."""
    regions = [
        Region(p, p.role, 0, len(p.blocks) - 1, p.h1 or p.title or p.url)
        for p in pages
        if p.role in SECTION_ROLES and p.blocks
    ]
    missing = set(SECTION_ROLES) - {r.role for r in regions}
    for home in (p for p in pages if p.role == "home" and p.blocks):
        lex = lexicon_for(home, lexicons, fallback)
        sections = _anchor_regions(home, lex) or _heading_regions(home, lex, missing)
        regions.extend(r for r in sections if r.role in missing)
    return regions


def build_site(
    target: str,
    raw_pages: list[RawPage],
    errors: list[FetchError],
    reader: PageReader,
    roles: Mapping[str, str] | None = None,
) -> Site:
    """Model the site, each raw page parsed once by `reader` (its context: the knowledge the
    copy is read with, and the languages the configuration gives pages' copy).

    `roles` (glob -> role, from the configuration) fixes the role of the pages it matches.
    """
    pages: list[Page] = []
    for raw in raw_pages:
        page = reader.read(raw)
        if isinstance(page, FetchError):
            errors.append(page)
        else:
            pages.append(page)
    return model_site(target, pages, errors, fixed=roles, knowledge=reader.context.knowledge)


def model_site(
    target: str,
    pages: list[Page],
    errors: list[FetchError],
    labels: dict[str, list[str]] | None = None,
    whole: Callable[[Page], Page] | None = None,
    fixed: Mapping[str, str] | None = None,
    reread: Callable[[Page], Page] | None = None,
    *,
    knowledge: Knowledge,
) -> Site:
    """Give parsed pages their roles and find the role sections and offers (reading their
    copy with `knowledge`).

    `labels` are the nav_labels of the pages when they are known already; `whole` gives
    back all the copy of a page that was kept short (see auditor/audit/pagework.py) when the
    rules read pages of its role; `fixed` (the configuration's `pages`: glob -> role) fixes
    the role of the pages it matches; `reread` gives back all the copy of any short page
    (an offer's button may lead to one).
    """
    lexicons = knowledge.lexicons
    host = site_host(target, pages)
    fallback = _site_language(pages)
    for page in pages:
        page.lang = page.lang or fallback
    assign_roles(pages, lexicons, host, fallback, fixed, labels)
    if whole is not None:
        pages[:] = [whole(p) for p in pages]
    regions = find_regions(pages, lexicons, fallback)
    by_key = {page_key(p.url, host) or "": p for p in pages}
    leads = Leads(pages, host, lambda page: lexicon_for(page, lexicons, fallback), reread)
    offers = [
        offer
        for region in regions
        if region.role == "offer"
        for offer in offers_in(
            region, lexicon_for(region.page, lexicons, fallback), by_key, host, leads
        )
    ]
    home = next((p for p in pages if p.role == "home" and p.blocks), None)
    if not offers and home and sells(home, lexicon_for(home, lexicons, fallback)):
        # nothing else describes the service: the homepage itself is the offer
        region = Region(home, "offer", 0, len(home.blocks) - 1, home.h1 or home.title or "/")
        offers = offers_in(region, lexicon_for(home, lexicons, fallback), by_key, host, leads)
    actions: dict[str, list[Destination]] = {}  # the same for every offer of a page
    for offer in offers:
        if offer.page.url not in actions:
            actions[offer.page.url] = leads.page_actions(offer.page, offers)
        offer.page_actions = actions[offer.page.url]
    return Site(target=target, pages=pages, offers=offers, regions=regions, errors=errors,
                knowledge=knowledge)  # fmt: skip


def _site_language(pages: list[Page]) -> str:
    """The language most pages are known to be in (English when none is known)."""
    known = Counter(p.lang for p in pages if p.lang)
    return known.most_common(1)[0][0] if known else "en"

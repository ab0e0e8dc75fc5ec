"""Build the Site: parse the pages, give them roles, find role sections and offers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from urllib.parse import urlsplit

from auditor.lexicon import Lexicon, load_lexicons
from auditor.model import FetchError, Page, RawPage, Region, Site
from auditor.offers import offers_in, sells
from auditor.parse import parse_page
from auditor.roles import assign_roles, role_of_label
from auditor.urls import host_of, page_key, slug_words

SECTION_ROLES = ("about", "pricing", "offer", "contact")


def lexicon_for(page: Page, lexicons: dict[str, Lexicon], fallback: str = "en") -> Lexicon:
    return lexicons.get(page.lang) or lexicons[fallback]


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


def find_regions(pages: list[Page], lexicons: dict[str, Lexicon], fallback: str) -> list[Region]:
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
    forced_lang: str | None = None,
    parsed: dict[str, Page] | None = None,
    roles: Mapping[str, str] | None = None,
) -> Site:
    """Model the site, parsing each raw page once (`parsed` holds pages parsed already).

    `roles` (glob -> role, from the configuration) fixes the role of the pages it matches.
    """
    lexicons = load_lexicons()
    pages: list[Page] = []
    for raw in raw_pages:
        try:
            pages.append((parsed or {}).get(raw.url) or parse_page(raw, forced_lang))
        except Exception as exc:  # one bad page never loses the others' findings
            errors.append(FetchError(raw.url, f"could not parse: {type(exc).__name__}"))
    host = host_of(target) if urlsplit(target).scheme in ("http", "https") else ""
    fallback = forced_lang or _site_language(pages)
    for page in pages:
        page.lang = page.lang or fallback
    assign_roles(pages, lexicons, host, fallback, roles)
    regions = find_regions(pages, lexicons, fallback)
    roles = {page_key(p.url, host) or "": p.role for p in pages}
    offers = [
        offer
        for region in regions
        if region.role == "offer"
        for offer in offers_in(region, lexicon_for(region.page, lexicons, fallback), roles, host)
    ]
    home = next((p for p in pages if p.role == "home" and p.blocks), None)
    if not offers and home and sells(home, lexicon_for(home, lexicons, fallback)):
        # nothing else describes the service: the homepage itself is the offer
        region = Region(home, "offer", 0, len(home.blocks) - 1, home.h1 or home.title or "/")
        offers = offers_in(region, lexicon_for(home, lexicons, fallback), roles, host)
    return Site(target=target, pages=pages, offers=offers, regions=regions, errors=errors)


def _site_language(pages: list[Page]) -> str:
    """The language most pages are known to be in (English when none is known)."""
    known = Counter(p.lang for p in pages if p.lang)
    return known.most_common(1)[0][0] if known else "en"

"""`auditor inspect`: the site model as the rules see it, as plain data (inspect_version "1").

Each page with its role and the reason for it, its sections, role sections, forms and
testimonial markup; each offer with its prices as written and its actions, and where each
action leads; the shop window (auditor/audit/shop_window.py); the pages that could not be read.
The JSON output is this data as it is; the text output (auditor/reporters/inspect_report.py)
formats it. The shape is documented in README.md ("Inspect") and in `auditor inspect --help`.
"""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import urlsplit

from auditor import __version__
from auditor.audit.shop_window import shop_window
from auditor.checks.kinds.signup_form import SignupParams, is_privacy_link, links_near
from auditor.checks.loader import load_rules
from auditor.checks.rule import Rule
from auditor.core.urls import page_key
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Block, Form, Link, Page
from auditor.page.sentences import is_testimonial_heading
from auditor.site.build import site_host
from auditor.site.model import Destination, Offer, Site
from auditor.site.offers import action_host_kind, is_message_link

INSPECT_VERSION = "1"
EXCERPT = 200  # characters of a quoted block kept

Data = dict[str, object]


class _View:
    """What describing one site needs: its pages by key, its host, its lexicons."""

    def __init__(self, site: Site, rules: list[Rule] | None) -> None:
        self.site = site
        self.host = site_host(site.target, site.pages)
        self.by_key = {page_key(p.url, self.host): p for p in site.pages}
        self.markup = site.knowledge.markup
        # the form rule's reach as configured, else (turned off) as the bundled rule sets it
        signup = next((r for r in rules or () if r.check == "signup_form"), None)
        bundled = () if signup else load_rules(knowledge=site.knowledge)
        signup = signup or next(r for r in bundled if r.check == "signup_form")
        self.near: SignupParams = signup.params

    def lex(self, page: Page) -> Lexicon:
        return self.site.knowledge.lexicon(page.lang)


def inspect_site(site: Site, rules: list[Rule] | None = None) -> Data:
    """The site model as plain data; `rules` (as configured) give the form rule's reach."""
    view = _View(site, rules)
    return {
        "inspect_version": INSPECT_VERSION,
        "tool": {"name": "copy-auditor", "version": __version__},
        "target": site.target,
        "pages": [_page(view, page) for page in site.pages],
        "offers": [_offer(view, offer) for offer in site.offers],
        # each offer as a visitor meets it (auditor/audit/shop_window.py), as in the JSON report
        "shop_window": [asdict(item) for item in shop_window(site)],
        "errors": [{"page": e.page, "message": e.message} for e in site.errors],
    }


def _page(view: _View, page: Page) -> Data:
    reason = page.role_reason
    return {
        "url": page.url,
        "path": page.path,
        "lang": page.lang,
        "title": page.title,
        "h1": page.h1,
        "role": page.role,
        "role_reason": {
            "signal": reason.signal,
            "value": reason.value,
            "word": reason.word,
            "text": reason.text,
        },
        "blocks": len(page.blocks),
        "sections": _sections(page.blocks),
        "role_sections": [
            {"role": r.role, "name": r.name, **_span(page, r.first_block, r.last_block)}
            for r in view.site.regions
            if r.page is page and not r.whole_page
        ],
        "forms": [_form(view, page, form) for form in page.forms],
        "testimonials": {
            "quoted_blocks": [_block(b) for b in page.blocks if b.quoted],
            "headings": [
                _block(b) for b in page.blocks if is_testimonial_heading(b, view.lex(page))
            ],
            "review_widget": page.review_widget,
        },
    }


def _span(page: Page, first: int, last: int) -> Data:
    """A block range, with the source line of its first block."""
    line = page.blocks[first].line if 0 <= first < len(page.blocks) else None
    return {"first_block": first, "last_block": last, "line": line}


def _block(block: Block) -> Data:
    return {"block": block.index, "line": block.line, "text": block.text[:EXCERPT]}


def _sections(blocks: list[Block]) -> list[Data]:
    """Each heading with the blocks it heads: up to the next heading of its level or higher."""
    sections = []
    for b in blocks:
        if b.kind != "heading":
            continue
        last = next(
            (
                h.index - 1
                for h in blocks[b.index + 1 :]
                if h.kind == "heading" and h.level <= b.level
            ),
            len(blocks) - 1,
        )
        sections.append(
            {"heading": b.text, "level": b.level, "first_block": b.index, "last_block": last,
             "line": b.line}
        )  # fmt: skip
    return sections


def _form(view: _View, page: Page, form: Form) -> Data:
    near = links_near(page, form, view.near.blocks_before, view.near.blocks_after)
    privacy = next((k for k in near if is_privacy_link(k, view.lex(page))), None)
    return {
        "line": form.line,
        "first_block": form.block_index,
        "last_block": form.last_block,
        "email_field": form.has_email,
        "visible_fields": form.visible_fields,
        "privacy_link": None if privacy is None else {"label": privacy.text, "href": privacy.href},
        "prechecked_consent": form.prechecked_consent,
        "bare": form.bare,
    }


def _offer(view: _View, offer: Offer) -> Data:
    page = offer.page
    judged = {id(k): "buy" for k in offer.actions}
    for k in offer.contact_only:
        judged.setdefault(id(k), "contact")
    inside = {id(k) for k in page.links if offer.first_block <= k.block_index <= offer.last_block}
    # in page order: the offer's actions and contact links, and the other links inside it
    links = [k for k in page.links if id(k) in judged or id(k) in inside]
    shown = {id(k) for k in links}
    links += {
        id(k): k for k in [*offer.actions, *offer.contact_only] if id(k) not in shown
    }.values()
    judged_by = {id(k): dest for k, dest in offer.leads}
    actions = [
        _action(view, page, k, judged.get(id(k), "other"), judged_by.get(id(k))) for k in links
    ]
    return {
        "name": offer.name,
        "page": page.url,
        "path": page.path,
        **_span(page, offer.first_block, offer.last_block),
        "prices": [
            {"text": p.text, "amount": p.amount, "currency": p.currency} for p in offer.prices
        ],
        "price_on_request": offer.price_on_request,
        "actions": actions,
        # booking or checkout actions elsewhere on its page, which count for it too
        "page_actions": list(
            {(d.kind, d.target): _destination(d) for d in offer.page_actions}.values()
        ),
    }


def _action(view: _View, page: Page, link: Link, judged: str, dest: Destination | None) -> Data:
    return {
        "label": link.text,
        "href": link.href,
        "line": link.line,
        "button": link.is_button,
        "judged": judged,
        "leads_to": _leads_to(view, page, link.href),
        # what the destination was judged to be (auditor/site/destinations.py), when it was
        "destination": None if dest is None else _destination(dest),
    }


def _destination(dest: Destination) -> Data:
    return {"kind": dest.kind, "target": dest.target, "reason": dest.reason}


def _leads_to(view: _View, page: Page, href: str) -> Data:
    """Where a link goes: a message (mailto, tel...), a form it submits, a booking, payment,
    checkout or events service, a page of this site (with its role), this page, a page not
    read, another site, or nowhere a link says (a button run by a script)."""
    if is_message_link(href, view.markup):
        return {"kind": "message"}
    if href.startswith("form:"):  # a form's submit button
        return {"kind": "form"}
    if kind := action_host_kind(href, view.markup):
        return {"kind": kind}
    key = page_key(href, view.host)
    if key is None:  # another site, or a button without a link (a script's, javascript:)
        return {"kind": "external" if urlsplit(href).scheme in ("http", "https") else "no_link"}
    if key == page_key(page.url, view.host):
        return {"kind": "this_page", "page": page.url, "role": page.role}
    target = view.by_key.get(key)
    if target is None:
        return {"kind": "not_read"}
    return {"kind": "page", "page": target.url, "role": target.role}

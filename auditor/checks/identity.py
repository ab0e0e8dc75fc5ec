"""What makes two findings the same finding, run after run: their fingerprint.

A finding is its rule, its page and its subject: what it is about. For a finding about the
homepage as a whole (no call to action in its opening, no proof from clients) that is "the
homepage"; for one about an offer, the offer's name (a page that is one offer: "the page's
offer"); a form, the form; a jargon term, the term; an about page, that page or section. Only a
finding about one piece of copy (a phrase a custom rule forbids, a directive) is that copy,
which does not change when lines move or copy around it changes. So rewording a heading or
other copy keeps every finding the same one.

Until subjects, a fingerprint hashed the finding's excerpt (the copy it quotes); that hash is kept
as the finding's former fingerprint, so that baselines and reports written then still match.
"""

from __future__ import annotations

import hashlib
import re

from auditor.core.urls import host_of, page_key
from auditor.page.model import Form
from auditor.site.model import Offer, Region

HOMEPAGE = "the homepage"
WHOLE_PAGE = "the page"


def fingerprint(rule: str, page_url: str, subject: str) -> str:
    """The fingerprint of a finding of `rule` on a page about `subject` (case, spacing and
    punctuation aside; the host aside, so that a site read from a folder matches it crawled)."""
    key = page_key(page_url, host_of(page_url)) or page_url
    normal = re.sub(r"\W+", " ", subject.lower()).strip()
    return hashlib.sha256(f"{rule}\n{key}\n{normal}".encode()).hexdigest()[:20]


def offer_subject(offer: Offer) -> str:
    """An offer by its name; an offer that is its whole page (named by the page's h1 or title)
    is the page's offer, so that rewording the h1 keeps it."""
    if offer.first_block == 0 and offer.last_block == len(offer.page.blocks) - 1:
        return "the page's offer"
    return f"offer {offer.name}"


def form_subject(form: Form, page_url: str) -> str:
    """A form by where it is sent and the kinds of its fields, not by the words in it."""
    if form.bare:
        return "e-mail field outside a form"
    sent_to = (page_key(form.action, host_of(page_url)) or form.action) if form.action else ""
    return f"form to {sent_to or 'this page'}: {' '.join(f.kind for f in form.fields)}"


def region_subject(region: Region) -> str:
    """A page that plays a role, or a section of one by its anchor (else its heading)."""
    if region.whole_page:
        return WHOLE_PAGE
    anchor = region.page.blocks[region.first_block].anchor
    return f"section #{anchor}" if anchor else f"section {region.name}"

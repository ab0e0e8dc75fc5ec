"""Where a link leads: a booking tool or checkout, a form that books, or only a way to write.

A call to action is judged by what it opens, not by its words (RUBRIC.md, "Clarifications"):
a link to a booking or payment host, or to a page of the site that embeds a scheduler, links
to one, or carries a form that books (it asks which session or package, or for a date or
time, or says it books or requests an appointment), books. A page that only gives an e-mail
address or phone number, a generic contact form (name, e-mail, message), or a form that only
opens the visitor's mail program or WhatsApp is "mail me" in disguise. A buy-looking link on
the destination page is followed one step further. A page that is not in the crawl (or whose
copy was not kept) is "unknown": the link's label decides, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor.core.urls import page_key
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Form, Link, Page
from auditor.site.model import Destination, Offer
from auditor.site.offers import action_host_kind, is_buy_label, is_message_link

FOLLOW_STEPS = 1  # how far a buy-looking link on a destination page is followed
# field types that ask for a date or time
TIME_TYPES = frozenset({"date", "time", "datetime-local", "datetime", "week", "month"})
# field names (mostly English whatever the site's language) that ask for a date or time
TIME_NAME = re.compile(r"(?<![a-z])(date|datum|time|tijd|tijdstip|uhrzeit|termin)(?![a-z])")
# field names that ask which service, session or package
CHOICE_NAME = re.compile(
    r"(?<![a-z])(service|services|dienst|package|pakket|paket|leistung|angebot|session|sessie"
    r"|treatment|behandeling|behandlung|program|programma|programm)(?![a-z])"
)
# the fields of a generic contact form: name, e-mail, phone, subject, message
CONTACT_TYPES = frozenset({"text", "email", "tel", "textarea", "url"})
DISGUISED = ("contact", "contact_form")  # the kinds that are "mail me" in disguise


def _host_destination(href: str, markup: Mapping[str, Any]) -> Destination | None:
    """A booking, payment or checkout service (or a checkout path of the site)."""
    kind = action_host_kind(href, markup)
    if kind is None:
        return None
    return Destination("booking" if kind in ("booking", "events") else "checkout", href, kind)


def judge_form(form: Form, page: Page, lex: Lexicon) -> Destination | None:
    """What a form does: books ("booking_form"), only sends a message ("contact_form"), or
    something else (None: a sign-up or application form, a form of unknown purpose)."""
    key = page.url
    if form.bare:
        return None
    if is_message_link(form.action, lex.markup):
        return Destination("contact_form", key, "a form that opens a message: " + form.action)
    last = form.last_block if form.last_block is not None else form.block_index - 1
    # its labels and buttons, block by block (form.text runs them together), and the note under it
    text = " ".join(b.text for b in page.blocks[form.block_index : last + 2])
    if lex["forms.opens_message"].search(text):
        return Destination("contact_form", key, "a form that opens the visitor's mail or app")
    if host := _host_destination(form.action, lex.markup):
        return host
    for f in form.fields:
        if f.kind in TIME_TYPES or TIME_NAME.search(f.name):
            return Destination("booking_form", key, "a form asking for a date or time")
        choice = f.kind in ("select", "radio")
        if choice and (
            CHOICE_NAME.search(f.name) or any(lex["offer_words"].search(o) for o in f.options)
        ):
            return Destination("booking_form", key, "a form asking which session or service")
    # the heading it stands under (for a form without text of its own: the block before it)
    at = form.block_index if form.last_block is not None else form.block_index - 1
    heading = page.blocks[at].section if 0 <= at < len(page.blocks) else ""
    inside = " ".join(b.text for b in page.blocks[form.block_index : last + 1])
    if lex["forms.books"].search(f"{form.text} {inside}") or lex["forms.books"].search(heading):
        return Destination("booking_form", key, "a form that says it books or requests one")
    if any(f.kind == "textarea" for f in form.fields) and all(
        f.kind in CONTACT_TYPES for f in form.fields
    ):
        return Destination("contact_form", key, "a contact form (name, e-mail, message)")
    return None


def _short(page: Page) -> bool:
    """A page with no copy, links or forms kept: it cannot be judged as it is."""
    return not page.blocks and not page.links and not page.forms and not page.embeds


@dataclass
class Leads:
    """Judges where the links of a site lead, from the site's parsed pages."""

    pages: list[Page]
    host: str
    lexicon: Callable[[Page], Lexicon]
    # gives back all the copy of a page kept short (auditor/audit/pagework.py), to judge it
    reread: Callable[[Page], Page] | None = None
    _by_key: dict[str, Page] = field(default_factory=dict, repr=False)
    _seen: dict[tuple[str, str, str, int, int], Destination] = field(
        default_factory=dict, repr=False
    )
    # the service each URL is (the markup knowledge is the same for every page's lexicon)
    _services: dict[str, Destination | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for page in self.pages:
            key = page_key(page.url, self.host)
            if key is not None:
                self._by_key.setdefault(key, page)

    def of(self, link: Link, page: Page, steps: int = FOLLOW_STEPS) -> Destination:
        """Where `link`, on `page`, leads."""
        # a form's button, or a button in a link: which one it is depends on where it stands
        memo = (page.url, link.href, link.text, link.block_index, steps)
        if memo not in self._seen:
            self._seen[memo] = self._judge(link, page, steps)
        return self._seen[memo]

    def _service(self, href: str, markup: Mapping[str, Any]) -> Destination | None:
        """_host_destination of `href`, once per URL."""
        if href not in self._services:
            self._services[href] = _host_destination(href, markup)
        return self._services[href]

    def _judge(self, link: Link, page: Page, steps: int) -> Destination:
        href = link.href
        if href.startswith("form:"):  # a form's submit button: the form decides
            return self._submit(link, page)
        markup = self.lexicon(page).markup
        if is_message_link(href, markup):
            return Destination("contact", href, "a link that opens a message")
        if host := self._service(href, markup):
            return host
        if href == "button:":  # a button inside a link: the link decides
            wrapper = next(
                (lk for lk in page.links if lk.text == link.text and lk.href != href
                 and lk.block_index == link.block_index),
                None,
            )  # fmt: skip
            if wrapper is not None:
                return self.of(wrapper, page, steps)
        key = page_key(href, self.host)
        if key is None:
            return Destination("unknown", href, "not a page of this site")
        target = self._by_key.get(key)
        if target is not None and _short(target) and self.reread is not None:
            target = self._by_key[key] = self.reread(target)
        own = page_key(page.url, self.host)
        fragment = href.partition("#")[2]
        if target is None or _short(target):
            return Destination("unknown", key, "a page that was not read")
        if key == own and not fragment:
            return Destination("page", key, "this page")
        anchored = [b.index for b in target.blocks if fragment and b.anchor == fragment]
        first, last = (anchored[0], anchored[-1]) if anchored else (0, len(target.blocks))
        shown = key + (f"#{fragment}" if anchored else "")
        return self.judge_part(target, first, last, shown, steps)

    def _submit(self, link: Link, page: Page) -> Destination:
        action = link.href.removeprefix("form:")
        for form in page.forms:
            last = form.last_block if form.last_block is not None else form.block_index
            if form.block_index <= link.block_index <= last + 1 and form.action.endswith(action):
                return judge_form(form, page, self.lexicon(page)) or Destination(
                    "page", page.url, "a form"
                )
        markup = self.lexicon(page).markup
        if is_message_link(action, markup):
            return Destination("contact_form", action, "a form that opens a message")
        return self._service(action, markup) or Destination("unknown", action, "a form")

    def judge_part(self, page: Page, first: int, last: int, shown: str, steps: int) -> Destination:
        """What the blocks `first`..`last` of `page` (a link's destination) offer."""
        lex = self.lexicon(page)
        for url in page.embeds:
            if host := self._service(url, lex.markup):
                return Destination(host.kind, shown, f"an embedded {host.reason} tool: {url}")
        links = [lk for lk in page.links if first - 1 <= lk.block_index <= last + 1]
        for lk in links:
            if not lk.href.startswith("form:") and (host := self._service(lk.href, lex.markup)):
                return Destination(host.kind, shown, f"a link to {lk.href}")
        forms = [f for f in page.forms if first <= f.block_index <= last + 1]
        judged = [j for f in forms if (j := judge_form(f, page, lex)) is not None]
        if booking := next((j for j in judged if j.buys), None):
            return Destination(booking.kind, shown, booking.reason)
        unsure = False
        own = page_key(page.url, self.host)
        for lk in links:
            key = page_key(lk.href, self.host)
            if steps <= 0 or key is None or key == own or not is_buy_label(lk, lex):
                continue
            onward = self.of(lk, page, steps - 1)
            if onward.buys:
                reason = f"a link to {onward.target}: {onward.reason}"
                return Destination(onward.kind, shown, reason)
            unsure = unsure or onward.kind not in DISGUISED
        if unsure:
            return Destination("page", shown, "a page with other links")
        if judged:
            return Destination(judged[0].kind, shown, judged[0].reason)
        if any(is_message_link(lk.href, lex.markup) for lk in links):
            return Destination("contact", shown, "only an e-mail address or phone number")
        return Destination("page", shown, "a page")

    def page_actions(self, page: Page, offers: list[Offer]) -> list[Destination]:
        """The booking or checkout actions on a page outside every offer on it (a one-page
        site's hero or booking section): they count for each offer of the page."""
        spans = [(o.first_block, o.last_block + 1) for o in offers if o.page is page]

        def outside(index: int) -> bool:
            return not any(first <= index <= last for first, last in spans)

        found = [
            dest
            for lk in page.links
            if outside(lk.block_index) and (dest := self.of(lk, page)).buys
        ]
        lex = self.lexicon(page)
        found += [
            dest
            for form in page.forms
            if outside(form.block_index)
            and (dest := judge_form(form, page, lex)) is not None
            and dest.buys
        ]
        return found

"""`auditor inspect`: the site as the rules see it, for when a verdict surprises."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from auditor.cli.options import (
    CONFIG_OPTION,
    IGNORE_ROBOTS_OPTION,
    LANG_OPTION,
    MAX_PAGES_OPTION,
    OUTPUT_OPTION,
    QUIET_OPTION,
    emit,
    use_color,
)
from auditor.cli.prepare import target_settings, typed_targets

INSPECT_FORMATS = ("text", "json")


@click.command(name="inspect")
@click.argument("target")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(INSPECT_FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@OUTPUT_OPTION
@CONFIG_OPTION
@LANG_OPTION
@MAX_PAGES_OPTION
@IGNORE_ROBOTS_OPTION
@QUIET_OPTION
def inspect_command(
    target: str, fmt: str, output: str | None, config_file: Path | None, lang: str | None,
    max_pages: int, ignore_robots: bool, quiet: bool,
) -> None:  # fmt: skip
    """Show the site as the rules see it: pages, roles and why, offers, forms, testimonials.

    For when a verdict surprises; no rule is run. Each page with its role and why it got
    it, its sections (headings with block ranges), the offers on it (price as written, or
    "no price" / "on request"; each action with its label, link, verdict and where it
    leads), its forms (e-mail field, privacy link) and testimonials (quoted blocks,
    testimonial headings, review widget); then the shop window (each offer's price as
    written or where it is instead, its call to action and where that leads, a client's
    words near it, clicks from the homepage, other prices for it on other pages) and the
    pages that could not be read. TARGET is what `auditor check` takes: a URL, a folder or
    a file.

    \b
    --format json prints one object (inspect_version "1"):
      {"inspect_version": "1", "tool": {...}, "target": ...,
       "pages": [{"url", "path", "lang", "title", "h1", "role",
                  "role_reason": {"signal", "value", "word", "text"},
                  "blocks", "sections": [{"heading", "level", "first_block",
                  "last_block", "line"}], "role_sections": [{"role", "name",
                  "first_block", "last_block", "line"}], "forms": [{"line",
                  "first_block", "last_block", "email_field", "visible_fields",
                  "privacy_link": {"label", "href"} | null, "prechecked_consent",
                  "bare"}], "testimonials": {"quoted_blocks": [{"block", "line",
                  "text"}], "headings": [...], "review_widget"}}],
       "offers": [{"name", "page", "path", "first_block", "last_block", "line",
                   "prices": [{"text", "amount", "currency"}], "price_on_request",
                   "actions": [{"label", "href", "line", "button",
                   "judged": "buy|contact|other", "leads_to": {"kind", "page"?,
                   "role"?}, "destination": {"kind", "target", "reason"} | null}],
                   "page_actions": [{"kind", "target", "reason"}]}],
       "shop_window": [{"name", "page", "price", "price_on", "price_on_request",
                        "action", "leads_to", "leads_target", "quote", "clicks",
                        "other_prices": {page: price}}],
       "errors": [{"page", "message"}]}
    role_reason.signal (where the role was read): homepage, config, slug, label
    (of a link to the page), h1, title, none; word: the offer word that made it
    an offer page.
    leads_to.kind: message, form, booking, payment, checkout, events, page,
    this_page, not_read, external, no_link. destination.kind (what it was judged
    to open): booking, checkout, booking_form, contact, contact_form, page, unknown.

    Exits 0; 2 on a usage or configuration error; 3 when the target cannot be read.
    """
    from auditor.audit.engine import model_target
    from auditor.audit.inspect import inspect_site
    from auditor.config.settings import CommandLine
    from auditor.core.progress import ProgressBar
    from auditor.reporters.inspect_report import render_inspect_json, render_inspect_text
    from auditor.sources.crawl_options import CrawlOptions

    crawl = replace(CrawlOptions(), max_pages=max_pages, respect_robots=not ignore_robots)
    command = CommandLine(config=config_file, lang=lang)
    [target] = typed_targets([target], lang)
    settings = target_settings(target, command, crawl, with_baseline=False)
    bar = ProgressBar(target, enabled=not quiet)
    try:
        site = model_target(target, replace(settings.options, progress=bar))
    finally:
        bar.close()
    render = render_inspect_json if fmt == "json" else render_inspect_text
    emit(render(inspect_site(site, settings.options.rules), use_color(output)), output)

"""Generate a site of N pages heavy in offers and price tables, deterministic by seed.

    python bench/make_offer_site.py OUT --pages 2000 [--seed 1] [--lang nl|en]

The builder markup of bench/make_site.py, but of a practice with many offers: two pages in
five are an offer page (a heading, copy, a price for most, a booking button), one in twenty is
a pricing page with a table of 40 rows (offer names and prices, some offers' names not on any
offer page), one in twenty an overview of 20 offer cards (name, copy, price or none, a "read
more" button); the rest are blog posts. At 2,000 pages: ~800 offers, ~100 pricing pages of
~4,000 rows. The same seed and page count always give the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

from make_site import TEXT, Page, SiteWriter, generator_main, menu_html, slugify

KINDS = {"nl": ["Coachtraject", "Losse sessie", "Workshop", "Training", "Intake", "Retraite"],
         "en": ["Coaching programme", "Single session", "Workshop", "Training", "Intake",
                "Retreat"]}  # fmt: skip
THEMES = {"nl": ["Grenzen", "Rust", "Loopbaan", "Burn-out", "Zelfvertrouwen", "Balans",
                 "Focus", "Keuzes", "Leiderschap", "Slaap"],
          "en": ["Boundaries", "Calm", "Career", "Burnout", "Confidence", "Balance",
                 "Focus", "Choices", "Leadership", "Sleep"]}  # fmt: skip
ROWS = 40  # rows of a pricing page's table
CARDS = 20  # offer cards of an overview page


def _price(rng: random.Random, lang: str) -> str:
    amount = rng.randrange(45, 2500, 5)
    unit = rng.choice(["per sessie", "per traject", "per dagdeel"] if lang == "nl"
                      else ["per session", "per programme", "per half day"])  # fmt: skip
    return f"€ {amount},- {unit}" if lang == "nl" else f"£{amount} {unit}"


def generate(out: Path, pages: int, seed: int = 1, lang: str = "nl") -> list[Path]:
    """Write the site to `out` (replacing it) and return the files written."""
    t = TEXT[lang]
    slugs, names = t["slugs"], t["names"]
    rng = random.Random(seed)
    n_offers = max(3, pages * 2 // 5)
    n_pricing = max(1, pages // 20)
    n_overview = max(1, pages // 20)
    offers = []
    for i in range(n_offers):
        name = f"{rng.choice(KINDS[lang])} {rng.choice(THEMES[lang])} {i + 1}"
        offers.append((name, slugify(name), _price(rng, lang) if rng.random() < 0.7 else None))
    menu = menu_html(t, [(n, f"{s}", p or "") for n, s, p in offers[:8]])
    writer = SiteWriter(out, t, menu, max_size=90_000)
    write, written = writer.write, writer.written

    def new(key: str, title: str) -> Page:
        return Page(random.Random(f"{seed}:{key}"), t, title, lang)

    home = new("/", names["home"])
    home.section(home.heading(rng.choice(t["hero"]), 1), home.text(*home.paragraphs(2)),
                 home.button(t["book"], f"/{slugs['contact']}/"))  # fmt: skip
    home.section(*(w for name, slug, _ in offers[:6] for w in (
        home.heading(name, 3), home.button(t["more"], f"/{slugs['offers']}/{slug}/"))),
        columns=3)  # fmt: skip
    write("/", home)
    about = new("about", names["about"])
    about.section(about.heading(names["about"], 1), about.text(*t["about"], *about.paragraphs(3)))
    write(f"/{slugs['about']}/", about)
    contact = new("contact", names["contact"])
    contact.section(contact.heading(names["contact"], 1), contact.text(*contact.paragraphs(2)))
    write(f"/{slugs['contact']}/", contact)

    for name, slug, price in offers:
        offer = new(slug, name)
        widgets = [offer.heading(name, 1), offer.text(*offer.paragraphs(3)),
                   offer.icon_list(offer.paragraphs(3))]  # fmt: skip
        if price:
            widgets.append(offer.text(f"{t['price']}: {price}"))
        widgets.append(offer.button(t["book"], "https://calendly.com/praktijkvrij"))
        offer.section(*widgets)
        write(f"/{slugs['offers']}/{slug}/", offer)
    for n in range(n_overview):
        url = f"/{slugs['offers']}/" if n == 0 else f"/{slugs['offers']}/page/{n + 1}/"
        overview = new(url, names["offers"])
        overview.section(overview.heading(names["offers"], 1))
        for name, slug, price in (rng.choice(offers) for _ in range(CARDS)):
            overview.section(overview.heading(name, 2), overview.text(*overview.paragraphs(1)),
                             *([overview.text(f"{t['price']}: {price}")] if price else []),
                             overview.button(t["more"], f"/{slugs['offers']}/{slug}/"),
                             columns=2)  # fmt: skip
        write(url, overview)
    for n in range(n_pricing):
        url = f"/{slugs['pricing']}/" if n == 0 else f"/{slugs['pricing']}/{n + 1}/"
        pricing = new(url, names["pricing"])
        rows = []
        for _ in range(ROWS):
            name, _, price = rng.choice(offers)
            if rng.random() < 0.2:  # a package that has no page of its own
                name = f"{rng.choice(KINDS[lang])} {rng.choice(THEMES[lang])} extra"
            rows.append(f"<tr><td>{name}</td><td>{price or _price(rng, lang)}</td></tr>")
        table = pricing.widget("price-table", f"<table>{''.join(rows)}</table>")
        pricing.section(pricing.heading(names["pricing"], 1), table)
        write(url, pricing)
    rest = pages - len(written)
    for i in range(max(0, rest)):
        title = rng.choice(t["post_forms"]).format(rng.choice(t["post_topics"]))
        post = new(f"post{i}", title)
        post.section(post.heading(title, 1), post.text(*post.paragraphs(post.rng.randint(3, 8))))
        name, slug, _ = offers[i % len(offers)]
        post.section(post.text(f'<a href="/{slugs["offers"]}/{slug}/">{name}</a>'))
        write(f"/{slugs['blog']}/{slugify(title)}-{i}/", post)
    return written


if __name__ == "__main__":
    generator_main(__doc__, generate, 20)

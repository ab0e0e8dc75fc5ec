"""Generate a coach's site of N pages with site-builder markup, deterministic by seed.

    python bench/make_site.py OUT --pages 2000 [--seed 1] [--lang nl|en]

Pages look like an Elementor/WordPress export: 30-150 KB each, with a header menu (and its
mobile copy), a cookie banner, inline CSS, JSON-LD and script blobs, widget wrappers four
levels deep, a footer with a newsletter form, and the copy: a homepage, an about page, an
offers page and three offer pages, pricing, contact, privacy, paginated blog indexes and, for
the rest, blog posts. The same seed and page count always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from pathlib import Path

POSTS_PER_INDEX = 10

TEXT = {
    "nl": {
        "names": {"about": "Over mij", "offers": "Aanbod", "pricing": "Tarieven",
                  "contact": "Contact", "privacy": "Privacyverklaring", "blog": "Blog",
                  "home": "Home"},
        "slugs": {"about": "over-mij", "offers": "aanbod", "pricing": "tarieven",
                  "contact": "contact", "privacy": "privacyverklaring", "blog": "blog"},
        "offers": [("Coachtraject Vrij", "coachtraject-vrij", "€ 1.250,- (6 sessies)"),
                   ("Losse coachsessie", "losse-coachsessie", "€ 125,- per sessie"),
                   ("Workshop Grenzen", "workshop-grenzen", "€ 195,- per dagdeel")],
        "hero": ["Loop je vast in je werk en lig je er 's nachts wakker van?",
                 "Herken je dit? Je zegt ja terwijl je nee bedoelt.",
                 "Ben jij een ondernemer die altijd maar doorgaat?"],
        "sentences": [
            "Je merkt dat je energie op is en je weet niet meer waar je het voor doet.",
            "Samen zoeken we uit wat jij echt wilt, in je werk en daarbuiten.",
            "Je krijgt praktische oefeningen mee die je direct kunt toepassen.",
            "Veel vrouwen die bij mij komen, herkennen zich in dit verhaal.",
            "Na het traject weet je weer waar je grenzen liggen en hoe je ze bewaakt.",
            "We werken in je eigen tempo, online of in de praktijk in Utrecht.",
            "Je hoeft het niet alleen te doen: ik loop een stuk met je mee.",
            "Rust in je hoofd begint bij kleine stappen die je elke dag zet.",
            "Je leert luisteren naar je lichaam voordat het te laat is.",
            "Stress is geen teken van zwakte, maar een signaal dat je serieus mag nemen.",
        ],
        "post_topics": ["grenzen stellen", "slapen na een drukke dag", "nee zeggen op je werk",
                        "omgaan met twijfel", "rust in je hoofd", "een nieuwe baan zoeken",
                        "perfectionisme loslaten", "je energie bewaken", "keuzes maken",
                        "piekeren stoppen", "zelfvertrouwen", "een burn-out voorkomen"],
        "post_forms": ["Vijf tips voor {}", "Waarom {} zo moeilijk is", "Zo begin je met {}",
                       "Wat ik leerde over {}", "Drie vragen over {}"],
        "book": "Plan je kennismakingsgesprek", "more": "Lees meer", "read": "Lees verder",
        "newsletter": "Schrijf je in voor de nieuwsbrief", "subscribe": "Aanmelden",
        "email": "Je e-mailadres", "cookies": "Deze website gebruikt cookies.",
        "accept": "Accepteren", "quote": "Na drie sessies sliep ik weer door en durfde ik "
                                         "eindelijk nee te zeggen tegen mijn leidinggevende.",
        "about": ["Ik ben coach sinds 2012 en werkte daarvoor vijftien jaar in het onderwijs.",
                  "Ik help vrouwen die vastlopen in hun werk om weer keuzes te maken.",
                  "Wat je van mij mag verwachten: eerlijke vragen en een plan dat werkt."],
        "price": "Investering", "rights": "Alle rechten voorbehouden",
    },
    "en": {
        "names": {"about": "About", "offers": "Services", "pricing": "Pricing",
                  "contact": "Contact", "privacy": "Privacy policy", "blog": "Blog",
                  "home": "Home"},
        "slugs": {"about": "about", "offers": "services", "pricing": "pricing",
                  "contact": "contact", "privacy": "privacy-policy", "blog": "blog"},
        "offers": [("Coaching programme Free", "coaching-programme", "£950 (6 sessions)"),
                   ("Single coaching session", "single-session", "£110 per session"),
                   ("Boundaries workshop", "boundaries-workshop", "£160 per half day")],
        "hero": ["Stuck in your job and lying awake at night?",
                 "Do you say yes when you mean no?",
                 "Are you a founder who never stops?"],
        "sentences": [
            "You notice your energy is gone and you no longer know what it is all for.",
            "Together we find out what you really want, at work and beyond.",
            "You get practical exercises you can use straight away.",
            "Many women who come to me recognise themselves in this story.",
            "After the programme you know where your limits are and how to keep them.",
            "We work at your own pace, online or at the practice in Bristol.",
            "You do not have to do this alone: I walk with you for a while.",
            "A quiet mind starts with small steps you take every day.",
            "You learn to listen to your body before it is too late.",
            "Stress is not a sign of weakness but a signal to take seriously.",
        ],
        "post_topics": ["setting boundaries", "sleeping after a busy day", "saying no at work",
                        "doubt", "a quiet mind", "finding a new job", "letting go of "
                        "perfectionism", "guarding your energy", "making choices",
                        "worrying less", "self-confidence", "preventing burnout"],
        "post_forms": ["Five tips for {}", "Why {} is so hard", "How to start with {}",
                       "What I learned about {}", "Three questions about {}"],
        "book": "Book your free call", "more": "Read more", "read": "Continue reading",
        "newsletter": "Sign up for the newsletter", "subscribe": "Subscribe",
        "email": "Your email address", "cookies": "This website uses cookies.",
        "accept": "Accept", "quote": "After three sessions I slept through the night again "
                                     "and finally dared to say no to my manager.",
        "about": ["I have been a coach since 2012 and taught for fifteen years before that.",
                  "I help women who are stuck at work to make choices again.",
                  "What you can expect from me: honest questions and a plan that works."],
        "price": "Investment", "rights": "All rights reserved",
    },
}  # fmt: skip


class Page:
    """One page being written: an Elementor-like document around the copy."""

    def __init__(self, rng: random.Random, t: dict, title: str, lang: str) -> None:
        self.rng, self.t, self.title, self.lang = rng, t, title, lang
        self.body: list[str] = []

    def uid(self) -> str:
        return f"{self.rng.getrandbits(28):07x}"

    def widget(self, kind: str, inner: str) -> str:
        """A widget in Elementor's wrappers: element, container and the markup itself."""
        return (
            f'<div class="elementor-element elementor-element-{self.uid()} elementor-widget '
            f'elementor-widget-{kind}" data-id="{self.uid()}" data-element_type="widget" '
            f'data-widget_type="{kind}.default">\n<div class="elementor-widget-container">\n'
            f"{inner}\n</div>\n</div>"
        )

    def section(self, *widgets: str, columns: int = 1) -> None:
        per = max(1, -(-len(widgets) // columns))
        cols = [widgets[i : i + per] for i in range(0, len(widgets), per)]
        html = [
            f'<section class="elementor-section elementor-top-section elementor-element '
            f"elementor-element-{self.uid()} elementor-section-boxed elementor-section-height-"
            f'default" data-id="{self.uid()}" data-element_type="section" data-settings='
            f'\'{{"background_background":"classic","shape_divider_bottom":"wave"}}\'>\n'
            f'<div class="elementor-container elementor-column-gap-default">'
        ]
        for col in cols:
            html.append(
                f'<div class="elementor-column elementor-col-{100 // len(cols)} elementor-top-'
                f'column elementor-element elementor-element-{self.uid()}" data-id="{self.uid()}"'
                f' data-element_type="column">\n<div class="elementor-widget-wrap elementor-'
                f'element-populated">\n' + "\n".join(col) + "\n</div>\n</div>"
            )
        html.append("</div>\n</section>")
        self.body.append("\n".join(html))

    def heading(self, text: str, level: int = 2) -> str:
        return self.widget(
            "heading",
            f'<h{level} class="elementor-heading-title elementor-size-default">{text}</h{level}>',
        )

    def text(self, *paragraphs: str) -> str:
        return self.widget("text-editor", "\n".join(f"<p>{p}</p>" for p in paragraphs))

    def button(self, label: str, href: str) -> str:
        return self.widget(
            "button",
            f'<div class="elementor-button-wrapper">\n<a class="elementor-button elementor-button-'
            f'link elementor-size-sm" href="{href}">\n<span class="elementor-button-content-'
            f'wrapper">\n<span class="elementor-button-text">{label}</span>\n</span>\n</a>\n'
            f"</div>",
        )

    def icon_list(self, items: list[str]) -> str:
        lis = "".join(
            f'<li class="elementor-icon-list-item"><span class="elementor-icon-list-icon">'
            f'{svg(self.rng)}</span><span class="elementor-icon-list-text">{i}</span></li>\n'
            for i in items
        )
        return self.widget("icon-list", f'<ul class="elementor-icon-list-items">\n{lis}</ul>')

    def paragraphs(self, n: int) -> list[str]:
        return [
            " ".join(self.rng.choice(self.t["sentences"]) for _ in range(self.rng.randint(2, 5)))
            for _ in range(n)
        ]

    def decoration(self) -> str:
        """A widget that is not copy: a spacer, a divider, an image or an icon box."""
        rng, uid = self.rng, self.uid()
        kind = rng.choice(("spacer", "divider", "image", "icon-box"))
        if kind == "spacer":
            inner = '<div class="elementor-spacer"><div class="elementor-spacer-inner"></div></div>'
        elif kind == "divider":
            inner = ('<div class="elementor-divider"><span class="elementor-divider-separator">'
                     "</span></div>")  # fmt: skip
        elif kind == "image":
            inner = (
                f'<figure class="wp-caption"><img width="800" height="533" src="/wp-content/'
                f'uploads/2026/{uid}.jpg" class="attachment-large size-large wp-image-{uid}" '
                f'alt="" loading="lazy" srcset="/wp-content/uploads/2026/{uid}.jpg 800w, /wp-'
                f'content/uploads/2026/{uid}-300x200.jpg 300w" sizes="(max-width: 800px) 100vw,'
                ' 800px"></figure>'
            )
        else:
            inner = (
                f'<div class="elementor-icon-box-wrapper"><div class="elementor-icon-box-icon">'
                f'<span class="elementor-icon elementor-animation-grow">{svg(rng)}</span></div>'
                f'<div class="elementor-icon-box-content"><span class="elementor-icon-box-title">'
                f"<span></span></span></div></div>"
            )
        return self.widget(kind, inner)

    def render(self, menu: str, footer: str, size: int) -> str:
        """The whole document, about `size` bytes: a quarter builder CSS and script."""
        while sum(map(len, self.body)) < size * 3 // 4 - len(menu) - len(footer) - 4000:
            self.section(*(self.decoration() for _ in range(self.rng.randint(2, 6))),
                         columns=self.rng.randint(1, 3))  # fmt: skip
        main = "\n".join(self.body)
        skeleton = [
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="UTF-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{self.title} | Praktijk Vrij</title>\n",
            *(
                f"<link rel='stylesheet' id='style-{i}-css' href='/wp-content/plugins/p{i}/"
                f"assets/css/frontend.min.css?ver=3.{i}.2' media='all' />\n"
                for i in range(12)
            ),
            '<script type="application/ld+json">{"@context":"https://schema.org","@graph":'
            '[{"@type":"WebPage","name":"' + self.title + '"},{"@type":"Person","name":'
            '"Marieke de Vries"}]}</script>\n',
            "</head>\n",
            f'<body class="page-template-default page wp-embed-responsive elementor-default '
            f'elementor-kit-{self.uid()} elementor-page">\n',
            f'<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner banner-1">'
            f'<div class="cmplz-message">{self.t["cookies"]}</div><button class="cmplz-btn '
            f'cmplz-accept">{self.t["accept"]}</button></div></div>\n',
            menu,
            f'<main id="content" class="site-main">\n<div data-elementor-type="wp-page" '
            f'data-elementor-id="{self.uid()}" class="elementor">\n{main}\n</div>\n</main>\n',
            footer,
        ]
        html = "".join(skeleton)
        pad = max(0, size - len(html.encode()) - 200)
        style = builder_css(self.rng, pad * 2 // 3)
        script = builder_script(self.rng, pad - len(style))
        html = html.replace(
            "</head>\n", f"<style id='elementor-post-inline-css'>\n{style}\n</style>\n</head>\n", 1
        )
        return html + f"<script id='elementor-frontend-js-before'>\n{script}\n</script>\n" + (
            "<script src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1'></script>\n"
            "</body>\n</html>\n"
        )  # fmt: skip


def slugify(title: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")


def svg(rng: random.Random) -> str:
    points = " ".join(f"{rng.randint(0, 512)},{rng.randint(0, 512)}" for _ in range(6))
    return (
        f'<svg aria-hidden="true" class="e-font-icon-svg e-fas-check" viewBox="0 0 512 512" '
        f'xmlns="http://www.w3.org/2000/svg"><path d="M{points}z"></path></svg>'
    )


def builder_css(rng: random.Random, size: int) -> str:
    rules, total = [], 0
    while total < size:
        rule = (
            f".elementor-{rng.randint(10, 9999)} .elementor-element.elementor-element-"
            f"{rng.getrandbits(28):07x} > .elementor-widget-container{{margin:0px 0px "
            f"{rng.randint(0, 40)}px 0px;padding:{rng.randint(0, 30)}px;"
            f"color:#{rng.getrandbits(24):06x};}}"
        )  # fmt: skip
        rules.append(rule)
        total += len(rule) + 1
    return "\n".join(rules)


def builder_script(rng: random.Random, size: int) -> str:
    items, total = [], 0
    while total < size:
        item = f'"{rng.getrandbits(28):07x}":{{"id":{rng.randint(1, 99999)},"lazy":true}}'
        items.append(item)
        total += len(item) + 1
    return "var elementorFrontendConfig = {" + ",".join(items) + "};"


def menu_html(t: dict, offers: list[tuple[str, str, str]]) -> str:
    """The site header: a menu with an offers submenu, and its mobile copy (hidden)."""
    names, slugs = t["names"], t["slugs"]
    sub = "".join(
        f'<li class="menu-item menu-item-type-post_type menu-item-object-page"><a href="/'
        f'{slugs["offers"]}/{slug}/" class="elementor-sub-item">{name}</a></li>'
        for name, slug, _ in offers
    )
    items = [("home", "/"), ("about", f"/{slugs['about']}/"), ("offers", f"/{slugs['offers']}/"),
             ("pricing", f"/{slugs['pricing']}/"), ("blog", f"/{slugs['blog']}/"),
             ("contact", f"/{slugs['contact']}/")]  # fmt: skip
    lis = "".join(
        f'<li class="menu-item menu-item-type-post_type menu-item-object-page menu-item-'
        f'{100 + i}"><a href="{href}" class="elementor-item">{names[key]}</a>'
        + (f'<ul class="sub-menu elementor-nav-menu--dropdown">{sub}</ul>' if key == "offers"
           else "") + "</li>\n"
        for i, (key, href) in enumerate(items)
    )  # fmt: skip
    nav = f'<ul id="menu-1-main" class="elementor-nav-menu">\n{lis}</ul>'
    return (
        '<div data-elementor-type="header" class="elementor elementor-location-header">\n'
        '<div class="elementor-widget-container"><a href="/"><img src="/wp-content/uploads/'
        'logo.png" alt="Praktijk Vrij" width="180" height="60"></a></div>\n'
        f'<nav class="elementor-nav-menu--main elementor-nav-menu__container">{nav}</nav>\n'
        '<div class="elementor-menu-toggle" role="button" tabindex="0"><span>Menu</span></div>\n'
        f'<nav class="elementor-nav-menu--dropdown" aria-hidden="true">{nav}</nav>\n</div>\n'
    )


def footer_html(t: dict, privacy_link: bool) -> str:
    slugs = t["slugs"]
    privacy = f' <a href="/{slugs["privacy"]}/">{t["names"]["privacy"]}</a>' if privacy_link else ""
    return (
        '<footer class="elementor elementor-location-footer" data-elementor-type="footer">\n'
        f"<div class=\"footer-widgets\"><h4>{t['newsletter']}</h4>\n"
        '<form class="mc4wp-form" method="post" action="https://praktijkvrij.us1.list-manage.com/'
        f'subscribe/post"><input type="email" name="EMAIL" placeholder="{t["email"]}" required>'
        f'<input type="submit" value="{t["subscribe"]}"><p>{privacy}</p></form>\n'
        f'<ul class="social">' + "".join(
            f'<li><a href="https://www.{s}.com/praktijkvrij">{s}</a></li>'
            for s in ("instagram", "facebook", "linkedin")
        ) + f"</ul>\n<p>© 2026 Praktijk Vrij. {t['rights']}.</p></div>\n</footer>\n"
    )  # fmt: skip


class SiteWriter:
    """Writes a generator's pages under `out` (emptied first), each padded to a random size
    between 30 kB and `max_size` and given the site's menu and a footer."""

    def __init__(self, out: Path, t: dict, menu: str, max_size: int) -> None:
        if out.exists():
            shutil.rmtree(out)
        self.out, self.t, self.menu, self.max_size = out, t, menu, max_size
        self.written: list[Path] = []

    def write(self, url: str, page: Page) -> None:
        size = page.rng.randint(30_000, self.max_size)
        footer = footer_html(self.t, privacy_link=page.rng.random() < 0.8)
        out = self.out
        file = out / url.strip("/") / "index.html" if url != "/" else out / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(page.render(self.menu, footer, size), encoding="utf-8")
        self.written.append(file)


def generate(out: Path, pages: int, seed: int = 1, lang: str = "nl") -> list[Path]:
    """Write the site to `out` (replacing it) and return the files written."""
    t = TEXT[lang]
    slugs, names, offers = t["slugs"], t["names"], t["offers"]
    rng = random.Random(seed)
    rest = pages - 6 - len(offers)  # home, about, offers, pricing, contact, privacy
    index_n = max(1, -(-rest // (POSTS_PER_INDEX + 1)))
    titles = [
        rng.choice(t["post_forms"]).format(rng.choice(t["post_topics"]))
        for _ in range(rest - index_n)
    ]
    posts = [(title, f"{slugify(title)}-{i}") for i, title in enumerate(titles)]
    menu = menu_html(t, offers)
    writer = SiteWriter(out, t, menu, max_size=150_000)
    write, written = writer.write, writer.written

    def new(key: str, title: str) -> Page:
        return Page(random.Random(f"{seed}:{key}"), t, title, lang)

    home = new("/", names["home"])
    home.section(home.heading(rng.choice(t["hero"]), 1), home.text(*home.paragraphs(1)),
                 home.button(t["book"], f"/{slugs['contact']}/"))  # fmt: skip
    home.section(*(w for name, slug, _ in offers for w in (
        home.heading(name, 3), home.text(*home.paragraphs(1)),
        home.button(t["more"], f"/{slugs['offers']}/{slug}/"))), columns=3)  # fmt: skip
    home.section(home.widget("testimonial", f"<blockquote><p>{t['quote']}</p></blockquote>"),
                 home.text(*home.paragraphs(3)))  # fmt: skip
    write("/", home)

    about = new("about", names["about"])
    about.section(about.heading(names["about"], 1), about.text(*t["about"], *about.paragraphs(4)),
                  about.button(t["book"], f"/{slugs['contact']}/"))  # fmt: skip
    write(f"/{slugs['about']}/", about)

    overview = new("offers", names["offers"])
    overview.section(overview.heading(names["offers"], 1), overview.text(*overview.paragraphs(1)))
    for name, slug, price in offers:
        overview.section(overview.heading(name, 2), overview.text(*overview.paragraphs(2)),
                         overview.text(f"{t['price']}: {price}"),
                         overview.button(t["book"], "https://calendly.com/praktijkvrij"),
                         columns=2)  # fmt: skip
        offer = new(slug, name)
        offer.section(offer.heading(name, 1), offer.text(*offer.paragraphs(3)),
                      offer.icon_list(offer.paragraphs(4)), offer.text(f"{t['price']}: {price}"),
                      offer.button(t["book"], "https://calendly.com/praktijkvrij"))  # fmt: skip
        write(f"/{slugs['offers']}/{slug}/", offer)
    write(f"/{slugs['offers']}/", overview)

    pricing = new("pricing", names["pricing"])
    pricing.section(
        pricing.heading(names["pricing"], 1),
        pricing.widget(
            "price-table",
            "".join(
                f"<table><tr><td>{name}</td><td>{price}</td></tr></table>"
                for name, _, price in offers
            ),
        ),
    )
    write(f"/{slugs['pricing']}/", pricing)

    for key in ("contact", "privacy"):
        page = new(key, names[key])
        page.section(page.heading(names[key], 1), page.text(*page.paragraphs(3)))
        write(f"/{slugs[key]}/", page)

    for n in range(index_n):
        url = f"/{slugs['blog']}/" if n == 0 else f"/{slugs['blog']}/page/{n + 1}/"
        index = new(url, names["blog"])
        index.section(index.heading(names["blog"], 1))
        for title, slug in posts[n * POSTS_PER_INDEX : (n + 1) * POSTS_PER_INDEX]:
            index.section(index.heading(f'<a href="/{slugs["blog"]}/{slug}/">{title}</a>', 2),
                          index.text(*index.paragraphs(1)),
                          index.button(t["read"], f"/{slugs['blog']}/{slug}/"))  # fmt: skip
        if n + 1 < index_n:
            index.section(
                index.text(
                    f'<a href="/{slugs["blog"]}/page/{n + 2}/" class="next page-numbers">»</a>'
                )
            )
        write(url, index)

    for i, (title, slug) in enumerate(posts):
        post = new(slug, title)
        post.section(post.heading(title, 1), post.text(*post.paragraphs(post.rng.randint(3, 12))))
        post.section(post.heading(post.rng.choice(t["post_topics"]).capitalize(), 2),
                     post.text(*post.paragraphs(post.rng.randint(2, 8))),
                     post.icon_list(post.paragraphs(3)))  # fmt: skip
        related = [posts[(i + k) % len(posts)] for k in (1, 2, 3)]
        post.section(*(post.text(f'<a href="/{slugs["blog"]}/{s}/">{r}</a>') for r, s in related),
                     columns=3)  # fmt: skip
        write(f"/{slugs['blog']}/{slug}/", post)
    return written


def say_written(files: list[Path], out: Path) -> None:
    """One line: how many pages and megabytes a generator wrote, and where."""
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} pages, {size / 1e6:.1f} MB in {out}")


def generator_main(
    doc: str, make: Callable[[Path, int, int, str], list[Path]], min_pages: int
) -> None:
    """The command line of a builder-markup generator: OUT [--pages N] [--seed S] [--lang L]."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--pages", type=int, default=200,
                        help=f"number of pages (at least {min_pages})")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lang", choices=sorted(TEXT), default="nl")
    args = parser.parse_args()
    say_written(make(args.out, max(args.pages, min_pages), args.seed, args.lang), args.out)


if __name__ == "__main__":
    generator_main(__doc__, generate, 10)

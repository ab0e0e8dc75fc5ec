"""Run the rules' checks on a site: each hit a finding, and what each rule could not judge."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from auditor.checks.excerpt_context import copy_context
from auditor.checks.findings import Element, Finding, Unchecked
from auditor.checks.identity import fingerprint
from auditor.checks.kinds import KINDS
from auditor.checks.rule import CheckKind, Coverage, Hit, NotChecked, Rule, RuleRun
from auditor.lexicons.knowledge import Knowledge
from auditor.lexicons.lexicon import Lexicon
from auditor.page.model import Page
from auditor.site.model import Site
from auditor.sources.raw import FetchError


class _Params(dict[str, str]):
    """Message parameters; a placeholder a hit does not fill stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run_rules(
    site: Site, rules: list[Rule], report_lang: str | None = None,
    kinds: Mapping[str, CheckKind] = KINDS,
) -> list[Finding]:  # fmt: skip
    """Run every rule's check on the site; each hit becomes a finding in `report_lang`, else
    in the page's language."""
    return check_rules(site, rules, report_lang, kinds).findings


def check_rules(
    site: Site, rules: list[Rule], report_lang: str | None = None,
    kinds: Mapping[str, CheckKind] = KINDS,
) -> RuleRun:  # fmt: skip
    """Run every rule's check on the site: the findings, and what each rule could not judge,
    written in `report_lang` (None: each in the language of its page). Each page's copy is
    read in its own language, whatever the report's.

    A hit on a JavaScript shell is never a finding: its copy was not there to judge; nor is
    a hit on a page whose language's lexicon lacks a key the check reads (CheckKind.lexicon).
    """
    knowledge = site.knowledge

    def lexicon(page: Page) -> Lexicon:
        return knowledge.lexicon(page.lang)

    site_lang = _site_language(site)
    run = RuleRun([], {})
    for rule in rules:
        try:
            results = list(kinds[rule.check](site, rule, lexicon))
        except Exception as exc:  # a check that trips on odd input loses only its own findings
            site.errors.append(FetchError(site.target, f"rule {rule.id} failed: {exc!r:.200}"))
            failed = NotChecked("rule_error", url=site.target)
            unjudged = unchecked(failed, site_lang, knowledge, report_lang)
            run.coverage[rule.id] = Coverage(0, (unjudged,))
            continue
        keys = kinds[rule.check].lexicon
        gaps = {lang: lacking for lang in {p.lang for p in site.pages}
                if (lacking := knowledge.lexicon(lang).lacking(keys))}  # fmt: skip
        hits = [r for r in results if isinstance(r, Hit) and not r.page.js_shell
                and r.page.lang not in gaps]  # fmt: skip
        skipped = [r for r in results if isinstance(r, NotChecked)]
        skipped += [NotChecked("js_shell", r.page) for r in results
                    if isinstance(r, Hit) and r.page.js_shell]  # fmt: skip
        skipped += [_no_lexicon(gaps, r.page.lang, r.page) for r in results
                    if isinstance(r, Hit) and r.page.lang in gaps]  # fmt: skip
        if site_lang in gaps and not hits:  # the site's own language: not a pass
            skipped.append(_no_lexicon(gaps, site_lang))
        run.findings += [to_finding(rule, hit, report_lang) for hit in hits]
        run.coverage[rule.id] = Coverage(len(hits), tuple(dict.fromkeys(
            unchecked(n, site_lang, knowledge, report_lang) for n in skipped)))  # fmt: skip
    return run


def _no_lexicon(
    gaps: dict[str, tuple[str, ...]], lang: str, page: Page | None = None
) -> NotChecked:
    """Not checked: the lexicon of `lang` lacks keys the check reads."""
    return NotChecked("no_lexicon", page, params={"lang": lang, "keys": ", ".join(gaps[lang])})


def lexicon_gaps(
    rules: list[Rule], knowledge: Knowledge, kinds: Mapping[str, CheckKind] = KINDS
) -> list[str]:
    """A line for each language whose lexicon lacks keys some rules' checks read: the rules
    it cannot serve (they are not checked on its pages) and the keys."""
    lines = []
    for lang, lex in sorted(knowledge.lexicons.items()):
        keys: dict[str, None] = {}  # in the order the rules read them
        rule_ids = []
        for rule in rules:
            if lacking := lex.lacking(kinds[rule.check].lexicon):
                rule_ids.append(rule.id)
                keys.update(dict.fromkeys(lacking))
        if rule_ids:
            lines.append(f"the {lang} lexicon lacks {', '.join(keys)}: rules "
                         f"{', '.join(rule_ids)} are not checked on pages in {lang}")  # fmt: skip
    return lines


def _site_language(site: Site) -> str:
    """The language most of the site's pages are in."""
    known = Counter(p.lang for p in site.pages if p.lang)
    return known.most_common(1)[0][0] if known else "en"


def unchecked(
    skip: NotChecked, site_lang: str, knowledge: Knowledge, report_lang: str | None = None
) -> Unchecked:
    """A check's NotChecked with its message in `report_lang`, else in the language of its
    page (else the site's)."""
    lang = report_lang or (skip.page.lang if skip.page else site_lang)
    url = skip.page.url if skip.page else skip.url
    lexicons = knowledge.lexicons
    texts = [lex.raw(f"not_checked.{skip.reason}") for lex in
             (lexicons.get(lang), lexicons.get("en")) if lex]  # fmt: skip
    template = next((t for t in texts if isinstance(t, str) and t.strip()), skip.reason)
    message = template.format_map(_Params({"page": url or "", **skip.params}))
    return Unchecked(skip.reason, message, url)


def _element(hit: Hit) -> Element | None:
    """Which link, form or block of its page the hit is on (the one its line comes from)."""
    page = hit.page
    for kind, item, items in (
        ("link", hit.link, page.links), ("nav_link", hit.link, page.nav_links),
        ("form", hit.form, page.forms),
    ):  # fmt: skip
        index = next((i for i, x in enumerate(items) if x is item), None) if item else None
        if index is not None:
            return Element(kind, index)
    return Element("block", hit.block.index) if hit.block else None


def to_finding(rule: Rule, hit: Hit, lang: str | None = None) -> Finding:
    """A check's hit as a finding in `lang` (the report's), else in the page's language."""
    lang = lang or hit.page.lang
    where = hit.link or hit.form or hit.block
    excerpt = hit.excerpt if len(hit.excerpt) <= 300 else hit.excerpt[:297] + "..."
    subject = hit.excerpt if hit.subject is None else hit.subject
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        page=hit.page.url,
        path=hit.page.path,
        line=where.line if where and hit.page.path else None,
        column=where.column if where and hit.page.path else None,
        message=rule.text("message", lang, hit.variant).format_map(_Params(hit.params)),
        excerpt=excerpt,
        fix=rule.text("fix", lang).format_map(_Params(hit.params)),
        evidence=hit.evidence,
        fingerprint=fingerprint(rule.id, hit.page.url, subject),
        former=() if subject == hit.excerpt else (fingerprint(rule.id, hit.page.url, hit.excerpt),),
        element=_element(hit),
        context=copy_context(hit),
    )

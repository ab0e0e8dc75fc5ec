"""Find prices (EUR, USD, GBP) in a block of visible copy."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from auditor.lexicons.lexicon import Phrases, normalise
from auditor.site.model import Price

# An amount: Dutch thousands (1.250, 1 250 with (narrow) NBSP), English thousands (1,250),
# or a plain number; optional decimals (,50 / .50) or the Dutch whole-euro mark (,-).
_NUM = r"""
    \d{1,3}(?:[.\u00a0\u202f\u2009\ ]\d{3})+(?:,\d{2}|,[-–—]{1,2})?
  | \d{1,3}(?:,\d{3})+(?:\.\d{2})?
  | \d+(?:[.,]\d{2}|,[-–—]{1,2})?
"""
# The number must end here: no more digits, and no k/M multiplier (€10k is a claim, not a price).
_END = r"(?![.,]?\d|[km]\b)"
# A symbol or code written after the number must not start another amount ("2024 € 95").
_SUF = r"""
    (?:euro(?:'s|s)?|dollars?|pond(?:en)?|pounds?)(?!\w)
  | (?:[€$£]|eur|usd|gbp)(?!\w|\s?\d)
"""
_PRICE = re.compile(
    rf"""
      (?P<pre>(?<!\w)(?:US\$|EUR|USD|GBP|\$)|[€£])\s?(?P<n1>{_NUM}){_END}
    | (?<![\w.,])(?P<n2>{_NUM}){_END}\s?(?P<suf>{_SUF})
    | (?<![\w.,])(?P<n3>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,5}}),[-–—]{{1,2}}(?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_CURRENCIES = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "euro's": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "gbp": "GBP",
    "pond": "GBP",
    "ponden": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
}
_DIGIT = re.compile(r"\d")
_DECIMALS = re.compile(r"(.*)[.,](\d{2})")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_CLAUSE_END = re.compile(r"[,;:()!?]|\.(?!\S)")
_BEFORE = 40  # how far before an amount a trap phrase counts
_AFTER = 25  # how far after it ("€5.000 per maand verdienen", "$10,000 in revenue")


def parse_amount(number: str) -> float:
    """Turn "1.250,00", "1,250.00", "1 250", "97.50", "97,50" or "95,-" into a float."""
    number = re.sub(r"\s", "", number)
    number = re.sub(r",[-–—]+$", "", number)
    whole, cents = number, "0"
    if decimals := _DECIMALS.fullmatch(number):
        whole, cents = decimals.groups()
    return float(re.sub(r"[.,]", "", whole) + "." + cents)


@lru_cache(maxsize=32)
def _trap_pattern(traps: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for the trap phrases, in the lexicons' phrase syntax ("reimburse*")."""
    phrases = [t.strip() for t in traps if t.strip()]
    return Phrases(phrases).regex if phrases else None


def _window_start(text: str, start: int) -> int:
    """Where the trap window before an amount begins: 40 characters back, this sentence only."""
    lo = max(0, start - _BEFORE)
    ends = list(_SENTENCE_END.finditer(text, lo, start))
    return ends[-1].end() if ends else lo


def _window_end(text: str, end: int, limit: int) -> int:
    """Where the trap window after an amount ends: 25 characters on, this clause only."""
    hi = min(limit, end + _AFTER)
    stop = _CLAUSE_END.search(text, end, hi)
    return stop.start() if stop else hi


def find_prices(text: str, traps: Sequence[str] = ()) -> list[Price]:
    """Return the prices in `text`, in order; amounts next to a trap phrase are not prices."""
    if not _DIGIT.search(text):  # every price has a number
        return []
    matches = list(_PRICE.finditer(text))
    if not matches:
        return []
    trap_re = _trap_pattern(tuple(traps))
    trap_spans = [t.span() for t in trap_re.finditer(normalise(text))] if trap_re else []
    prices = []
    for i, match in enumerate(matches):
        start, end = match.span()
        lo = _window_start(text, start)
        hi = _window_end(text, end, matches[i + 1].start() if i + 1 < len(matches) else len(text))
        if any((lo <= a and b <= start) or (end <= a and b <= hi) for a, b in trap_spans):
            continue
        marker = match["pre"] or match["suf"]
        currency = _CURRENCIES[marker.lower()] if marker else "EUR"
        number = match["n1"] or match["n2"] or match["n3"]
        prices.append(Price(match.group(), parse_amount(number), currency, start, end))
    return prices

"""When to try a failed request again: which failures pass, and how long to wait first."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

# Statuses that say "not now" rather than "no": overloaded, rate-limited, a hiccup upstream.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def is_transient(exc: BaseException) -> bool:
    """True for a connection the server dropped mid-way (a timeout or refusal is not retried)."""
    return isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """The seconds a Retry-After header asks for (a number or an HTTP date), None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():  # "¹" and "٣" are digits too, but not of HTTP; 10 digits: 300 years
        return float(value) if value.isascii() and len(value) <= 10 else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def retry_wait(
    attempt: int,
    asked: float | None,
    *,
    retries: int,
    backoff: float,
    max_wait: float,
    time_left: float,
) -> float | None:
    """Seconds to wait before trying again after failed attempt number `attempt` (0 first).

    The server's Retry-After (`asked`) when it gave one, else `backoff` doubled each attempt.
    None: give up (out of retries, asked to wait longer than `max_wait`, or past the budget).
    """
    if attempt >= retries:
        return None
    wait = backoff * 2**attempt if asked is None else asked
    if wait > max_wait or wait >= time_left:
        return None
    return wait

"""One GET of a crawl: the page within the size limit, or why it failed in one short line."""

from __future__ import annotations

import socket
import ssl

import httpx

from auditor.sources.bodies import BodyTooLarge, read_body
from auditor.sources.problems import FetchProblem
from auditor.sources.raw import RawPage
from auditor.sources.retry import RETRY_STATUSES, retry_after

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class Failure(Exception):
    """A page that could not be used; `skipped` when it was left alone on purpose."""

    def __init__(
        self,
        reason: str,
        skipped: bool = False,
        transient: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        budget: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.skipped = skipped
        self.budget = budget  # the crawl budget ran out
        self.transient = transient  # worth another try
        self.retry_after = retry_after  # seconds the server asked to wait first
        self.status = status  # the HTTP status of an answer that was not a success

    @property
    def message(self) -> str:
        return f"skipped: {self.reason}" if self.skipped else self.reason


def size_text(n: int) -> str:
    """A byte count as people write it: 5 MB, 1 kB, 300 bytes."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1000:
        return f"{n / 1000:g} kB"
    return f"{n} bytes"


def reason(exc: BaseException) -> str:
    """A short, one-line description of why a fetch failed."""
    if isinstance(exc, Failure):
        return exc.reason
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, FetchProblem):
            return str(cause)
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror):
            return "host not found"
        if isinstance(cause, ssl.SSLCertVerificationError):
            problem = cause.verify_message or "certificate verify failed"
            return f"TLS certificate not trusted: {problem} (--insecure skips the check)"
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__


async def download(client: httpx.AsyncClient, url: str, html: bool, max_bytes: int) -> RawPage:
    """GET `url` (an HTML page unless not `html`) of at most `max_bytes`; Failure if unusable."""
    async with client.stream("GET", url) as response:
        if not response.is_success:
            code, transient = response.status_code, response.status_code in RETRY_STATUSES
            wait = retry_after(response.headers.get("retry-after")) if transient else None
            asked = f" (Retry-After: {wait:g} s)" if wait is not None else ""
            raise Failure(f"HTTP {code}{asked}", transient=transient, retry_after=wait, status=code)
        content_type = response.headers.get("content-type")
        mime = (content_type or "").partition(";")[0].strip().lower()
        if html and mime not in HTML_TYPES:
            raise Failure(f"not HTML ({mime[:100] or 'no Content-Type'})", skipped=True)
        try:
            body = await read_body(response, max_bytes)
        except BodyTooLarge:
            raise Failure(f"larger than {size_text(max_bytes)}", skipped=True) from None
        if html and not body.strip():
            raise Failure("empty page", skipped=True)
        return RawPage(
            url=str(response.url), content=body, status=response.status_code,
            content_type=content_type,
        )  # fmt: skip

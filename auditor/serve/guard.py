"""What every request must pass: the host it names (against DNS rebinding on a loopback bind),
the access token when there is one (`--token`), and the CSRF token of every POST."""

from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp

TOKEN_COOKIE = "auditor_token"
CSRF_FIELD = "csrf"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def is_loopback(host: str) -> bool:
    """True for a host name or address that only this machine reaches."""
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard(BaseHTTPMiddleware):
    """Refuses what does not pass; adds the security headers to every answer.

    `token`: needed on every request, as `Authorization: Bearer`, the cookie it sets, or
    `?token=` (which sets the cookie and is taken out of the address). `loopback_only`: the
    Host header must name this machine.
    """

    def __init__(self, app: ASGIApp, token: str | None, loopback_only: bool) -> None:
        super().__init__(app)
        self.token = token
        self.loopback_only = loopback_only

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        if self.token and request.query_params.get("token") == self.token:
            rest = {k: v for k, v in request.query_params.items() if k != "token"}
            url = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            answer: Response = RedirectResponse(url, status_code=303)
            answer.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
        else:
            answer = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            answer.headers.setdefault(name, value)
        return answer

    def _refusal(self, request: Request) -> Response | None:
        host = urlsplit(f"//{request.headers.get('host', '')}").hostname or ""
        if self.loopback_only and not is_loopback(host):
            return PlainTextResponse("unknown host", status_code=421)
        if self.token and not self._has_token(request):
            return PlainTextResponse("a valid token is needed (--token)", status_code=401)
        if _cross_site(request):
            return PlainTextResponse("cross-site request refused", status_code=403)
        return None

    def _has_token(self, request: Request) -> bool:
        assert self.token
        given = [
            request.cookies.get(TOKEN_COOKIE, ""),
            request.query_params.get("token", ""),
            request.headers.get("authorization", "").removeprefix("Bearer "),
        ]
        return any(secrets.compare_digest(g.encode(), self.token.encode()) for g in given if g)


def _cross_site(request: Request) -> bool:
    """A POST (or other change) whose Origin is another site than the one it is sent to."""
    origin = request.headers.get("origin")
    if request.method in ("GET", "HEAD") or not origin or origin == "null":
        return False
    return urlsplit(origin).netloc != request.headers.get("host")


async def checked_form(request: Request, csrf: str) -> FormData:
    """The POSTed form, once its CSRF token proved it comes from one of our pages (else 403)."""
    form = await request.form()
    given = str(form.get(CSRF_FIELD) or request.headers.get("x-csrf-token") or "")
    if not given or not secrets.compare_digest(given.encode(), csrf.encode()):
        raise HTTPException(403, "missing or wrong CSRF token")
    return form

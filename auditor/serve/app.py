"""The web app: clients, their rounds, progress, reports and comparisons (Starlette).

Every page is rendered on the server by Jinja with autoescape: nothing an audited site says is
ever marked safe. The only script is static/progress.js (the live progress of a round).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from auditor import __version__
from auditor.audit.diff import diff_site
from auditor.audit.engine import is_url
from auditor.audit.report_reader import report_from_dict
from auditor.checks.loader import load_rules
from auditor.reporters.html_report import render_diff_html, template_environment
from auditor.reporters.html_view import diff_view
from auditor.serve.chart import Chart, trend
from auditor.serve.guard import CSRF_FIELD, Guard, checked_form
from auditor.serve.runner import Runner
from auditor.serve.store import Audit, Client, Store

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "nl", "de")
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


@cache
def all_words() -> dict[str, dict[str, Any]]:
    return yaml.safe_load((HERE / "words.yml").read_text(encoding="utf-8"))


def language(request: Request) -> str:
    """The first of the reader's languages (Accept-Language) the app speaks, else English."""
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def local_time(stamp: str | None) -> str:
    """A stored UTC time as this computer's local time, to the minute."""
    if not stamp:
        return ""
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


@cache
def environment() -> Environment:
    env = template_environment(HERE / "templates")
    env.filters["when"] = local_time
    return env


def slug(text: str) -> str:
    """A file-name-safe form of a client's name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "client"


@dataclass
class ClientRow:
    """A client with its rounds, as the list and the client page show it."""

    client: Client
    rounds: list[Audit]
    running: int | None

    @property
    def done(self) -> list[Audit]:
        return [a for a in self.rounds if a.status == "done"]

    @property
    def latest(self) -> Audit | None:
        return self.done[-1] if self.done else None

    @property
    def last_audited(self) -> str | None:
        return self.rounds[-1].started if self.rounds else None

    def chart(self, width: int = 120, height: int = 32) -> Chart | None:
        scores = [a.score for a in self.done if a.score is not None]
        pad = 16 if height > 40 else 4  # room for the scores a tall chart writes
        return trend(scores, width, height, pad) if scores else None


def valid_target(text: str) -> str | None:
    """The target as stored (an http(s) address, or a folder or file made absolute), or None."""
    text = text.strip()
    if is_url(text):
        return text if re.match(r"(?i)https?://[^/\s]+", text) else None
    path = Path(text).expanduser()
    return str(path.resolve()) if text and path.exists() else None


def create_app(
    store: Store,
    runner: Runner,
    token: str | None = None,
    loopback_only: bool = True,
) -> Starlette:
    """The app over `store`, running rounds with `runner`."""
    csrf = secrets.token_urlsafe(32)

    def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        lang = language(request)
        html = environment().get_template(template).render(
            lang=lang, w=all_words()[lang], csrf=csrf, csrf_field=CSRF_FIELD,
            version=__version__, **values,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status)

    def row(client: Client, rounds: list[Audit] | None = None) -> ClientRow:
        found = rounds if rounds is not None else store.audits(client.id)
        return ClientRow(client, found, runner.running(client.id))

    def client_or_404(request: Request) -> Client:
        client = store.client(int(request.path_params["client_id"]))
        if client is None:
            raise HTTPException(404, "no such client")
        return client

    def audit_or_404(audit_id: int) -> Audit:
        found = store.audit(audit_id)
        if found is None:
            raise HTTPException(404, "no such round")
        return found

    def round_number(audit: Audit) -> int:
        return [a.id for a in store.audits(audit.client_id)].index(audit.id) + 1

    async def home(request: Request, problem: str | None = None, **form: str) -> HTMLResponse:
        every = store.all_audits()
        rows = [row(c, every.get(c.id, [])) for c in store.clients()]
        return page(
            request, "clients.html.j2", 400 if problem else 200,
            rows=rows, problem=problem, form=form,
        )  # fmt: skip

    async def add_client(request: Request) -> Response:
        form = await checked_form(request, csrf)
        name, note = str(form.get("name") or "").strip(), str(form.get("note") or "").strip()
        target = valid_target(str(form.get("target") or ""))
        words = all_words()[language(request)]
        values = {"name": name, "note": note, "target": str(form.get("target") or "")}
        if not name:
            return await home(request, words["bad_name"], **values)
        if target is None:
            return await home(request, words["bad_target"], **values)
        client = store.add_client(name[:200], target, note[:2000])
        return RedirectResponse(f"/clients/{client.id}", status_code=303)

    async def client_page(request: Request) -> HTMLResponse:
        client = client_or_404(request)
        return page(request, "client.html.j2", row=row(client))

    async def audit_now(request: Request) -> Response:
        await checked_form(request, csrf)
        audit_id = runner.start(client_or_404(request))
        return RedirectResponse(f"/audits/{audit_id}", status_code=303)

    async def audit_all(request: Request) -> Response:
        await checked_form(request, csrf)
        for client in store.clients():
            runner.start(client)
        return RedirectResponse("/", status_code=303)

    async def delete_client(request: Request) -> Response:
        await checked_form(request, csrf)
        client = client_or_404(request)
        if runner.running(client.id) is None:
            store.delete_client(client.id)
        return RedirectResponse("/", status_code=303)

    async def audit_page(request: Request) -> HTMLResponse:
        found = audit_or_404(int(request.path_params["audit_id"]))
        client = store.client(found.client_id)
        assert client is not None
        report = store.report(found.id) if found.status == "done" else None
        return page(
            request, "audit.html.j2", audit=found, client=client, number=round_number(found),
            report=report, live=runner.progress(found.id),
        )  # fmt: skip

    async def progress(request: Request) -> JSONResponse:
        found = audit_or_404(int(request.path_params["audit_id"]))
        return JSONResponse({"status": found.status, "live": runner.progress(found.id)})

    async def report_html(request: Request) -> Response:
        found = audit_or_404(int(request.path_params["audit_id"]))
        html = store.html(found.id)
        if html is None:
            raise HTTPException(404, "this round has no report")
        answer = HTMLResponse(html, headers={"Content-Security-Policy": REPORT_CSP})
        _download(request, answer, found, round_number(found), "html")
        return answer

    async def report_json(request: Request) -> Response:
        found = audit_or_404(int(request.path_params["audit_id"]))
        report = store.report(found.id)
        if report is None:
            raise HTTPException(404, "this round has no report")
        answer = JSONResponse(report)
        _download(request, answer, found, round_number(found), "json")
        return answer

    def _download(request: Request, answer: Response, found: Audit, number: int, ext: str) -> None:
        if "download" in request.query_params:
            client = store.client(found.client_id)
            name = f"{slug(client.name if client else '')}-round-{number}.{ext}"
            answer.headers["Content-Disposition"] = f'attachment; filename="{name}"'

    def rounds_to_compare(request: Request) -> tuple[Audit, Audit, Any]:
        try:
            old_id, new_id = int(request.query_params["old"]), int(request.query_params["new"])
        except (KeyError, ValueError):
            raise HTTPException(400, "give two rounds: ?old=ID&new=ID") from None
        old, new = audit_or_404(old_id), audit_or_404(new_id)
        old_report, new_report = store.report(old.id), store.report(new.id)
        if old.client_id != new.client_id or old_report is None or new_report is None:
            raise HTTPException(400, "compare two finished rounds of one client")
        diff = diff_site(
            report_from_dict(old_report, f"round {old.id}"),
            report_from_dict(new_report, f"round {new.id}"),
        )
        return old, new, diff

    async def compare(request: Request) -> HTMLResponse:
        old, new, diff = rounds_to_compare(request)
        client = store.client(new.client_id)
        view = diff_view(diff, load_rules(), "site-1", language(request))
        return page(
            request, "compare.html.j2", client=client, old=old, new=new, view=view,
            old_number=round_number(old), new_number=round_number(new), row=row(client),
        )  # fmt: skip

    async def compare_html(request: Request) -> Response:
        old, new, diff = rounds_to_compare(request)
        answer = HTMLResponse(
            render_diff_html([diff], load_rules()),
            headers={"Content-Security-Policy": REPORT_CSP},
        )
        if "download" in request.query_params:
            client = store.client(new.client_id)
            name = f"{slug(client.name if client else '')}-progress-{old.id}-{new.id}.html"
            answer.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return answer

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """At shutdown, the rounds still running are kept as incomplete."""
        yield
        runner.stop()

    routes = [
        Route("/", home),
        Route("/clients", add_client, methods=["POST"]),
        Route("/clients/{client_id:int}", client_page),
        Route("/clients/{client_id:int}/audit", audit_now, methods=["POST"]),
        Route("/clients/{client_id:int}/delete", delete_client, methods=["POST"]),
        Route("/audit-all", audit_all, methods=["POST"]),
        Route("/audits/{audit_id:int}", audit_page),
        Route("/audits/{audit_id:int}/progress.json", progress),
        Route("/audits/{audit_id:int}/report.html", report_html),
        Route("/audits/{audit_id:int}/report.json", report_json),
        Route("/compare", compare),
        Route("/compare.html", compare_html),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(Guard, token=token, loopback_only=loopback_only)]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)

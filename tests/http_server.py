"""A small local web server for tests: static files from a folder plus scripted routes."""

from __future__ import annotations

import mimetypes
import re
import socketserver
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urljoin, urlsplit

from auditor.sources.raw import RawPage

CHUNK = 64  # bytes per write when a route trickles its body
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Route:
    """A scripted response; Content-Type defaults to HTML."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the response starts
    trickle: float = 0.0  # seconds between chunks of CHUNK bytes of the body
    drop: bool = False  # close the connection without answering


NOT_FOUND = Route(404, b"<h1>Not found</h1>")


class SiteServer:
    """A threaded HTTP server on 127.0.0.1; use it as a context manager.

    Files under `root` are served like a static host ("/" -> index.html, "/x/" -> x/index.html
    or x.html, "/x" -> x, x.html or x/index.html); `routes` (path, or path with query) win.
    A route may be a list of responses given in turn, the last one from then on.
    `host` is another loopback address to listen on; `tls` serves HTTPS with that context.
    """

    def __init__(
        self,
        root: Path | None = None,
        routes: dict[str, Route | list[Route]] | None = None,
        host: str = "127.0.0.1",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.root = root.resolve() if root else None
        self.routes = dict(routes or {})
        self.requests: list[str] = []  # request paths, in order of arrival
        self.request_headers: list[dict[str, str]] = []  # the headers of each, same order
        self.request_times: list[float] = []  # time.monotonic() of each arrival, same order
        # (path, arrival, end of the answer) of each request answered, in order of their ends
        self.trace: list[tuple[str, float, float]] = []
        self.most_at_once = 0  # the most requests that were being answered at the same time
        self._active = 0
        self._hits: dict[str, int] = {}  # how often each route key was asked for
        self._lock = threading.Lock()
        self._server = _Server(self, host, tls)
        host, port = self._server.server_address[:2]
        self.url = f"{'https' if tls else 'http'}://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def route_for(self, path: str) -> Route:
        """The response to a GET of `path`."""
        key = path if path in self.routes else urlsplit(path).path
        route = self.routes.get(key)
        if isinstance(route, list):
            with self._lock:
                hit = self._hits[key] = self._hits.get(key, -1) + 1
            return route[min(hit, len(route) - 1)]
        return route or self._static(urlsplit(path).path) or NOT_FOUND

    def _static(self, path: str) -> Route | None:
        if self.root is None:
            return None
        name = unquote(path).lstrip("/")
        if name == "" or name.endswith("/"):
            candidates = [f"{name}index.html", f"{name.rstrip('/')}.html"]
        else:
            candidates = [name, f"{name}.html", f"{name}/index.html"]
        for candidate in candidates:
            file = (self.root / candidate).resolve()
            if file.is_file() and file.is_relative_to(self.root):
                guessed = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                content_type = HTML if file.suffix == ".html" else guessed
                return Route(body=file.read_bytes(), headers={"Content-Type": content_type})
        return None

    def _record(self, path: str, headers: dict[str, str]) -> float:
        """Note a request's arrival; returns its time."""
        with self._lock:
            arrived = time.monotonic()
            self.requests.append(path)
            self.request_headers.append(headers)
            self.request_times.append(arrived)
            self._active += 1
            self.most_at_once = max(self.most_at_once, self._active)
            return arrived

    def _done(self, path: str, arrived: float) -> None:
        with self._lock:
            self._active -= 1
            self.trace.append((path, arrived, time.monotonic()))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: SiteServer, host: str, tls: ssl.SSLContext | None) -> None:
        super().__init__((host, 0), _Handler)
        if tls:  # the handshake happens in the request's thread, on first read
            self.socket = tls.wrap_socket(
                self.socket, server_side=True, do_handshake_on_connect=False
            )
        self.site = site

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse lookup of the address (no DNS query in tests)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients of tests hang up early on purpose."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        arrived = site._record(self.path, dict(self.headers.items()))
        try:
            self._answer(site.route_for(self.path))
        finally:
            site._done(self.path, arrived)

    def _answer(self, route: Route) -> None:
        time.sleep(route.delay)
        if route.drop:
            self.close_connection = True
            return
        try:
            self.send_response(route.status)
            if not any(name.lower() == "content-type" for name in route.headers):
                self.send_header("Content-Type", HTML)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if not route.trickle:
                self.wfile.write(route.body)
                return
            for start in range(0, len(route.body), CHUNK):
                self.wfile.write(route.body[start : start + CHUNK])
                self.wfile.flush()
                time.sleep(route.trickle)
        except OSError:  # the client gave up
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


def every_href(page: RawPage) -> Iterator[tuple[str, int]]:
    """A crawl's link reader for the tests: every href of the page, all of one priority."""
    for href in re.findall(rb'href="([^"]*)"', page.content):
        yield urljoin(page.url, href.decode()), 1

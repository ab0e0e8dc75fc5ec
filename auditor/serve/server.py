"""Start the app (`auditor serve`), or write every client's reports to a folder (`--export`)."""

from __future__ import annotations

import json
import os
import socket
import threading
import webbrowser
from contextlib import suppress
from pathlib import Path

import uvicorn

from auditor.core.errors import InputError
from auditor.serve.app import create_app, slug
from auditor.serve.guard import is_loopback
from auditor.serve.runner import Runner
from auditor.serve.store import Store


class ServeError(InputError):
    """The app cannot start (one line)."""


def default_db() -> Path:
    """clients.db in the user's data folder: $XDG_DATA_HOME, else ~/.local/share."""
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "copy-auditor" / "clients.db"


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def check_bind(host: str, token: str | None) -> None:
    """Only this machine may reach the app without a token."""
    if not is_loopback(host) and not token:
        raise ServeError(f"--host {host} lets other machines in: it needs --token")


def serve(host: str, port: int, db: Path, open_browser: bool, token: str | None) -> None:
    """Run the app until Ctrl-C; the rounds still running then are kept as incomplete."""
    check_bind(host, token)
    store = Store(db)
    store.recover()  # rounds a crashed or killed server left running
    sock = listen(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/" + (f"?token={token}" if token else "")
    app = create_app(store, Runner(store), token, loopback_only=is_loopback(host))
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=3)
    print(f"copy-auditor: serving {url} (database {db}); Ctrl-C stops", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    with suppress(KeyboardInterrupt):  # uvicorn raises Ctrl-C again once it has shut down
        uvicorn.Server(config).run(sockets=[sock])


def export(db: Path, folder: Path) -> tuple[int, int]:
    """Every client's finished rounds as JSON and HTML reports under `folder`, a subfolder per
    client; how many rounds and clients."""
    if not db.is_file():
        raise ServeError(f"no database at {db} (--db names another)")
    store = Store(db)
    rounds = clients = 0
    for client in store.clients():
        done = [a for a in store.audits(client.id) if a.status == "done"]
        if not done:
            continue
        clients += 1
        out = folder / f"{client.id:03d}-{slug(client.name)}"
        out.mkdir(parents=True, exist_ok=True)
        for number, audit in enumerate(store.audits(client.id), 1):
            report, html = store.report(audit.id), store.html(audit.id)
            if report is None or html is None:
                continue
            name = f"round-{number:02d}-{audit.started[:10]}"
            text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
            (out / f"{name}.json").write_text(text, encoding="utf-8")
            (out / f"{name}.html").write_text(html, encoding="utf-8")
            rounds += 1
    return rounds, clients

"""`auditor serve`: the local web app for coaches (auditor/serve/)."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.options import FILE
from auditor.core.errors import InputError


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
    help="Port to listen on (0: any free port).",
)  # fmt: skip
@click.option(
    "--db", type=FILE, help="The clients database [default: copy-auditor/clients.db in the "
    "user's data folder ($XDG_DATA_HOME or ~/.local/share)].",
)  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Do not open the app in the browser.")
@click.option(
    "--token", envvar="AUDITOR_TOKEN",
    help="Needed on every request (required with a --host other machines reach).",
)  # fmt: skip
@click.option(
    "--export", "export_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Write every client's reports (JSON and HTML) into this folder, and exit.",
)  # fmt: skip
def serve_command(
    host: str, port: int, db: Path | None, no_browser: bool, token: str | None,
    export_dir: Path | None,
) -> None:  # fmt: skip
    """A local web app for coaches: clients, audits round after round, what was fixed."""
    from auditor.serve.server import default_db, export, serve

    db = db or default_db()
    try:
        if export_dir is not None:
            rounds, clients = export(db, export_dir)
            click.echo(f"wrote {rounds} rounds of {clients} clients to {export_dir}")
            return
        serve(host, port, db, not no_browser, token)
    except OSError as exc:
        raise InputError(f"cannot write {exc.filename or export_dir}: {exc.strerror}") from None

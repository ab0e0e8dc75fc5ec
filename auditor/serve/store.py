"""Clients and their audits in one SQLite file (standard library): WAL, a schema version with
migrations, short transactions so that several audits and the web pages share it.

An audit row is created "running" and changed in one statement to "done" (its whole JSON
report and HTML page with it), "failed" (the site could not be read: why) or "incomplete"
(the server stopped first); no row is ever half written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.core.errors import InputError

# Each entry brings the schema from version i to i + 1; the version is PRAGMA user_version.
MIGRATIONS = (
    """
    CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        target TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE audits (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'incomplete')),
        started TEXT NOT NULL,
        finished TEXT,
        version TEXT NOT NULL,
        config TEXT NOT NULL,
        owner_pid INTEGER NOT NULL,
        score INTEGER,
        findings INTEGER,
        pages INTEGER,
        error TEXT,
        report TEXT,
        html TEXT
    );
    CREATE INDEX audits_by_client ON audits (client_id, id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT = 30.0  # seconds a statement waits for another writer before giving up
STOPPED = "the server stopped before the audit was done"


class StoreError(InputError):
    """The database cannot be used (one line)."""


@dataclass(frozen=True)
class Client:
    id: int
    name: str
    target: str
    note: str
    created: str


@dataclass(frozen=True)
class Audit:
    """One round; `report` and `html` are only read when asked for (see Store.report)."""

    id: int
    client_id: int
    status: str
    started: str
    finished: str | None
    version: str
    config: dict[str, Any]
    score: int | None
    findings: int | None
    pages: int | None
    error: str | None


AUDIT_COLUMNS = (
    "id, client_id, status, started, finished, version, config, score, findings, pages, error"
)


def now() -> str:
    """The time as stored: UTC, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _audit(row: sqlite3.Row) -> Audit:
    values = dict(row)
    values["config"] = json.loads(values["config"])
    return Audit(**values)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


class Store:
    """The database at `path`, created and migrated on first use. Each call opens its own
    short-lived connection, so the store may be used from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                self._migrate(db)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in autocommit mode; use _write() for a transaction."""
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)) as db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            yield db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (BEGIN IMMEDIATE: no upgrade deadlock)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.execute("ROLLBACK")
            raise StoreError(
                f"{self.path} was written by a newer copy-auditor (schema {version}); "
                "upgrade copy-auditor to open it"
            )
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    db.execute(statement)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        db.execute("COMMIT")

    def schema_version(self) -> int:
        with self._connect() as db:
            return int(db.execute("PRAGMA user_version").fetchone()[0])

    # clients

    def add_client(self, name: str, target: str, note: str = "") -> Client:
        with self._write() as db:
            created = now()
            cursor = db.execute(
                "INSERT INTO clients (name, target, note, created) VALUES (?, ?, ?, ?)",
                (name, target, note, created),
            )
        return Client(int(cursor.lastrowid or 0), name, target, note, created)

    def client(self, client_id: int) -> Client | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM clients WHERE id = ?", (client_id,)).fetchone()
        return Client(**dict(row)) if row else None

    def clients(self) -> list[Client]:
        with self._connect() as db:
            rows = db.execute("SELECT * FROM clients ORDER BY name COLLATE NOCASE, id")
            return [Client(**dict(row)) for row in rows]

    def delete_client(self, client_id: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM clients WHERE id = ?", (client_id,))

    # audits

    def begin_audit(self, client_id: int, config: dict[str, Any]) -> int:
        """A new "running" round of the client, owned by this process."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO audits (client_id, status, started, version, config, owner_pid)"
                " VALUES (?, 'running', ?, ?, ?, ?)",
                (client_id, now(), __version__, json.dumps(config), os.getpid()),
            )
        return int(cursor.lastrowid or 0)

    def finish_audit(self, audit_id: int, report: dict[str, Any], html: str) -> None:
        """The round is done: its JSON report and HTML page stored with it, in one statement."""
        summary = report["summary"]
        with self._write() as db:
            db.execute(
                "UPDATE audits SET status = 'done', finished = ?, score = ?, findings = ?,"
                " pages = ?, report = ?, html = ? WHERE id = ? AND status = 'running'",
                (now(), summary["score"], summary["findings"], summary["pages"],
                 json.dumps(report, ensure_ascii=False), html, audit_id),
            )  # fmt: skip

    def fail_audit(self, audit_id: int, error: str, status: str = "failed") -> None:
        """The round ended without a report: "failed" (the site could not be read) or
        "incomplete" (stopped)."""
        with self._write() as db:
            db.execute(
                "UPDATE audits SET status = ?, finished = ?, error = ?"
                " WHERE id = ? AND status = 'running'",
                (status, now(), error, audit_id),
            )

    def recover(self) -> int:
        """Mark "incomplete" the running rounds whose process is gone (a crash, a kill) or
        is this one (it has only just started); how many."""
        with self._write() as db:
            rows = db.execute("SELECT id, owner_pid FROM audits WHERE status = 'running'")
            gone = [r["id"] for r in rows if r["owner_pid"] == os.getpid()
                    or not _alive(r["owner_pid"])]  # fmt: skip
            db.executemany(
                "UPDATE audits SET status = 'incomplete', finished = ?, error = ? WHERE id = ?",
                [(now(), STOPPED, audit_id) for audit_id in gone],
            )
        return len(gone)

    def audit(self, audit_id: int) -> Audit | None:
        with self._connect() as db:
            row = db.execute(
                f"SELECT {AUDIT_COLUMNS} FROM audits WHERE id = ?", (audit_id,)
            ).fetchone()
        return _audit(row) if row else None

    def audits(self, client_id: int) -> list[Audit]:
        """The client's rounds, the first first."""
        with self._connect() as db:
            rows = db.execute(
                f"SELECT {AUDIT_COLUMNS} FROM audits WHERE client_id = ? ORDER BY id",
                (client_id,),
            )
            return [_audit(row) for row in rows]

    def all_audits(self) -> dict[int, list[Audit]]:
        """Every client's rounds (by client id), the first first."""
        found: dict[int, list[Audit]] = {}
        with self._connect() as db:
            for row in db.execute(f"SELECT {AUDIT_COLUMNS} FROM audits ORDER BY id"):
                found.setdefault(row["client_id"], []).append(_audit(row))
        return found

    def report(self, audit_id: int) -> dict[str, Any] | None:
        """A done round's JSON report."""
        with self._connect() as db:
            row = db.execute("SELECT report FROM audits WHERE id = ?", (audit_id,)).fetchone()
        return json.loads(row["report"]) if row and row["report"] else None

    def html(self, audit_id: int) -> str | None:
        """A done round's HTML report, as `auditor check --format html` wrote it then."""
        with self._connect() as db:
            row = db.execute("SELECT html FROM audits WHERE id = ?", (audit_id,)).fetchone()
        return row["html"] if row else None

"""The connection that counts clicks: one per process, the click batch leader's own
(stories_clicks), set up for what it runs, a small upsert in autocommit.

SQLite: two gunicorn workers' leaders often want the write lock at once. On a pooled
connection the loser sleeps in SQLite's busy handler (1, 2, 5, 10… ms) while the winner
holds the lock for a few tens of µs, and every click of the loser's batch waits with it.
Here SQLite does not wait at all (busy_timeout 0): the write is retried from Python after
a pause that starts at 50 µs and doubles up to 1 ms, for at most WAIT_SECONDS in all (the
pooled connections' busy_timeout), then fails with an error that says so.

PostgreSQL: synchronous_commit is off on this connection only, so a click's commit does not
wait for its WAL record to reach the disk. That is SQLite's synchronous=NORMAL durability:
an app crash loses nothing (the commit is in PostgreSQL's memory); a server or power crash
can lose the last fraction of a second of clicks, never corrupts and never half-writes one.
A connection the server ended (restart, pg_terminate_backend) is noticed before use, as the
pool does, and replaced.

Made on first use, for the database bound then; closed with the pool (db.close_pool). A
forked child (a gunicorn worker) never uses its parent's: it keeps that one referenced and
unused (closing it would end the parent's session) and makes its own.
"""

from __future__ import annotations

import os
import threading
import time

from peewee import (
    Database,
    InterfaceError,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
)

from . import db
from .db import SQLITE_PRAGMAS, database

WAIT_SECONDS = SQLITE_PRAGMAS["busy_timeout"] / 1000
FIRST_PAUSE_SECONDS = 50e-6
LONGEST_PAUSE_SECONDS = 1e-3


class ClickWriteTimeout(OperationalError):
    """SQLite's write lock stayed taken for WAIT_SECONDS: the click was not written."""


class _ClickPostgres(PostgresqlDatabase):
    def _initialize_connection(self, conn) -> None:
        with conn.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")


class _ClickConnection:
    """A peewee database of one connection, shared by the threads that lead in turn."""

    def __init__(self, target: Database) -> None:
        self.target = target  # the pooled database this one writes to
        self.own: Database | None = None
        if isinstance(target, SqliteDatabase) and target.database not in ("", ":memory:"):
            # The pool's pragmas but journal_mode (the file is in WAL mode for good once the
            # pool opened it; setting it again could meet the other worker's write lock).
            pragmas = {**dict(target._pragmas), "busy_timeout": 0}
            pragmas.pop("journal_mode", None)
            self.own = SqliteDatabase(
                target.database,
                pragmas=pragmas,
                timeout=0,
                check_same_thread=False,
                thread_safe=False,  # one connection, whichever thread leads
            )
        elif isinstance(target, PostgresqlDatabase):
            self.own = _ClickPostgres(
                target.database, thread_safe=False, prefer_psycopg3=True, **target.connect_params
            )

    def execute(self, sql: str, params: list) -> None:
        own = self.own
        if own is None:  # an in-memory SQLite database: only the pooled connection sees it
            database.execute_sql(sql, params)
            return
        if isinstance(own, SqliteDatabase):
            self._execute_sqlite(own, sql, params)
            return
        if not own.is_closed() and db.server_may_have_ended(own.connection()):
            self.close()
        try:
            own.execute_sql(sql, params)
        except (OperationalError, InterfaceError):
            self.close()  # its state is unknown: the next click starts a fresh connection
            raise

    @staticmethod
    def _execute_sqlite(own: SqliteDatabase, sql: str, params: list) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        pause = FIRST_PAUSE_SECONDS
        while True:
            try:
                own.execute_sql(sql, params)
                return
            except OperationalError as error:
                if not str(error).startswith("database is locked"):
                    raise
                if time.monotonic() >= deadline:
                    raise ClickWriteTimeout(
                        f"database is locked: the click was not written, another writer held "
                        f"SQLite's write lock for {WAIT_SECONDS:g} s"
                    ) from error
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE_SECONDS)

    def close(self) -> None:
        if self.own is not None and not self.own.is_closed():
            try:
                self.own.close()
            except (OperationalError, InterfaceError):
                pass  # already ended by the server


_CURRENT: _ClickConnection | None = None
_LOCK = threading.Lock()


def execute_click_write(sql: str, params: list) -> None:
    """Run one autocommit statement that counts clicks on this process's click connection."""
    global _CURRENT
    with _LOCK:
        current = _CURRENT
        if current is None or current.target is not database.obj:
            if current is not None:
                current.close()
            current = _CURRENT = _ClickConnection(database.obj)
        current.execute(sql, params)


def close_click_connection() -> None:
    """Close this process's click connection (the database is being unbound)."""
    global _CURRENT
    with _LOCK:
        if _CURRENT is not None:
            _CURRENT.close()
            _CURRENT = None


def _forget_after_fork() -> None:
    global _CURRENT, _LOCK
    if _CURRENT is not None and _CURRENT.own is not None:
        db._INHERITED.append(_CURRENT.own)
    _CURRENT, _LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)
db.on_close(close_click_connection)

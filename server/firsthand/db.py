"""The one database handle, bound at start-up; pooled connections, one per request thread."""

from __future__ import annotations

import logging
import os
import select
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

try:
    import fcntl
except ImportError:  # Windows: no flock; one init-db at a time is the operator's care there
    fcntl = None

from flask import Flask, request
from peewee import Database, DatabaseProxy, InterfaceError, OperationalError, SqliteDatabase
from peewee import __exception_wrapper__ as peewee_errors  # sqlite3's errors as peewee's
from playhouse import db_url
from playhouse.migrations import Runner
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase, PooledSqliteDatabase

from .errors import ApiError

log = logging.getLogger(__name__)
database = DatabaseProxy()
MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL is safe in WAL mode: an app crash loses nothing, only a power cut
    # can lose the last commits, and it costs ~30 µs instead of ~600 µs a commit.
    "synchronous": 1,
    "cache_size": -16000,
    # The pool's own `timeout` is how long to wait for a free connection, so SQLite's wait
    # for the write lock is set here rather than through sqlite3.connect(timeout=…).
    "busy_timeout": 10_000,
}

# A connection is opened once per thread that needs one and then reused: a new SQLite
# connection costs four PRAGMAs and a cold page and statement cache, a new PostgreSQL one a
# backend process. More threads than this wait for a free connection (up to POOL_WAIT_SECONDS).
POOL_SIZE = 32
POOL_WAIT_SECONDS = 10
# Connections a forked child inherited: kept referenced, never closed nor used, because closing
# one would end the parent's session (PostgreSQL) or release its locks (SQLite).
_INHERITED: list = []


def open_database(url: str) -> Database:
    """Return an unconnected peewee Database for a sqlite:// or postgresql:// URL."""
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            _private_file(Path(path))
        return _SqlitePool(
            **db_url.parseresult_to_dict(urlparse(url)),
            pragmas=SQLITE_PRAGMAS,
            # A pooled connection serves one thread at a time, but not always the same one
            # (a threaded server starts a thread per request).
            check_same_thread=False,
            max_connections=POOL_SIZE,
            timeout=POOL_WAIT_SECONDS,
        )
    if scheme in ("postgres", "postgresql"):
        return _PostgresPool(
            **db_url.parseresult_to_dict(urlparse(url)),
            prefer_psycopg3=True,
            max_connections=POOL_SIZE,
            timeout=POOL_WAIT_SECONDS,
        )
    raise ValueError(f"unsupported database URL scheme {scheme!r}: use sqlite:/// or postgresql://")


class _SqlitePool(PooledSqliteDatabase):
    """Takes SQLite's write lock by polling rather than through SQLite's busy handler.

    A writer that finds the lock held by another process (another gunicorn worker) sleeps
    in the busy handler 1, 2, 5, 10, 15, 20, 25… ms between tries, so the lock mostly stands
    free while the other process's writers take it back to back. Here BEGIN IMMEDIATE is
    tried with busy_timeout 0 every 0.1 to 1 ms until the same budget (busy_timeout) has
    passed; past it the last try's "database is locked" is raised, as SQLite would.
    """

    def begin(self, lock_type=None) -> None:
        if lock_type != "IMMEDIATE":
            super().begin(lock_type)
            return
        budget_ms = int(dict(self._pragmas).get("busy_timeout", 0))
        cursor = self.cursor()
        with peewee_errors:
            cursor.execute("PRAGMA busy_timeout = 0")
            try:
                begin_polling(cursor, time.monotonic() + budget_ms / 1000)
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {budget_ms}")


POLL_FIRST_SECONDS, POLL_MAX_SECONDS = 0.0001, 0.001


def begin_polling(cursor, deadline: float) -> None:
    """BEGIN IMMEDIATE on a connection whose busy_timeout is 0, tried again after a short
    sleep (0.1 ms, doubling up to 1 ms) while SQLite answers busy, until `deadline`."""
    pause = POLL_FIRST_SECONDS
    while True:
        try:
            cursor.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            left = deadline - time.monotonic()
            if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or left <= 0:
                raise
        time.sleep(min(pause, left))
        pause = min(pause * 2, POLL_MAX_SECONDS)


class _PostgresPool(PooledPostgresqlDatabase):
    """Checks a connection out without a round trip when its socket is quiet.

    A server that ends a connection (restart, pg_terminate_backend) sends it an error and
    closes it, which makes an idle connection's socket readable: only then is it tested with
    a round trip (SELECT 1, peewee's own check) and discarded when dead, so the request gets
    a fresh one. peewee pinged on every check-out: a round trip per request, the dearest
    part of a health check.
    """

    def _is_closed(self, conn) -> bool:
        if conn.closed:
            return True
        if conn.info.transaction_status.name == "IDLE" and not server_may_have_ended(conn):
            return False
        return super()._is_closed(conn)


def server_may_have_ended(conn) -> bool:
    """Whether an idle psycopg connection's socket has something to read: the server sends
    an error before it ends a connection, and an idle, live one has nothing to read."""
    if conn.closed:
        return True
    try:
        readable, _, _ = select.select([conn.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (0600), in a new folder 0700.

    SQLite gives its -wal and -shm files the database file's mode, so they stay private too.
    An existing folder is left as it is (it may be shared, like /srv); an existing database
    file readable by others is made private.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def backend_name() -> str:
    """Return 'sqlite' or 'postgresql' for the bound database."""
    return "sqlite" if isinstance(database.obj, SqliteDatabase) else "postgresql"


# SQLite has one writer at a time. Writers of one process queue here, each woken as soon as
# the one before commits; left to SQLite, every waiting connection sleeps in its busy
# handler (1, 2, 5, 10 ms…) and retries, so the lock stands free while they sleep.
# Writers in other processes are polled for at a finer grain (_SqlitePool.begin).
_SQLITE_WRITER = threading.RLock()


@contextmanager
def write_transaction():
    """Open a transaction that takes the write lock up front.

    SQLite's default DEFERRED transaction can fail with SQLITE_BUSY when it
    upgrades from read to write; IMMEDIATE waits for the lock instead.
    PostgreSQL writers lock the rows they change (see models.UserStats.locked).
    """
    if not isinstance(database.obj, SqliteDatabase):
        with database.atomic():
            yield
        return
    if not _SQLITE_WRITER.acquire(timeout=SQLITE_PRAGMAS["busy_timeout"] / 1000):
        raise OperationalError("database is locked")
    try:
        with database.atomic("IMMEDIATE"):
            yield
    finally:
        _SQLITE_WRITER.release()


def insert_rows(model, rows: list[dict]) -> None:
    """Insert many plain rows with one prepared statement (executemany).

    For bulk writes such as imports: peewee's insert_many builds the SQL of every value in
    Python, which costs more than the database does for thousands of rows.
    """
    if not rows:
        return
    given = list(rows[0])
    # peewee's defaults live in Python, not in the table: fill them in as insert_many would.
    defaults = {
        f.name: (f.default() if callable(f.default) else f.default)
        for f in model._meta.sorted_fields
        if f.name not in given and f.default is not None
    }
    rows = [{**defaults, **row} for row in rows] if defaults else rows
    if hasattr(model, "fold_rows"):  # folding.FoldedColumns: the search copies of names
        rows = model.fold_rows(rows)
    fields = [model._meta.fields[name] for name in rows[0]]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    values = [tuple(f.db_value(row[f.name]) for f in fields) for row in rows]
    database.cursor().executemany(sql, values)


def migrate(db: Database | None = None) -> list[str]:
    """Apply pending schema migrations; return the names applied.

    One run at a time per database: two `firsthand init-db` at once (two deploy hooks, two
    containers starting) both applied the first migrations, and the one that lost the race
    ended in an IntegrityError traceback. The second now waits, then finds nothing to do."""
    target = db or database.obj
    with _migrating(target):
        return Runner(target, MIGRATIONS_DIR).up()


@contextmanager
def _migrating(target: Database):
    """A connection holding the database's migration lock: a PostgreSQL advisory lock for its
    schema, or for a SQLite file an flock on its folder (not on the file: closing another
    descriptor of it would drop SQLite's own locks), taken before connecting (a connection
    opened while the other run turns a new file to WAL is refused, "database is locked")."""
    if not isinstance(target, SqliteDatabase):
        with target.connection_context():
            schema = target.execute_sql("SELECT current_schema()").fetchone()[0] or ""
            key = zlib.crc32(f"firsthand migrate {schema}".encode())
            target.execute_sql("SELECT pg_advisory_lock(%s)", (key,))
            try:
                yield
            finally:
                target.execute_sql("SELECT pg_advisory_unlock(%s)", (key,))
        return
    path = target.database
    if fcntl is None or not path or path.startswith((":memory:", "file:")):
        with target.connection_context():
            yield
        return
    folder = os.open(Path(path).resolve().parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        with target.connection_context():
            yield
    finally:
        os.close(folder)  # and its lock with it


_CLOSERS: list[Callable[[], None]] = []


def on_close(closer: Callable[[], None]) -> None:
    """Have close_pool also call `closer` (a module's own connection to the bound database)."""
    _CLOSERS.append(closer)


def close_pool() -> None:
    """Close the bound database's connections, idle and in use (at exit, or before rebinding)."""
    for closer in _CLOSERS:
        closer()
    target = database.obj
    if target is None:
        return
    if isinstance(target, PooledDatabase):
        target.close_all()
    elif not target.is_closed():
        target.close()


def _forget_inherited_connections() -> None:
    """In a forked child (a gunicorn worker): start with an empty pool of its own."""
    target = database.obj
    if not isinstance(target, PooledDatabase):
        return
    _INHERITED.extend(conn for _, _, conn in target._connections)
    _INHERITED.extend(pooled.connection for pooled in target._in_use.values())
    target._connections, target._in_use = [], {}
    target._state.reset()


os.register_at_fork(after_in_child=_forget_inherited_connections)


def init_app(app: Flask) -> None:
    """Bind the database from config; each request borrows a pooled connection."""
    close_pool()  # an app built earlier in this process (tests, CLI) gives its connections back
    database.initialize(open_database(app.config["DATABASE_URL"]))

    @app.before_request
    def _connect() -> None:
        try:
            database.connect(reuse_if_open=True)
        except (OperationalError, InterfaceError) as error:
            if request.endpoint == "health.health":
                return  # /health reports it
            log.error("the database does not answer (%s)", type(error).__name__)
            raise ApiError(
                503,
                "The service cannot reach its database just now: nothing was changed. "
                "Try again in a minute.",
                code="unavailable",
            ) from error

    @app.teardown_request
    def _close(exc: BaseException | None = None) -> None:
        if not database.is_closed():
            database.close()

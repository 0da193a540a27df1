"""Fixtures: a fresh app and database per test (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from werkzeug.serving import make_server

# Every app the tests build (test client, live server, e2e server) checks each API answer
# against the schema its route declares; a mismatch fails the test that caused it.
os.environ["FIRSTHAND_CHECK_RESPONSES"] = "1"
# Analytics figures are cached for minutes in production; tests look at them fresh
# (tests/test_analytics.py turns the cache on where it is the subject).
os.environ.setdefault("FIRSTHAND_ANALYTICS_CACHE_SECONDS", "0")

from route_builders import install as reuse_route_builders  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.accounts import create_user  # noqa: E402
from firsthand.api.contract import VIOLATIONS  # noqa: E402
from firsthand.auth import issue_token  # noqa: E402
from firsthand.db import close_pool, database, migrate, open_database  # noqa: E402
from helpers import CLOCK_START, SERVER_POLL_SECONDS, Clock  # noqa: E402

# Each test's fresh app compiles the same URL builders: once per process is enough.
reuse_route_builders()


def _worker_database(url: str | None) -> str | None:
    """Under pytest-xdist, each worker's own database beside the configured one (<db>_gw0…):
    workers then never share a schema, a LISTEN channel or a pg_terminate_backend target."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{worker}"))


PG_URL = _worker_database(os.environ.get("FIRSTHAND_TEST_DATABASE_URL"))
PG_SCHEMA = f"firsthand_test_{os.getpid()}"
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(autouse=True)
def pooled_connections_closed():
    """Close the pooled connections a test opened (its app's, or a database it bound)."""
    yield
    close_pool()


@pytest.fixture(autouse=True)
def answers_keep_their_contract():
    """Fail any test during which an API answer broke the schema declared for it."""
    VIOLATIONS.clear()
    yield
    found, VIOLATIONS[:] = list(VIOLATIONS), []
    if found:
        pytest.fail("API answers broke their declared contract:\n" + "\n".join(found))


def _pg_url() -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote(f'-csearch_path={PG_SCHEMA}')}"


_pg_database_made = False


def _ensure_pg_database() -> None:
    """Create this worker's database (xdist) the first time it is needed."""
    global _pg_database_made
    import psycopg

    if _pg_database_made or PG_URL == os.environ.get("FIRSTHAND_TEST_DATABASE_URL"):
        return
    _pg_database_made = True
    name = urlsplit(PG_URL).path.lstrip("/")
    with psycopg.connect(os.environ["FIRSTHAND_TEST_DATABASE_URL"], autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _reset_pg_schema() -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{PG_SCHEMA}"')


# What this process's schema looks like right after all migrations, and the SQL that empties
# it again (None until first built).
_migrated_pg_shape: tuple | None = None
_empty_pg_sql = ""


def _pg_shape(conn) -> tuple:
    """Every relation, column, constraint and function in the schema, and the migrations run."""
    relations = conn.execute(
        "SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod),"
        " a.attnotnull FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0"
        " AND NOT a.attisdropped WHERE n.nspname = %s ORDER BY 1, 2, 3",
        (PG_SCHEMA,),
    ).fetchall()
    others = conn.execute(
        "SELECT 'constraint', conname, pg_get_constraintdef(o.oid) FROM pg_constraint o"
        " JOIN pg_namespace n ON n.oid = o.connamespace WHERE n.nspname = %s"
        " UNION ALL SELECT 'function', p.proname, pg_get_function_identity_arguments(p.oid)"
        " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s"
        " ORDER BY 1, 2, 3",
        (PG_SCHEMA, PG_SCHEMA),
    ).fetchall()
    applied = []
    if any(row[0] == "schema_migration" for row in relations):
        applied = conn.execute(
            f'SELECT * FROM "{PG_SCHEMA}".schema_migration ORDER BY 1'
        ).fetchall()
    return tuple(relations), tuple(others), tuple(applied)


def _emptying_sql(conn) -> str:
    """DELETE every table but the migrations' record, those that refer to others first, and
    restart every sequence (ids start at 1 again, as in a new schema). DELETE rather than
    TRUNCATE: on the few rows a test leaves it takes ~10 ms, TRUNCATE of 30-odd tables ~0.5 s
    (it makes new files for each)."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s"
            " AND tablename <> 'schema_migration'",
            (PG_SCHEMA,),
        )
    ]
    refers: dict[str, set[str]] = {table: set() for table in tables}
    for child, parent in conn.execute(
        "SELECT o.conrelid::regclass::text, o.confrelid::regclass::text FROM pg_constraint o"
        " JOIN pg_namespace n ON n.oid = o.connamespace WHERE n.nspname = %s AND o.contype = 'f'",
        (PG_SCHEMA,),
    ):
        child, parent = child.split(".")[-1].strip('"'), parent.split(".")[-1].strip('"')
        if child != parent:
            refers[child].add(parent)
    order: list[str] = []  # referring tables before the tables they refer to

    def visit(table: str, seen: set[str]) -> None:
        if table in order or table in seen:
            return
        seen.add(table)
        for other in tables:
            if table in refers[other]:
                visit(other, seen)
        order.append(table)

    for table in sorted(tables):
        visit(table, set())
    deletes = [f'DELETE FROM "{PG_SCHEMA}"."{table}";' for table in order]
    restart = (
        "SELECT setval(format('%I.%I', schemaname, sequencename), start_value, false)"
        f" FROM pg_sequences WHERE schemaname = '{PG_SCHEMA}';"
    )
    # Triggers name the tables they keep up to date without a schema: find them in this one.
    search = f'SET LOCAL search_path TO "{PG_SCHEMA}";'
    return "\n".join(["BEGIN;", search, *deletes, restart, "COMMIT;"])


def _empty_migrated_pg_schema() -> None:
    """Leave this process's schema fully migrated and empty, as a fresh migrate would.

    Migrating costs ~0.5-1.5 s a test on PostgreSQL, emptying the tables ~10 ms: when the
    schema still has exactly the shape the migrations gave it (a test that ran migrations
    itself, or changed the schema, changes the shape), its tables are emptied; otherwise the
    schema is rebuilt and migrated.
    """
    global _migrated_pg_shape, _empty_pg_sql
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '30s'")  # a test left a transaction open: say so
        if _migrated_pg_shape is not None and _pg_shape(conn) == _migrated_pg_shape:
            try:
                conn.execute(_empty_pg_sql)
                return
            except psycopg.Error:  # rows the order above cannot delete: rebuild instead
                pass
    _reset_pg_schema()
    target = open_database(_pg_url())
    database.initialize(target)
    migrate(target)
    target.close_all()
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        _migrated_pg_shape = _pg_shape(conn)
        _empty_pg_sql = _emptying_sql(conn)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file with every migration applied, made once per process: a test's database
    starts as a copy of it (~5 ms) instead of migrating anew (~0.2–0.3 s)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    target = open_database(f"sqlite:///{path}")
    database.initialize(target)
    migrate(target)
    with target.connection_context():
        target.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the main file
    target.close_all()
    database.initialize(None)
    return path


def copy_migrated_sqlite(template: Path, path: Path) -> None:
    """Start the database at `path` as a copy of the migrated template (owner-only, 0600)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    path.chmod(0o600)


@pytest.fixture
def clock() -> Clock:
    # A Wednesday, so tests can cross into the next ISO week on purpose.
    return Clock(CLOCK_START)


# Fixtures that migrate the database they are given before the test starts: a test using one
# of them gets that database already migrated (from a template), which is what it would see.
MIGRATING_FIXTURES = {"app", "site"}


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """An empty database on each back end; already migrated when the test's app migrates it."""
    migrated = bool(MIGRATING_FIXTURES & set(request.fixturenames))
    if request.param == "sqlite":
        path = tmp_path / "firsthand.db"
        if migrated:
            copy_migrated_sqlite(request.getfixturevalue("migrated_sqlite"), path)
        return f"sqlite:///{path}"
    _ensure_pg_database()
    if migrated:
        _empty_migrated_pg_schema()
    else:
        _reset_pg_schema()
    return _pg_url()


@pytest.fixture
def app(db_url, tmp_path, monkeypatch, clock):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("FIRSTHAND_SECRET_KEY", raising=False)
    application = create_app({"TESTING": True, "DATABASE_URL": db_url, "CLOCK": clock})
    migrate(database.obj)
    yield application
    # A story's webhook posts run in a thread that records its outcome in the database: one
    # outliving its test ran on a PostgreSQL connection while the next tests reset the
    # schema and rebound the database (psycopg crashed the worker, once, in CI).
    for thread in threading.enumerate():
        if thread.name == "story-webhooks":
            thread.join(10)
    database.close()


@pytest.fixture
def no_rate_limits(app):
    """For modules whose hundreds of requests a minute are the point, not abuse
    (`pytestmark = pytest.mark.usefixtures("no_rate_limits")`)."""
    for name in ("WRITES", "SUGGESTIONS", "REFUSED"):
        app.config[f"RATELIMIT_{name}"] = "100000/minute"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app, clock):
    """Create a user and return (user, auth headers)."""
    count = iter(range(1, 10_000))

    def factory(
        email: str | None = None,
        role: str = "employee",
        team: str | None = "Sales",
        name: str | None = None,
    ):
        n = next(count)
        with app.app_context(), database.connection_context():
            user = create_user(
                email or f"user{n}@example.com", name or f"User {n}", clock(), team, role
            )
            token = issue_token(user)
        return user, {"Authorization": f"Bearer {token}"}

    return factory


@pytest.fixture
def small_teams(make_user):
    """The folding tests' program: Ada (admin, no team), Sales of three, Legal of three
    (Lena, Leo, Liv)."""
    admin = make_user("ada@example.com", role="admin", team=None, name="Ada Admin")
    sales = [make_user(f"s{k}@example.com", team="Sales") for k in range(3)]
    legal = [
        make_user(f"{name.lower()}@example.com", team="Legal", name=name)
        for name in ("Lena", "Leo", "Liv")
    ]
    return admin, sales, legal


@pytest.fixture
def auth(make_user) -> dict:
    return make_user("ann@example.com", name="Ann Example")[1]


@pytest.fixture
def live_server(app):
    """The app served by a real threaded HTTP server on loopback."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(SERVER_POLL_SECONDS,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def ask_suggestions(live_server, auth):
    """POST /suggestions over HTTP as Ann, with the browser's language `ui` if given."""
    import requests

    def ask(text: str, ui: str | None = None, **extra) -> requests.Response:
        headers = {**auth, **({"Accept-Language": ui} if ui else {})}
        body = {"text": text, **extra}
        answer = requests.post(f"{live_server}/api/v1/suggestions", json=body, headers=headers)
        assert answer.status_code == 200, answer.text
        return answer

    return ask

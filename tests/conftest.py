"""Fixtures: a fresh app and database per test (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import threading
from urllib.parse import quote

import pytest
from werkzeug.serving import make_server

# Every app the tests build (test client, live server, e2e server) checks each API answer
# against the schema its route declares; a mismatch fails the test that caused it.
os.environ["FIRSTHAND_CHECK_RESPONSES"] = "1"
# Analytics figures are cached for minutes in production; tests look at them fresh
# (tests/test_analytics.py turns the cache on where it is the subject).
os.environ.setdefault("FIRSTHAND_ANALYTICS_CACHE_SECONDS", "0")

from firsthand import create_app  # noqa: E402
from firsthand.accounts import create_user  # noqa: E402
from firsthand.api.contract import VIOLATIONS  # noqa: E402
from firsthand.auth import issue_token  # noqa: E402
from firsthand.db import close_pool, database, migrate  # noqa: E402
from helpers import CLOCK_START, Clock  # noqa: E402

PG_URL = os.environ.get("FIRSTHAND_TEST_DATABASE_URL")
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


def _reset_pg_schema() -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{PG_SCHEMA}"')


@pytest.fixture
def clock() -> Clock:
    # A Wednesday, so tests can cross into the next ISO week on purpose.
    return Clock(CLOCK_START)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'firsthand.db'}"
    _reset_pg_schema()
    return _pg_url()


@pytest.fixture
def app(db_url, tmp_path, monkeypatch, clock):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("FIRSTHAND_SECRET_KEY", raising=False)
    application = create_app({"TESTING": True, "DATABASE_URL": db_url, "CLOCK": clock})
    migrate(database.obj)
    yield application
    database.close()


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
def auth(make_user) -> dict:
    return make_user("ann@example.com", name="Ann Example")[1]


@pytest.fixture
def live_server(app):
    """The app served by a real threaded HTTP server on loopback."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)

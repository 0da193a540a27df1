"""Fixtures: a fresh app and database per test (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import re
import threading
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from firsthand import create_app
from firsthand.accounts import create_user
from firsthand.api.openapi import ENDPOINTS
from firsthand.auth import issue_token
from firsthand.db import database, migrate
from firsthand.validation import field_errors
from helpers import CLOCK_START, Clock

PG_URL = os.environ.get("FIRSTHAND_TEST_DATABASE_URL")
PG_SCHEMA = f"firsthand_test_{os.getpid()}"
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _response_schema(method: str, path: str, status: int) -> str | None:
    if status >= 400:
        return "error"
    path = re.sub(r"/\d+$", "/{share_id}", re.sub(r"^/api/v1", "", path))
    for m, p, _summary, _req, responses, _auth in ENDPOINTS:
        if m == method.lower() and p == path:
            return responses.get(status)
    return None


class ContractClient(FlaskClient):
    """A test client that checks every JSON answer against the shared schemas."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if (
            request.path.startswith("/api/")
            and response.is_json
            and not request.path.endswith("/openapi.json")
        ):
            schema = _response_schema(request.method, request.path, response.status_code)
            assert schema, f"no schema for {request.method} {request.path} {response.status_code}"
            problems = field_errors(schema, response.get_json())
            assert not problems, f"{request.method} {request.path} breaks {schema}: {problems}"
        return response


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
    application.test_client_class = ContractClient
    migrate(database.obj)
    yield application
    database.close()


@pytest.fixture
def client(app) -> ContractClient:
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

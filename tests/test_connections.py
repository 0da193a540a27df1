"""Pooled connections: reused across requests, fresh in a forked worker, replaced when the
server ended them (a PostgreSQL restart or pg_terminate_backend)."""

from __future__ import annotations

import os
import select
import warnings

import pytest

from firsthand.db import database
from helpers import linkedin_url


def _idle_connections() -> list:
    return [conn for _, _, conn in database.obj._connections]


def test_requests_reuse_one_pooled_connection(client, auth):
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    first = _idle_connections()
    assert len(first) == 1 and database.is_closed()  # back in the pool, not closed
    for _ in range(3):
        assert client.get("/api/v1/me", headers=auth).status_code == 200
    assert _idle_connections() == first


def test_a_forked_worker_opens_its_own_connections(client, auth):
    """A gunicorn worker forked from a process that had connections never touches them: the
    parent's connection still works after the child used the database and exited."""
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    parents = _idle_connections()
    with warnings.catch_warnings():
        # Python 3.12+ warns when forking with threads alive (the rate limiter's timer may
        # be); the child below only makes one request and exits.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: report through the exit status only
        status = 1
        try:
            fresh = client.get("/api/v1/me", headers=auth).status_code == 200
            mine = _idle_connections()
            status = 0 if fresh and mine and not set(map(id, mine)) & set(map(id, parents)) else 2
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    assert _idle_connections() == parents


def test_next_request_succeeds_after_the_server_ends_the_connection(app, client, auth, db_url):
    """pg_terminate_backend on the pooled connection, as a PostgreSQL restart would: the
    next read and the next write each get a fresh connection instead of a 500."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: a SQLite connection is a file handle the server cannot end")
    import psycopg
    from conftest import PG_URL

    assert client.get("/api/v1/me", headers=auth).status_code == 200
    pids = [conn.info.backend_pid for conn in _idle_connections()]
    assert len(pids) == 1
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        for backend in pids:
            # The timeout waits until the backend has gone.
            ended = admin.execute("SELECT pg_terminate_backend(%s, 5000)", (backend,)).fetchone()
            assert ended == (True,)
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    answer = client.post(
        "/api/v1/shares", headers=auth, json={"url": linkedin_url(1), "network": "linkedin"}
    )
    assert answer.status_code == 201
    fresh = [conn.info.backend_pid for conn in _idle_connections()]
    assert fresh and not set(fresh) & set(pids)


def test_a_quiet_pooled_connection_is_checked_out_without_a_round_trip(
    client, auth, db_url, monkeypatch
):
    """PostgreSQL: an idle connection whose socket has nothing to read is reused as it is; the
    round-trip test (SELECT 1) is kept for a connection the server wrote to (see above)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has no server to ask")
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    pinged = []
    adapter = database.obj._adapter
    real = adapter.is_connection_closed
    monkeypatch.setattr(adapter, "is_connection_closed", lambda c: pinged.append(c) or real(c))
    for _ in range(3):
        assert client.get("/api/v1/me", headers=auth).status_code == 200
    assert pinged == []
    import psycopg
    from conftest import PG_URL

    (conn,) = _idle_connections()
    conn.execute("LISTEN firsthand_test")
    assert conn.info.transaction_status.name == "IDLE"
    with psycopg.connect(PG_URL, autocommit=True) as other:
        other.execute("NOTIFY firsthand_test")  # a message the pooled connection has not read
    select.select([conn.fileno()], [], [], 5)  # it arrives at once; wait for it all the same
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    assert len(pinged) == 1


def test_sqlite_writers_of_one_process_queue_for_the_write_lock(app, db_url):
    """SQLite: a second writer in the same process waits for the first one's commit in the
    process's writer queue, not in SQLite's busy handler: with busy_timeout 0 it would be
    refused at once ("database is locked") while the first one holds the lock."""
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL writers lock rows, not the database")
    import threading

    from firsthand.db import SQLITE_PRAGMAS, write_transaction

    holding, release, refused = threading.Event(), threading.Event(), []

    def first() -> None:
        with app.app_context(), database.connection_context(), write_transaction():
            holding.set()
            release.wait(10)

    def second() -> None:
        with app.app_context(), database.connection_context():
            database.execute_sql("PRAGMA busy_timeout = 0")
            try:
                with write_transaction():
                    pass
            except Exception as error:  # noqa: BLE001 - what matters is that none is raised
                refused.append(error)
            finally:
                database.execute_sql(f"PRAGMA busy_timeout = {SQLITE_PRAGMAS['busy_timeout']}")

    one = threading.Thread(target=first)
    one.start()
    assert holding.wait(10)
    two = threading.Thread(target=second)
    two.start()
    two.join(0.5)  # without the queue it has failed by now
    release.set()
    one.join(10)
    two.join(10)
    assert refused == []

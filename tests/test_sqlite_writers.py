"""SQLite's one write lock across processes (gunicorn workers): a writer waiting for another
process's commit takes the lock once it is free, within busy_timeout's budget; past the budget
it gets the same "database is locked" as SQLite's own busy handler gave (a 503 over HTTP)."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import warnings

import pytest
from peewee import OperationalError

from firsthand.api.contract import VIOLATIONS
from firsthand.db import database, write_transaction
from firsthand.models import Share, UserStats
from helpers import counters_match_ledger, linkedin_url


@pytest.fixture
def sqlite_path(db_url) -> str:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL writers lock rows, not the database")
    return db_url.removeprefix("sqlite:///")


def _budget(monkeypatch, milliseconds: int) -> None:
    """busy_timeout for the bound database's connections, opened afresh."""
    pragmas = [(k, v) for k, v in database.obj._pragmas if k != "busy_timeout"]
    monkeypatch.setattr(database.obj, "_pragmas", [*pragmas, ("busy_timeout", milliseconds)])
    database.obj.close_all()


def _held(path: str, seconds: float) -> threading.Thread:
    """Hold the write lock from another connection (as another process would) for `seconds`,
    from a thread that ends when it commits."""
    holding = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        holding.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    assert holding.wait(10)
    return holder


def test_two_worker_processes_writing_at_once_count_every_share_once(
    app, client, auth, sqlite_path
):
    """Two forked workers log shares of one person at the same time: every request succeeds
    and the counters equal the ledger."""
    per_process = 12
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    go_read, go_write = os.pipe()
    children = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # forking with threads alive
        for worker in range(2):
            pid = os.fork()
            if pid == 0:  # the child: report through the exit status only
                status = 1
                try:
                    os.read(go_read, 1)  # both start together
                    codes = [
                        client.post(
                            "/api/v1/shares",
                            headers=auth,
                            json={"url": linkedin_url(1000 * worker + n), "network": "linkedin"},
                        ).status_code
                        for n in range(per_process)
                    ]
                    status = 0 if codes == [201] * per_process else 2
                finally:
                    os._exit(status)
            children.append(pid)
    os.write(go_write, b"gg")
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 2 * per_process
        assert UserStats.get().shares == 2 * per_process
        counters_match_ledger()


def test_a_writer_takes_the_lock_once_another_process_commits(app, sqlite_path):
    _held(sqlite_path, 0.3)
    with app.app_context(), database.connection_context():
        with write_transaction():
            database.execute_sql("CREATE TABLE waited (n INTEGER)")
        assert database.execute_sql("SELECT COUNT(*) FROM waited").fetchone() == (0,)


def test_a_writer_held_beyond_the_budget_is_refused_as_before(
    app, client, auth, sqlite_path, monkeypatch
):
    """Past busy_timeout: "database is locked" (peewee's OperationalError), a 503 over HTTP,
    nothing written; once the lock is free the next write succeeds."""
    _budget(monkeypatch, 200)
    holder = _held(sqlite_path, 1.5)
    with app.app_context(), database.connection_context():
        started = time.monotonic()
        with pytest.raises(OperationalError, match="database is locked"):
            with write_transaction():
                database.execute_sql("CREATE TABLE never (n INTEGER)")
        assert time.monotonic() - started >= 0.2  # it waited for the whole budget
        assert database.execute_sql("PRAGMA busy_timeout").fetchone() == (200,)
    answer = client.post(
        "/api/v1/shares", headers=auth, json={"url": linkedin_url(7), "network": "linkedin"}
    )
    # Not a 500: a 503 the client can act on (the extension's outbox retries it), declared.
    assert answer.status_code == 503
    assert answer.get_json()["error"]["code"] == "busy"
    assert "nothing was changed" in answer.get_json()["error"]["message"]
    assert answer.headers.get("Retry-After") == "5", dict(answer.headers)
    assert VIOLATIONS == []
    holder.join(10)
    answer = client.post(
        "/api/v1/shares", headers=auth, json={"url": linkedin_url(7), "network": "linkedin"}
    )
    assert answer.status_code == 201
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 1
        counters_match_ledger()

"""A write PostgreSQL rolled back on meeting another (a deadlock, a serialisation failure)
is answered as a busy database: 503 `busy` with Retry-After, nothing written, never a 500."""

from __future__ import annotations

import peewee
import psycopg.errors
import pytest

from firsthand.api.contract import VIOLATIONS
from firsthand.db import database
from firsthand.models import Share
from helpers import linkedin_url


@pytest.mark.parametrize(
    "error", [psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure]
)
def test_a_write_rolled_back_by_postgresql_is_a_503_busy(app, client, auth, monkeypatch, error):
    def rolled_back(*args, **kwargs):
        with peewee.__exception_wrapper__:  # as peewee raises the driver's error
            raise error("deadlock detected")

    monkeypatch.setattr("firsthand.api.shares.write_share", rolled_back)
    answer = client.post(
        "/api/v1/shares", headers=auth, json={"url": linkedin_url(3), "network": "linkedin"}
    )
    assert answer.status_code == 503, answer.get_json()
    assert answer.get_json()["error"]["code"] == "busy"
    assert "nothing was changed" in answer.get_json()["error"]["message"]
    assert answer.headers.get("Retry-After") == "5"
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 0


def test_other_database_errors_are_still_500s(client, auth, monkeypatch):
    """Only a write that met another is worth retrying (the contract check, which fails
    any undeclared status, is told this 500 is the point)."""

    def broken(*args, **kwargs):
        with peewee.__exception_wrapper__:
            raise psycopg.errors.UndefinedTable("relation does not exist")

    monkeypatch.setattr("firsthand.api.shares.write_share", broken)
    answer = client.post(
        "/api/v1/shares", headers=auth, json={"url": linkedin_url(4), "network": "linkedin"}
    )
    assert answer.status_code == 500
    assert [v for v in VIOLATIONS if "answered 500" in v] == VIOLATIONS != []
    VIOLATIONS.clear()  # the undeclared 500 is this test's point

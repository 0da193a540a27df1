"""Time: aware UTC everywhere, the database holds UTC, edge-of-calendar input is a 422."""

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from peewee import DateTimeField

from firsthand.clock import as_utc, iso, parse_rfc3339, week_start
from firsthand.db import database
from firsthand.fields import UTCDateTimeField
from firsthand.models import MODELS, User
from helpers import CLOCK_START, linkedin_url

SERVER = Path(__file__).resolve().parents[1] / "server" / "firsthand"


def test_every_stored_moment_is_a_utc_field():
    moments = [f for model in MODELS for f in model._meta.sorted_fields]
    moments = [f for f in moments if isinstance(f, DateTimeField)]
    assert len(moments) >= 10
    assert all(isinstance(f, UTCDateTimeField) for f in moments)


def test_the_database_holds_utc_and_gives_back_aware_times(app, db_url):
    paris = timezone(timedelta(hours=1))
    with app.app_context(), database.connection_context():
        user = User.create(
            email="t@example.com", name="T", created_at=datetime(2026, 11, 18, 10, tzinfo=paris)
        )
        raw = database.execute_sql('SELECT created_at FROM "user"').fetchone()[0]
        assert str(raw).startswith("2026-11-18 09:00:00")  # stored as UTC, without an offset
        read = User.get_by_id(user.id).created_at
        assert read == datetime(2026, 11, 18, 9, tzinfo=UTC) and read.tzinfo == UTC
        found = User.select().where(User.created_at < datetime(2026, 11, 18, 9, 30, tzinfo=UTC))
        assert [u.id for u in found] == [user.id]
        with pytest.raises(ValueError, match="naive"):
            User.create(email="n@example.com", name="N", created_at=datetime(2026, 1, 1))  # noqa: DTZ001


def test_conversions():
    assert iso(datetime(2026, 11, 18, 10, 30, 5, 999, tzinfo=timezone(timedelta(hours=1)))) == (
        "2026-11-18T09:30:05Z"
    )
    assert parse_rfc3339("2026-11-18T10:00:00+01:00") == datetime(2026, 11, 18, 9, tzinfo=UTC)
    assert parse_rfc3339("2026-11-18T09:00:00") == datetime(2026, 11, 18, 9, tzinfo=UTC)
    assert week_start(CLOCK_START) == datetime(2026, 11, 16, tzinfo=UTC)
    with pytest.raises(ValueError):
        as_utc(datetime(2026, 1, 1))  # noqa: DTZ001
    for edge in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        with pytest.raises(ValueError):
            parse_rfc3339(edge)


@pytest.mark.parametrize(
    "posted_at,reason",
    [
        ("0001-01-01T00:00:00+01:00", "is out of range: in UTC it falls outside the years"),
        ("9999-12-31T23:59:59-01:00", "is out of range: in UTC it falls outside the years"),
        ("2026-13-01T00:00:00Z", "must be an RFC 3339 date-time"),
        # An offset's minutes run 00-59 and its hours 00-23 (RFC 3339 time-numoffset):
        # +05:60 was read as +06:00.
        ("2026-11-01T10:00:00+05:60", "must be an RFC 3339 date-time"),
        ("2026-11-01T10:00:00-01:99", "must be an RFC 3339 date-time"),
        ("2026-11-01T10:00:00+24:00", "must be an RFC 3339 date-time"),
    ],
)
def test_times_at_the_edge_of_the_calendar_are_a_422(client, auth, posted_at, reason):
    body = {"url": linkedin_url(1), "network": "linkedin", "posted_at": posted_at}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 422
    [detail] = answer.get_json()["error"]["details"]
    assert detail["field"] == "posted_at" and detail["message"].startswith(reason)


@pytest.mark.parametrize(
    "written", ["2026-11-01t10:00:00z", "2026-11-01T10:00:00z", "2026-11-01t11:00:00+01:00"]
)
def test_a_lowercase_t_or_z_is_rfc_3339_too(client, auth, written):
    assert parse_rfc3339(written) == datetime(2026, 11, 1, 10, tzinfo=UTC)
    made = datetime(2026, 11, 1, 10, tzinfo=UTC)  # the post's id is of that morning too
    body = {"url": linkedin_url(1, made), "network": "linkedin", "posted_at": written}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["share"]["posted_at"] == "2026-11-01T10:00:00Z"


def test_no_naive_conversions_in_the_server():
    """ruff's DTZ rules catch naive constructors; this catches dropping a zone by hand."""
    offenders = [
        f"{path.name}:{n}"
        for path in SERVER.rglob("*.py")
        if "migrations" not in path.parts and path.name != "fields.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"tzinfo\s*=\s*None", line)
    ]
    assert offenders == []

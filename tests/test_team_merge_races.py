"""A team merge racing a person's own writes (SQLite and PostgreSQL), and reach rollups
keeping one row per key.

A request reads its caller once, before its write transaction. A merge that commits in
between left the write stamping the merged (deleted) team on new rows: on SQLite the foreign
key refused it (a 500 for the share or the reading), on PostgreSQL the rows kept the old id
until the team's deletion cleared it (the person's new week counted under "no team", their
reach under no team or, once the team was gone, a 500). The tests read the person first (the
request's copy), commit the merge, then write with that copy: the order a race gives, made
certain."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from test_hostile_edges import _reading

from firsthand import reach
from firsthand.api.helpers import rulebook
from firsthand.db import database, write_transaction
from firsthand.models import PeriodStats, Team, User
from firsthand.reach import Reading
from firsthand.reach_models import ReachRollup, ShareReach
from firsthand.sharing import ShareRequest, log_share
from firsthand.teams import merge_teams
from helpers import CLOCK_START, linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _merge(app, clock) -> None:
    with app.app_context(), database.connection_context(), write_transaction():
        merge_teams(Team.get(Team.name == "Support"), Team.get(Team.name == "Sales"), clock(), None)


def _request_copy(app, email: str) -> User:
    """The caller as a request read them: team and all, before anything else commits."""
    with app.app_context(), database.connection_context():
        return User.select().where(User.email == email).get()


def _team_id(app, name: str) -> int:
    with app.app_context(), database.connection_context():
        return Team.get(Team.name == name).id


def test_a_share_read_before_a_merge_counts_in_the_team_it_joined(app, make_user, clock):
    make_user("sue@example.com", team="Support")
    make_user("sam@example.com", team="Sales")
    sue = _request_copy(app, "sue@example.com")
    _merge(app, clock)

    url = linkedin_url(1, clock())
    with app.app_context(), database.connection_context():
        result = log_share(
            sue, ShareRequest(url=url, network="linkedin"), rulebook(), clock(), analyzer=None
        )
        assert not result.duplicate and result.share.points > 0
        rows = PeriodStats.select().where(PeriodStats.user == sue.id)
        assert {row.team_id for row in rows} == {_team_id(app, "Sales")}
        assert len(rows) == 3  # week, month, all: none lost to a refused or cleared team


def test_a_reading_read_before_a_merge_counts_in_the_team_it_joined(app, client, make_user, clock):
    _, sue_auth = make_user("sue@example.com", team="Support")
    make_user("sam@example.com", team="Sales")
    body = {"url": linkedin_url(1, CLOCK_START - timedelta(hours=1)), "network": "linkedin"}
    share_id = client.post("/api/v1/shares", json=body, headers=sue_auth).get_json()["share"]["id"]
    sue = _request_copy(app, "sue@example.com")
    _merge(app, clock)

    counts = {m: v["value"] for m, v in _reading(7)["counts"].items()}
    with app.app_context(), database.connection_context():
        result = reach.record_reading(
            sue, share_id, Reading(clock(), "feed", counts), rulebook(), clock()
        )
        assert not result.duplicate
        sales = Team.get(Team.name == "Sales").id
        assert ShareReach.get_by_id(share_id).team_id == sales
        assert [(r.team_id, r.shares, r.comments) for r in ReachRollup.select()] == [(sales, 1, 7)]
        assert reach.rollups_stored() == reach.rollups_from_rows()


def test_a_reach_rollup_key_has_one_row(app, make_user):
    """No team included: NULLs are never equal in an index, so the key counts none as 0."""
    make_user("sue@example.com", team="Support")
    support = _team_id(app, "Support")
    for team in (support, None):
        key = {"month": "2026-11", "team": team, "network": "linkedin", "voice": "personal"}
        with app.app_context(), database.connection_context():
            ReachRollup.create(**key)
            with pytest.raises(Exception, match="(?i)unique"), database.atomic():
                ReachRollup.create(**key)


def test_two_first_readings_of_one_key_at_once_make_one_row(app, db_url, make_user):
    """PostgreSQL: the first reading's row is not committed yet, so a second first reading
    found nothing to lock and made its own row. Now it waits for the first and adds to it."""
    make_user("sue@example.com", team="Support")
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite's writers take the whole database: readings cannot overlap")
    key = ShareReach(month="2026-11", team=_team_id(app, "Support"), network="linkedin")
    key.voice = "personal"
    second_done = threading.Event()

    def second_reading():
        with app.app_context(), database.connection_context(), write_transaction():
            reach._move_rollup(key, {"comments": 5}, shares=1)
        second_done.set()

    with app.app_context(), database.connection_context():
        with write_transaction():
            reach._move_rollup(key, {"comments": 7}, shares=1)
            other = threading.Thread(target=second_reading)
            other.start()
            time.sleep(0.5)  # long enough for the old code to insert a second row
            assert not second_done.is_set()  # it waits for this transaction's row
        other.join(timeout=10)
        rows = [(r.shares, r.comments) for r in ReachRollup.select()]
    assert second_done.is_set() and rows == [(2, 12)]

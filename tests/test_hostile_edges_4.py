"""Unusual data and timing, fourth round (SQLite and PostgreSQL): each case here broke a
promise the README makes (figures equal a recount from the rows, a team merge moves
everything counted in the old team into the new one, writes land where they belong)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from test_connect_outcome import invite_for, token_on, works
from test_hostile_edges import _reading
from test_stories import post_story
from test_weekly_summary import Receiver, set_webhooks, summary_posts

from firsthand import reach
from firsthand.db import database, write_transaction
from firsthand.models import Team
from firsthand.reach_models import ReachRollup, ShareReach
from firsthand.stories_models import StoryTeam
from firsthand.teams import merge_teams
from helpers import CLOCK_START, form_field, linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _log(client, headers, n: int) -> int:
    body = {"url": linkedin_url(n, CLOCK_START - timedelta(hours=1)), "network": "linkedin"}
    answer = client.post("/api/v1/shares", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["share"]["id"]


def _merge(app, source: str, into: str, clock) -> None:
    with app.app_context(), database.connection_context(), write_transaction():
        merge_teams(Team.get(Team.name == source), Team.get(Team.name == into), clock(), None)


# --- A team merge moves what counted in the old team ---------------------------------------


def test_a_team_only_story_follows_its_team_into_a_merge(app, client, make_user, clock):
    """The story's link to the merged team was deleted with the team (ON DELETE CASCADE):
    a story for Support only was then for no team at all, so the people it was written for,
    now in Sales, no longer saw it, and Support's manager could no longer manage it."""
    _, admin = make_user("ada@example.com", role="admin", team="Leadership")
    _, sue = make_user("sue@example.com", team="Support")
    _, sam = make_user("sam@example.com", team="Sales")
    with app.app_context(), database.connection_context():
        support = Team.get(Team.name == "Support").id
        sales = Team.get(Team.name == "Sales").id
    for_support = post_story(client, admin, everyone=False, team_ids=[support])["id"]
    for_both = post_story(client, admin, everyone=False, team_ids=[support, sales])["id"]

    _merge(app, "Support", "Sales", clock)

    for headers in (sue, sam):
        seen = client.get("/api/v1/stories", headers=headers).get_json()["data"]
        assert sorted(s["id"] for s in seen) == sorted([for_support, for_both])
    with app.app_context(), database.connection_context():
        links = StoryTeam.select(StoryTeam.story, StoryTeam.team).order_by(StoryTeam.story)
        assert [(row.story_id, row.team_id) for row in links] == [
            (for_support, sales),
            (for_both, sales),
        ]


def test_reach_of_a_merged_team_counts_in_the_team_it_joined(app, client, make_user, clock):
    """Reach rows kept the merged team's id until the team was deleted, then lost it (ON
    DELETE SET NULL): the team's reach showed under "no team", and its rollup rows were a
    second row for keys "no team" already had, unequal to a recount from the rows."""
    _, sue = make_user("sue@example.com", team="Support")
    _, sam = make_user("sam@example.com", team="Sales")
    _, nat = make_user("nat@example.com", team=None)
    for n, headers in enumerate((sue, sam, nat)):
        share_id = _log(client, headers, n)
        answer = client.post(f"/api/v1/shares/{share_id}/reach", json=_reading(7), headers=headers)
        assert answer.status_code == 201, answer.get_json()

    _merge(app, "Support", "Sales", clock)

    with app.app_context(), database.connection_context():
        sales = Team.get(Team.name == "Sales").id
        assert sorted((r.team_id or 0) for r in ShareReach.select()) == sorted([sales, sales, 0])
        rows = [(r.team_id, r.shares, r.comments) for r in ReachRollup.select()]
        assert sorted(rows, key=lambda r: r[0] or 0) == [(None, 1, 7), (sales, 2, 14)]
        assert reach.rollups_stored() == reach.rollups_from_rows()


# --- The weekly summary of a week that is not over ------------------------------------------


@pytest.fixture
def receiver():
    hooks = Receiver()
    yield hooks
    hooks.close()


def test_a_week_not_over_yet_is_not_posted_and_its_monday_run_posts_it(
    app, client, runner, receiver, make_user, clock
):
    """`--week` naming this week (or a later one) posted what the week had so far, an empty
    one for a week to come, and marked it sent: on Monday cron answered "already has the
    summary; not posted again" and the whole week was never posted."""
    set_webhooks(app, f"{receiver.url}/slack")
    ann, ah = make_user("ann@example.com", name="Ann Example")
    _, bh = make_user("bob@example.com", name="Bob Builder")
    this_week = "2026-W47"  # the clock starts on Wednesday 18 November 2026
    for week in (this_week, "2026-11-22", "2027-W01"):
        early = runner.invoke(args=["send-weekly-summary", "--week", week])
        assert early.exit_code == 1 and "is not over" in early.output, early.output
    assert receiver.received == [] and summary_posts(app) == []
    preview = runner.invoke(args=["send-weekly-summary", "--week", this_week, "--dry-run"])
    assert preview.exit_code == 0, preview.output  # a preview records nothing: still fine

    clock.set(datetime(2026, 11, 22, 23, 59, 59, 999000, tzinfo=UTC))  # Sunday's last moment
    thanks = {"to_user_id": ann.id, "message": "Thanks for the launch post!"}
    assert client.post("/api/v1/kudos", json=thanks, headers=bh).status_code == 201
    assert runner.invoke(args=["send-weekly-summary", "--week", this_week]).exit_code == 1
    clock.set(datetime(2026, 11, 23, 0, 0, tzinfo=UTC))  # Monday: the week is over
    done = runner.invoke(args=["send-weekly-summary"])
    assert done.exit_code == 0, done.output
    ((_, body),) = receiver.wait_for(1)
    assert "Ann Example" in json.dumps(body)
    assert summary_posts(app) == [(date(2026, 11, 16), "slack", "sent", 1)]


@pytest.mark.parametrize("week", ["9999-12-31", "9999-W52"])
def test_a_week_at_the_end_of_the_calendar_is_a_clear_error(runner, week):
    """9999-12-31's week ends in the year 10000: the dry run was a traceback (OverflowError)."""
    answer = runner.invoke(args=["send-weekly-summary", "--week", week, "--dry-run"])
    assert answer.exit_code == 1 and answer.output.startswith("Error:"), answer.output


# --- "Connect this browser" pressed twice ----------------------------------------------------


def test_connect_pressed_twice_still_connects_that_browser(app, client, make_user):
    """A double click (or a resent POST after a lost answer): the browser drops the first
    answer, the second found the link spent and its "already used" replaced the result, so
    the person, whose own press had spent the link, got no token and needed a new link."""
    user, _ = make_user(name="Ann Example")
    page = client.get(f"/connect?invite={invite_for(app, user)}")
    fields = {name: form_field(page.text, name) for name in ("invite", "csrf_token")}
    first = client.post("/connect", data=fields)
    client.delete_cookie("firsthand_connect_result", path="/connect")  # the answer never came
    second = client.post("/connect", data=fields)
    assert first.status_code == second.status_code == 303
    done = client.get("/connect/done")
    assert done.status_code == 200 and works(client, token_on(done)), done.text[:300]

    # Only the browser that spent it: another one holding the link is told it was used.
    other = app.test_client()
    spent = other.get(f"/connect?invite={fields['invite']}")
    assert spent.status_code == 410
    forged = {"invite": fields["invite"], "csrf_token": "x" * 32}
    other.set_cookie("firsthand_connect_csrf", "x" * 32, path="/connect")
    other.post("/connect", data=forged)
    assert other.get("/connect/done").status_code == 410

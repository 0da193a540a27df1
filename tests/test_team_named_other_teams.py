"""A team may be called "Other teams" (one so named before the name was reserved), the name
the figures give the teams too small to show on their own (a cold hunt). Grouped by that
name, the small teams were counted in the real team's row: its people and reach then held a
lone person's, read back by subtracting the by-network total. The small teams are grouped
apart from any team, whatever its name."""

from __future__ import annotations

import csv
import io

import pytest
from test_analytics import table_rows
from test_hostile_edges import _reading
from test_privacy_aggregates import figures
from test_stories import log, post_story

from console_helpers import sign_in
from firsthand.db import database
from firsthand.models import Team
from helpers import bystanders

LONE = 777  # what the one person of the team "Tiny" did: it must be nowhere on a page


@pytest.fixture
def program(app, client, make_user, clock):
    """Three people in a team called "Other teams", Lena alone in Tiny; each logged a post
    telling the story, read with their impressions, and entered a potential reach."""
    admin = make_user("ada@example.com", role="admin", team=None, name="Ada Admin")
    with app.app_context(), database.connection_context():
        # Named so before the name was reserved (teams.RESERVED_NAMES): it keeps it.
        Team.create(name="Other teams", created_at=clock())
    story = post_story(client, admin[1])
    people = [make_user(f"o{k}@example.com", team="Other teams") for k in range(3)]
    people.append(make_user("lena@example.com", team="Tiny", name="Lena"))
    for n, (_, headers) in enumerate(people):
        impressions = LONE if n == 3 else 100
        answer = log(client, headers, n, story_id=story["id"])
        assert answer.status_code == 201, answer.get_json()
        share = answer.get_json()["share"]["id"]
        reading = client.post(
            f"/api/v1/shares/{share}/reach", json=_reading(impressions), headers=headers
        )
        assert reading.status_code == 201, reading.get_json()
        entered = client.put(
            "/api/v1/me/potential-reach",
            json={"networks": {"linkedin": impressions}},
            headers=headers,
        )
        assert entered.status_code == 200, entered.get_json()
    return admin, story


def csv_rows(client, name: str) -> list[list[str]]:
    answer = client.get(f"/console/analytics/{name}.csv")
    return list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))[1:]


def test_reach_by_team_keeps_a_team_named_other_teams_to_its_own_people(
    app, client, clock, program
):
    sign_in(client, app, program[0][0], clock)
    by_team = {row[0]: (row[1], row[-1]) for row in csv_rows(client, "reach_by_team")}
    by_network = {row[0]: row[-1] for row in csv_rows(client, "reach_by_network")}
    assert by_team == {"Other teams": ("3", "300")}
    assert by_network == {"linkedin": "300"}


def test_potential_reach_keeps_a_team_named_other_teams_to_its_own_people(
    app, client, clock, program
):
    sign_in(client, app, program[0][0], clock)
    rows = {row[0]: row[1:] for row in csv_rows(client, "potential_reach")}
    assert rows == {"Other teams": ["3", "300", "", "", "300"]}


def test_clicks_by_team_counts_no_lone_person_in_a_team_named_other_teams(
    app, client, clock, program
):
    sign_in(client, app, program[0][0], clock)
    html = client.get("/console/analytics/").text
    assert table_rows(html, "clicks_by_team") == [["Other teams", "3", "3", "0"]]


def test_story_figures_keep_a_team_named_other_teams_to_its_own_people(client, make_user, program):
    admin, story = program
    bystanders(make_user, client, "Other teams")  # not all of the team told it: a row
    shown = figures(client, admin[1], story["id"])
    rows = [(row["team"], row["audience"], row["shares"]) for row in shown["by_team"]]
    assert rows == [("Other teams", 6, 3)]
    # Lena and Ada are people it is for (a headcount), Lena's share in no figure.
    assert (shown["audience"], shown["shares"], shown["small_groups_hidden"]) == (8, 3, True)

"""Potential reach: the connection/follower counts an employee enters (optional), kept apart
from impressions and clicks, in their export and gone with their account; summed per team
in the console with small groups folded and no cell from fewer than the minimum of people."""

from __future__ import annotations

import csv
import io

import pytest
from test_analytics import table_rows

from console_helpers import sign_in
from firsthand.db import database
from firsthand.models import Team, User
from firsthand.people import deactivate
from firsthand.potential_reach import PotentialReach
from firsthand.teams import add_manager
from helpers import linkedin_url

NOTHING = {"linkedin": None, "x": None, "facebook": None}


def put(client, auth, networks):
    return client.put("/api/v1/me/potential-reach", json={"networks": networks}, headers=auth)


def test_entering_changing_and_removing_counts(client, auth):
    assert client.get("/api/v1/me/potential-reach", headers=auth).get_json() == {
        "networks": NOTHING,
        "updated_at": None,
    }
    first = put(client, auth, {"linkedin": 1234})
    assert first.status_code == 200
    assert first.get_json()["networks"] == {**NOTHING, "linkedin": 1234}
    assert first.get_json()["updated_at"] is not None
    # Naming one network leaves the others as they were; saving again changes nothing.
    assert put(client, auth, {"x": 56}).get_json()["networks"] == {
        **NOTHING,
        "linkedin": 1234,
        "x": 56,
    }
    assert put(client, auth, {"x": 56}).get_json()["networks"]["x"] == 56
    assert put(client, auth, {"linkedin": None}).get_json()["networks"] == {**NOTHING, "x": 56}
    got = client.get("/api/v1/me/potential-reach", headers=auth).get_json()["networks"]
    assert got == {**NOTHING, "x": 56}


@pytest.mark.parametrize(
    "networks",
    [
        {"linkedin": -1},
        {"linkedin": 1_000_000_001},
        {"linkedin": "1234"},
        {"linkedin": 12.5},
        {"linkedin": True},
        {"tiktok": 10},
        [],
    ],
)
def test_bad_counts_are_refused_naming_the_field(client, auth, networks):
    answer = put(client, auth, networks)
    assert answer.status_code == 422, answer.get_json()
    details = answer.get_json()["error"]["details"]
    assert details and all(d["field"].startswith("networks") for d in details), details
    assert client.get("/api/v1/me/potential-reach", headers=auth).get_json()["networks"] == NOTHING


def test_it_is_never_reach_clicks_or_impressions(client, auth):
    put(client, auth, {"linkedin": 5000, "facebook": 300})
    share = client.post(
        "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=auth
    ).get_json()["share"]
    view = client.get("/api/v1/me/reach", headers=auth).get_json()
    assert view["potential_reach"] == {"linkedin": 5000, "x": None, "facebook": 300}
    # Not added to impressions: with no post read, they stay unknown (null), never 5,000.
    assert view["months"][0]["impressions"] is None and view["months"][0]["clicks"] is None
    item = view["shares"][0]
    assert item["share"]["id"] == share["id"]
    assert item["reach"]["impressions"] is None and item["reach"]["clicks"] is None


def test_in_the_export_and_gone_with_the_account(client, app, make_user):
    user, auth = make_user("erin@example.com", name="Erin")
    put(client, auth, {"linkedin": 777})
    export = client.get("/api/v1/me/export", headers=auth).get_json()
    assert export["potential_reach"]["networks"]["linkedin"] == 777
    gone = client.delete("/api/v1/me", json={"confirm_email": "erin@example.com"}, headers=auth)
    assert gone.status_code == 200
    with app.app_context(), database.connection_context():
        assert PotentialReach.select().where(PotentialReach.user == user.id).count() == 0


@pytest.fixture
def entered(app, client, make_user, clock):
    """Sales 4 (3 entered, one deactivated after entering), Ops 3, Tiny 1."""
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")
    people = {}
    for team, size in (("Sales", 5), ("Ops", 2), ("Tiny", 1)):
        for k in range(size):
            people[f"{team}{k}"] = make_user(f"{team.lower()}{k}@example.com", team=team)
    counts = {
        "Sales0": {"linkedin": 500, "x": 100},
        "Sales1": {"linkedin": 700},
        "Sales2": {"linkedin": 800, "facebook": 40},
        "Sales4": {"linkedin": 10_000},  # deactivated below: no longer counted
        "Ops0": {"linkedin": 100},
        "Ops1": {"linkedin": 200},
        "Tiny0": {"linkedin": 300, "x": 9},
    }
    for name, networks in counts.items():
        assert put(client, people[name][1], networks).status_code == 200
    with app.app_context(), database.connection_context():
        deactivate(User.get_by_id(people["Sales4"][0].id), clock(), None)
    return admin, people


def test_the_console_sums_per_team_with_folding(client, app, entered, clock):
    admin, _ = entered
    sign_in(client, app, admin[0], clock)
    html = client.get("/console/analytics/").text
    rows = {row[0]: row[1:] for row in table_rows(html, "potential_reach")}
    # Sales: three people entered; X and Facebook were entered by one each: not shown.
    # Ops (2) and Tiny (1) each have too few: together, three, in Other teams.
    assert rows == {
        "Sales": ["3", "2,000", "—", "—", "2,000"],
        "Other teams": ["3", "600", "—", "—", "600"],
    }
    assert "Potential reach (connections people entered)" in html
    answer = client.get("/console/analytics/potential_reach.csv")
    lines = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
    assert lines[0] == ["team", "people who entered a count", "LinkedIn", "X", "Facebook", "total"]
    shown = [
        [c.replace(",", "").replace("—", "") for c in r]
        for r in table_rows(html, "potential_reach")
    ]
    assert lines[1:] == shown


def test_a_manager_sees_their_team_only_and_nothing_below_the_minimum(
    client, app, entered, make_user, clock
):
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Ops")[0]
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Ops"), meg, clock(), None)
    sign_in(client, app, meg, clock)
    html = client.get("/console/analytics/").text
    assert 'data-empty="potential_reach"' in html  # two people in Ops entered: too few

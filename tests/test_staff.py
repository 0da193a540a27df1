"""The people who run the program are not counted as employees who have not joined (a new
admin's trial: right after install the Overview said "2 people have not connected yet", both
admins; Analytics counted an admin "Not on board"; a story was "for" both admins).

An admin who has never connected a browser nor logged a share is program staff: "Console
only" in the people list, in no participation figure. Connecting or sharing once makes them a
participant for good. Managers post: they count as employees whatever they did."""

from __future__ import annotations

import csv
import io
import re

import pytest
from test_console_stories import create

from console_helpers import sign_in
from firsthand import analytics, directory, token_expiry
from firsthand.db import database, write_transaction
from firsthand.models import Team
from firsthand.stories_figures import figures_for
from firsthand.stories_models import Story
from helpers import linkedin_url


def share(client, headers, n: int):
    answer = client.post(
        "/api/v1/shares", json={"url": linkedin_url(n), "network": "linkedin"}, headers=headers
    )
    assert answer.status_code == 201, answer.text


def stat(page: str, label: str) -> str:
    """The number on the Overview's card with this label."""
    found = re.search(
        r'<span class="stat-number">([^<]+)</span>\s*<span class="stat-label">' + re.escape(label),
        page,
    )
    assert found, f"no card {label!r}"
    return found[1]


def csv_rows(client, name: str) -> list[list[str]]:
    answer = client.get(f"/console/analytics/{name}.csv")
    assert answer.status_code == 200
    return list(csv.reader(io.StringIO(answer.text.lstrip("\ufeff"))))


def people_listed(client, status: str) -> list[tuple[str, str]]:
    """(name, status label) of each row of the people list filtered by status."""
    page = client.get(f"/console/people/?status={status}").text
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    found = []
    for row in rows:
        name = re.search(r'<a href="/console/people/\d+">([^<]+)</a>', row)
        label = re.search(r'<span class="status status-\w+">([^<]+)</span>', row)
        if name and label:
            found.append((name[1], label[1]))
    return sorted(found)


@pytest.fixture
def program(app, client, clock, make_user):
    """Two admins who only use the console (the one signed in and the demo admin), an
    employee who connected and shared, a manager never connected, an employee never
    connected."""
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Sales")
    dan = make_user("dan@example.com", role="admin", name="Dan Demo", team="Sales")
    sam = make_user("sam@example.com", name="Sam Sales", team="Sales")
    make_user("meg@example.com", role="manager", name="Meg Manager", team="Sales")
    make_user("sue@example.com", name="Sue Sales", team="Sales")
    share(client, sam[1], 1)
    sign_in(client, app, ada[0], clock)
    return {"ada": ada, "dan": dan, "sam": sam}


def test_admins_who_only_use_the_console_are_not_counted_as_not_connected(
    app, client, clock, program
):
    overview = client.get("/console/").text
    assert stat(overview, "Invited, not connected yet") == "2"  # Meg and Sue, not the admins
    assert "2 people have not connected yet" in overview
    assert "2 admins use only the console" in overview
    assert people_listed(client, "invited") == [
        ("Meg Manager", "Invited"),
        ("Sue Sales", "Invited"),
    ]
    assert people_listed(client, "staff") == [
        ("Ada Admin", "Console only"),
        ("Dan Demo", "Console only"),
    ]
    assert people_listed(client, "") == [
        ("Ada Admin", "Console only"),
        ("Dan Demo", "Console only"),
        ("Meg Manager", "Invited"),
        ("Sam Sales", "Sharing"),
        ("Sue Sales", "Invited"),
    ]
    person = client.get(f"/console/people/{program['ada'][0].id}").text
    assert 'status-staff">Console only<' in person and "status-invited" not in person

    groups = {row[0]: row[1] for row in csv_rows(client, "groups")[1:]}
    assert groups == {
        "Already share": "1",
        "Just connected": "0",
        "Connected but quiet": "0",
        "Not on board": "2",
    }
    week = csv_rows(client, "participation")[-1]
    assert week[1:6] == ["3", "1", "1", "0", "33.3"]  # Sam, Meg, Sue; Sam shares

    with app.app_context(), database.connection_context():
        # The people list's counts and the Overview's (rollups) agree.
        for scope in (None, {Team.get(Team.name == "Sales").id}):
            counted = directory.status_counts(clock(), scope)
            assert counted == analytics.status_counts(clock(), scope)
            assert counted["invited"] == 2 and counted["staff"] == 2
            assert analytics.participation(clock(), scope).rows[-1][1] == 3


def test_an_admin_who_connects_or_shares_counts_from_then_on(app, client, clock, program):
    client.get("/api/v1/me", headers=program["dan"][1])  # Dan's browser connects
    share(client, program["ada"][1], 2)  # Ada shares
    with app.app_context(), database.connection_context(), write_transaction():
        # Dan's connection ends (token expired): he is not connected, but no longer staff.
        assert token_expiry.disconnect(program["dan"][0].id, clock())
    overview = client.get("/console/").text
    assert stat(overview, "Invited, not connected yet") == "3"  # Dan, Meg, Sue
    assert "only the console" not in overview
    assert people_listed(client, "staff") == []
    assert ("Dan Demo", "Invited") in people_listed(client, "invited")
    groups = {row[0]: row[1] for row in csv_rows(client, "groups")[1:]}
    assert groups == {
        "Already share": "2",
        "Just connected": "0",
        "Connected but quiet": "0",
        "Not on board": "3",
    }
    assert csv_rows(client, "participation")[-1][1:6] == ["5", "2", "2", "0", "40.0"]
    with app.app_context(), database.connection_context():
        counted = directory.status_counts(clock())
        assert counted == analytics.status_counts(clock(), None)
        assert counted["staff"] == 0


def test_a_story_is_not_for_the_admins_who_run_the_program(app, client, clock, program):
    url = create(client).headers["Location"]  # for everyone
    page = client.get(url).text
    labels = re.findall(r'<span class="stat-label">([^<]+)</span>', page)
    numbers = re.findall(r'<span class="stat-number">([^<]+)</span>', page)
    assert list(zip(labels, numbers, strict=False))[:2] == [
        ("people it is for", "3"),  # Sam, Meg, Sue: not Ada nor Dan
        ("can get it (extension connected)", "1"),  # Sam
    ]
    assert "2 of the people it is for have not connected the extension yet" in page
    listing = client.get("/console/stories/").text
    assert '<td class="num">1 of 3</td>' in listing
    with app.app_context(), database.connection_context():
        story = Story.get()
        assert figures_for([story])[story.id]["audience"] == 3  # what the API answers
        # Sales is named by its three participants; the admins do not make a team of two
        # big enough to name (the minimum group stays 3).
        sales = Team.get(Team.name == "Sales").id
        assert analytics.team_sizes(None)[sales] == 3

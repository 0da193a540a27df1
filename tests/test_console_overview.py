"""The console's overview says what to do next in a program that has just begun (invite
people, post a story), and a manager's overview names the teams its figures are about."""

from __future__ import annotations

import re

from console_helpers import sign_in
from firsthand.db import database
from firsthand.models import Team
from firsthand.teams import add_manager
from helpers import ATLAS_STORY, linkedin_url


def steps(html: str) -> str:
    """The "Next steps" list as text."""
    found = re.search(r"<h2>Next steps</h2>(.*?)</ul>", html, re.S)
    assert found, "the overview has no next steps"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found[1]))


def test_a_new_program_is_told_to_invite_people_and_post_a_story(client, app, make_user, clock):
    ada, headers = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")
    sign_in(client, app, ada, clock)
    page = client.get("/console/")
    assert "The program at a glance" in page.text
    said = steps(page.text)
    assert "Invite your people one at a time, or many at once from a CSV file" in said
    assert 'href="/console/people/invite"' in page.text
    assert "Post a story to tell" in said and "No story is live now." in said
    # Nobody has posted: there is no one to recognise for a post (a console hunt).
    assert "Recognise someone" not in said

    for n in range(3):
        make_user(f"p{n}@example.com", name=f"Person {n}")
    assert client.post("/api/v1/stories", json=ATLAS_STORY, headers=headers).status_code == 201
    said = steps(client.get("/console/").text)
    assert "Invite your people" not in said and "Post a story" not in said
    assert "Recognise someone" not in said  # three invited, no post yet
    person = make_user("poster@example.com", name="Pat Poster")[1]
    shared = client.post(
        "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=person
    )
    assert shared.status_code == 201
    said = steps(client.get("/console/").text)
    assert "Recognise someone for a post that made a difference" in said
    # No mail server set up: nothing to email links with (a cold trial was told to).
    assert "not connected yet: give them a new connect link from their page" in said
    assert "email their connect links" not in said


def test_a_managers_overview_names_their_teams(client, app, make_user, clock):
    ada, headers = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")
    meg = make_user("meg@example.com", role="manager", name="Meg Manager", team="Sales")[0]
    make_user("sam@example.com", name="Sam Sales", team="Sales")
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Ops"), meg, clock(), None)
    sign_in(client, app, meg, clock)
    page = client.get("/console/")
    assert "Your teams at a glance" in page.text
    assert "The people of the teams you manage: Ops, Sales." in page.text
    # A story only for a team she does not manage is not live for hers; one for everyone is.
    make_user("eng@example.com", name="Eve Engineer", team="Engineering")
    with app.app_context(), database.connection_context():
        engineering = Team.get(Team.name == "Engineering").id
    story = dict(ATLAS_STORY, everyone=False, team_ids=[engineering])
    assert client.post("/api/v1/stories", json=story, headers=headers).status_code == 201
    assert "No story is live for your teams now." in steps(client.get("/console/").text)
    assert client.post("/api/v1/stories", json=ATLAS_STORY, headers=headers).status_code == 201
    assert "Post a story" not in steps(client.get("/console/").text)


def test_a_manager_of_no_team_is_told_how_to_get_one(client, app, make_user, clock):
    kim = make_user("kim@example.com", role="manager", name="Kim Manager", team=None)[0]
    sign_in(client, app, kim, clock)
    page = client.get("/console/")
    assert "You manage no team yet" in page.text


def test_the_servers_own_address_leads_to_the_console(client, app, make_user, clock):
    """`./scripts/run` prints "Firsthand is starting on http://127.0.0.1:5000": opened in a
    browser, that address answered a JSON "No such endpoint"."""
    answer = client.get("/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/console/"
    signed_out = client.get("/", follow_redirects=True)
    assert signed_out.status_code == 200 and "Sign in" in signed_out.text
    assert "Employees have no console: Firsthand works in its browser extension" in signed_out.text
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")[0]
    sign_in(client, app, ada, clock)
    assert "The program at a glance" in client.get("/", follow_redirects=True).text


def test_analytics_of_a_new_program_says_why_it_is_empty(client, app, make_user, clock):
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")[0]
    headers = make_user("sam@example.com", name="Sam Sales")[1]
    sign_in(client, app, ada, clock)
    page = client.get("/console/analytics/")
    assert page.status_code == 200
    assert "Nothing to measure yet: no one has connected the extension." in page.text
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # Sam connects
    assert "Nothing to measure yet" not in client.get("/console/analytics/").text


def test_analytics_of_a_new_program_asks_to_invite_people_first(client, app, make_user, clock):
    """With no one invited, Analytics said "see who has not connected yet and send them their
    connect links" (a console hunt): a list of nobody. It asks to invite people first."""
    ada = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")[0]
    sign_in(client, app, ada, clock)
    page = client.get("/console/analytics/").text
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page.split("data-nothing-yet>", 1)[1]))
    assert "no one has been invited yet: invite people (or import them from a CSV file)" in said
    assert "see who has not connected yet" not in said
    assert 'href="/console/people/invite"' in page
    make_user("p1@example.com", name="Person 1")
    client.application.config["ANALYTICS_CACHE_SECONDS"] = 0
    page = client.get("/console/analytics/").text
    assert "see who has not connected yet" in page and "no one has been invited" not in page

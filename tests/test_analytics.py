"""The console's analytics page: figures equal to the database, CSV equal to the table,
small teams folded into "Other teams", managers kept to their teams, the hold-back question
asked once, and the guidelines page the admin writes."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.models import Team, User
from firsthand.people import mark_connected
from firsthand.teams import add_manager
from helpers import linkedin_url


@pytest.fixture
def office(app, client, make_user, clock):
    """Sales 4 people, Ops 3 (with the admin), Tiny 1, invited and (but sales3) connected 40
    days ago; some shared, reach read on their posts."""
    today = clock()
    clock.set(today - timedelta(days=40))
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")[0]
    people = {}
    for team, size in (("Sales", 4), ("Ops", 2), ("Tiny", 1)):
        for k in range(size):
            people[f"{team}{k}"] = make_user(f"{team.lower()}{k}@example.com", team=team)
    with app.app_context(), database.connection_context():
        for user in User.select().where(User.email != "sales3@example.com"):
            mark_connected(user, clock())
    clock.set(today)
    n = 0
    for name in ("Sales0", "Sales1", "Ops0", "Tiny0"):
        n += 1
        share = client.post(
            "/api/v1/shares",
            json={"url": linkedin_url(n), "network": "linkedin"},
            headers=people[name][1],
        ).json["share"]
        reading = {
            "source": "feed",
            "counts": {"reactions": {"value": 10 * n}, "impressions": {"value": 1000 * n}},
        }
        assert (
            client.post(
                f"/api/v1/shares/{share['id']}/reach", json=reading, headers=people[name][1]
            ).status_code
            == 201
        )
    return admin, people


def table_rows(html: str, name: str) -> list[list[str]]:
    body = html.split(f'id="table-{name}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def test_the_page_matches_the_database_and_each_csv_its_table(client, app, office, clock):
    admin, _ = office
    sign_in(client, app, admin, clock)
    page = client.get("/console/analytics/")
    assert page.status_code == 200
    html = page.text
    groups = {row[0]: row[1] for row in table_rows(html, "groups")}
    # 8 people: 4 shared in the last 30 days; sales3 never connected; 3 connected (60 days
    # ago) but quiet; nobody connected too recently to be called quiet.
    assert groups == {
        "Already share": "4",
        "Just connected": "0",
        "Connected but quiet": "3",
        "Not on board": "1",
    }
    # Not "Would like to, but don't": some of them answered "Not for me" (a console hunt).
    quiet = next(row for row in table_rows(html, "groups") if row[0] == "Connected but quiet")
    assert quiet[2].endswith("(what holds them back: the answers below)")
    week = table_rows(html, "participation")[-1]
    assert week[1:5] == ["8", "7", "4", "0"]
    reach = {row[0]: row for row in table_rows(html, "reach_by_team")}
    # Teams fold by the people whose posts were read, not by headcount: two in Sales, one
    # in Ops, one in Tiny; together "Other teams", four people.
    assert reach == {"Other teams": ["Other teams", "4", "4", "100", "0", "0", "10,000"]}
    assert "USD" in html and "CPM" in html and "estimate" in html
    for name in ("participation", "groups", "reach_by_team", "own_voice", "retention"):
        answer = client.get(f"/console/analytics/{name}.csv")
        assert answer.status_code == 200 and answer.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
        shown = table_rows(html, name)
        # A period's name is a date in the CSV ("2026-11-30"), words on the page ("week of
        # 30 Nov 2026"), and the CSV says in a column of its own which figures are so far.
        flagged = rows[0][-1] == "in progress"
        assert [[c.replace(",", "") for c in r[1 : -1 if flagged else None]] for r in rows[1:]] == [
            [c.replace(",", "").replace("—", "").removesuffix(" so far") for c in r[1:]]
            for r in shown  # no one: empty
        ], name
    # A share of no one is "—", as on the stories table, not "0.0" (the cold trial's finding 13).
    for month in table_rows(html, "own_voice"):
        assert (month[1] == "0") == (month[3] == "—"), month
    for cohort in table_rows(html, "retention"):
        if cohort[1] == "0":
            assert set(cohort[2:]) <= {"—", ""}, cohort
    assert client.get("/console/analytics/nothing.csv").status_code == 404


def test_a_cohort_too_small_to_hide_anyone_shows_no_share(client, app, office, make_user, clock):
    """A cold trial: a month's cohort of two people read "100%", which says of each of them
    that they shared. Under the analytics minimum a cohort shows its size and no share."""
    admin, _ = office
    newcomers = [make_user(f"new{k}@example.com", team="Sales") for k in range(2)]
    with app.app_context(), database.connection_context():
        for user, _ in newcomers:
            mark_connected(user, clock())
    client.post(
        "/api/v1/shares",
        json={"url": linkedin_url(40), "network": "linkedin"},
        headers=newcomers[0][1],
    )
    sign_in(client, app, admin, clock)
    html = client.get("/console/analytics/").text
    cohorts = {row[0]: row[1:] for row in table_rows(html, "retention")}
    this_month, earlier = (
        cohorts[f"{clock():%b %Y} (so far)"],
        cohorts[f"{clock() - timedelta(days=40):%b %Y}"],
    )
    assert this_month[0] == "2" and set(this_month[1:]) <= {"—", ""}, this_month
    # The months before anyone connected are no cohort (a console hunt: "0 people" rows
    # before the program began read as missing data).
    assert list(cohorts)[0] == f"{clock() - timedelta(days=40):%b %Y}", list(cohorts)
    assert earlier[0] == "7" and earlier[1] not in {"—", ""}, earlier  # seven: shown
    assert "fewer than 3 people shows no percentages" in html


def test_a_manager_sees_only_their_team(client, app, office, make_user, clock):
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Sales")[0]
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Sales"), meg, clock(), None)
    sign_in(client, app, meg, clock)
    html = client.get("/console/analytics/").text
    assert "You see the teams you manage" in html
    reach = html.split('id="reach_by_team-h"', 1)[1].split("</section>", 1)[0]
    assert "Ops" not in reach and "Tiny" not in reach  # and Sales, two posters, is too few
    groups = {row[0]: row[1] for row in table_rows(html, "groups")}
    assert groups["Already share"] == "2"


def test_top_posts_leave_out_people_who_opted_out(client, app, office, clock):
    admin, people = office
    client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=people["Tiny0"][1])
    sign_in(client, app, admin, clock)
    rows = table_rows(client.get("/console/analytics/").text, "top_posts")
    assert len(rows) == 3 and all("User" in row[0] for row in rows)
    with app.app_context(), database.connection_context():
        tiny = User.get(User.email == "tiny0@example.com")
    assert tiny.name not in [row[0] for row in rows]


def test_the_hold_back_question_is_asked_once_and_shown_only_in_total(client, app, office, clock):
    admin, people = office
    quiet = people["Sales2"][1]
    assert client.get("/api/v1/me/question", headers=people["Sales0"][1]).json["ask"] is False
    assert client.get("/api/v1/me/question", headers=people["Sales3"][1]).json["ask"] is False
    state = client.get("/api/v1/me/question", headers=quiet).json
    assert state["ask"] is True and len(state["choices"]) == 5
    first = client.post("/api/v1/me/question", json={"answer": "whats_allowed"}, headers=quiet)
    assert first.status_code == 201 and first.json["ask"] is False
    again = client.post("/api/v1/me/question", json={"answer": "no_time"}, headers=quiet)
    assert again.status_code == 200 and again.json["answer"] == "whats_allowed"
    bad = client.post("/api/v1/me/question", json={"answer": "bored"}, headers=quiet)
    assert bad.status_code == 422
    sign_in(client, app, admin, clock)
    assert 'data-empty="hold_back"' in client.get("/console/analytics/").text  # 1 < 3
    sharer = client.post(
        "/api/v1/me/question", json={"answer": "no_time"}, headers=people["Sales1"][1]
    )
    assert sharer.status_code == 409  # shared this month: never asked, so no answer is kept
    ops = client.post("/api/v1/me/question", json={"answer": "no_time"}, headers=people["Ops1"][1])
    assert ops.status_code == 201
    assert 'data-empty="hold_back"' in client.get("/console/analytics/").text  # still 2 < 3
    with app.app_context(), database.connection_context():
        from firsthand.holdback import answer

        answer(User.get_by_id(admin.id), "no_time", clock())
    rows = dict(r[:2] for r in table_rows(client.get("/console/analytics/").text, "hold_back"))
    assert rows["No time"] == "2" and rows["Not sure what's allowed"] == "1"


def test_the_admin_writes_the_guidelines_employees_read(client, app, office, clock):
    admin, _ = office
    assert "have not written guidelines yet" in client.get("/guidelines").text
    sign_in(client, app, admin, clock)
    answer = post_form(
        client,
        "/console/analytics/guidelines",
        "/console/analytics/guidelines",
        {"title": "How we post", "body": "Speak for yourself.\n\nNever share <secrets>."},
    )
    assert answer.status_code == 302
    page = client.get("/guidelines").text
    assert "How we post" in page and "Never share &lt;secrets&gt;." in page
    audit = client.get("/console/audit/").text
    assert "edited the posting guidelines" in audit


def test_figures_are_kept_for_the_cache_time_then_recomputed(client, app, office, clock):
    admin, people = office
    app.config["ANALYTICS_CACHE_SECONDS"] = 300
    sign_in(client, app, admin, clock)

    def sharing_now():
        return table_rows(client.get("/console/analytics/").text, "groups")[0][1]

    assert sharing_now() == "4"
    client.post(
        "/api/v1/shares",
        json={"url": linkedin_url(99), "network": "linkedin"},
        headers=people["Ops1"][1],
    )
    assert sharing_now() == "4"  # within five minutes: the kept figure
    clock.advance(minutes=6)
    assert sharing_now() == "5"

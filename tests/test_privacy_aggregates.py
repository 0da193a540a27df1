"""Aggregates never single out someone who did not opt in (handbook): story figures leave out
groups smaller than ANALYTICS_MIN_GROUP (3 here, the default) from their rows and totals,
managers see their own teams' figures only, the Ideas count of colleagues who posted counts
active people on the leaderboards and is null below the minimum, the weekly summary names
only stories told by at least the minimum; and "connected" ends when a person's tokens are
revoked or their newest token expires. Through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

import pytest
from playhouse.migrations import Runner
from test_stories import log, post_story, team_id

from console_helpers import sign_in
from firsthand import rollups
from firsthand.db import MIGRATIONS_DIR, database, migrate, open_database
from firsthand.models import Team, User
from firsthand.people import update_person
from firsthand.stories_models import ShareStory
from helpers import bystanders

LIFETIME = timedelta(days=90)  # TOKEN_MAX_AGE_DAYS' default


@pytest.fixture
def program(make_user):
    """Ada (admin, Comms: one person), Sales of three, Lena alone in Legal: Comms and Legal
    fold into "Other teams", two people, too few to show."""
    people = {
        "ada": make_user("ada@example.com", role="admin", team="Comms", name="Ada Admin"),
        "sam": make_user("sam@example.com", team="Sales", name="Sam Sales"),
        "sue": make_user("sue@example.com", team="Sales", name="Sue Sales"),
        "sid": make_user("sid@example.com", team="Sales", name="Sid Sales"),
        "lena": make_user("lena@example.com", team="Legal", name="Lena Legal"),
    }
    return people


def figures(client, headers, story_id: int) -> dict:
    answer = client.get(f"/api/v1/stories/{story_id}", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["figures"]


def test_a_small_other_teams_group_is_left_out_of_rows_and_totals(
    app, client, clock, make_user, program
):
    bystanders(make_user, client, "Sales")  # Sales may be a row: not all of it told the story
    admin = program["ada"][1]
    story = post_story(client, admin)
    for n, who in enumerate(("sam", "sue", "sid", "lena")):
        assert log(client, program[who][1], n, story_id=story["id"]).status_code == 201

    shown = figures(client, admin, story["id"])
    # Lena's share is in no figure: not a row, not in the totals (4 - 3 would be hers). Who
    # the story is for is a headcount, no one's doing: Other teams (Ada and Lena, too few for
    # a row) count in it, as the people list shows them (the headline said 3).
    assert [row["team"] for row in shown["by_team"]] == ["Sales"]
    assert (shown["shares"], shown["audience"], shown["contributors"]) == (3, 8, 3)
    for key in ("shares", "own_voice", "clicks", "contributors"):
        assert shown[key] == sum(row[key] for row in shown["by_team"])
    # Connecting is one's own doing: Ada's and Lena's (a group of two) are in no total, or
    # the total less Sales' row would say whether Lena connected (a code review).
    assert shown["connected"] == sum(row["connected"] for row in shown["by_team"]) == 6
    assert shown["small_groups_hidden"] is True
    listed = client.get("/api/v1/stories/manage", headers=admin).get_json()["data"]
    assert listed[0]["figures"] == shown  # the list says the same

    sign_in(client, app, program["ada"][0], clock)
    page = client.get(f"/console/stories/{story['id']}").text
    assert "data-small-groups-hidden" in page and "fewer than 3 people" in page
    assert "Other teams" not in page.split("<caption>By team</caption>", 1)[1].split("</table>")[0]
    numbers = page.split('class="stat-number">', 3)
    assert numbers[1].startswith("8<") and numbers[3].startswith("3<")  # for 8, 3 shares
    assert "the people it is for above still count them" in page
    exported = client.get("/console/stories/?format=csv").data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [(r["team"], r["audience"], r["shares"], r["contributors"]) for r in rows] == [
        ("(all)", "8", "3", "3"),
        ("Sales", "6", "3", "3"),
    ]
    assert "fewer than 3 people" in client.get("/console/stories/").text


def test_other_teams_of_the_minimum_is_shown_and_counted(client, make_user, program):
    olga = make_user("olga@example.com", team="Ops", name="Olga Ops")  # Other teams: six
    bystanders(make_user, client, None)  # three without a team, who will not tell it
    admin = program["ada"][1]
    story = post_story(client, admin)
    assert log(client, program["lena"][1], 2, story_id=story["id"]).status_code == 201
    # One of the three told it: "Other teams" would be Lena's share, so it is left out.
    shown = figures(client, admin, story["id"])
    assert [row["team"] for row in shown["by_team"]] == ["Sales"]  # no one's: none told it
    assert (shown["audience"], shown["shares"], shown["small_groups_hidden"]) == (9, 0, True)
    for n, headers in enumerate((olga[1], admin), start=3):
        assert log(client, headers, n, story_id=story["id"]).status_code == 201
    shown = figures(client, admin, story["id"])
    rows = {row["team"]: (row["audience"], row["shares"]) for row in shown["by_team"]}
    assert rows == {"Sales": (3, 0), "Other teams": (6, 3)}
    assert (shown["audience"], shown["shares"], shown["small_groups_hidden"]) == (9, 3, False)


def test_a_manager_sees_only_their_teams_figures(app, client, clock, make_user, program):
    """Eve told the Sales story, then moved to Engineering (three people, shown to an
    admin): the Sales manager's figures, page and API, count Sales people only."""
    max_ = make_user("max@example.com", role="manager", team="Sales", name="Max Manager")
    eve = make_user("eve@example.com", team="Sales", name="Eve Sales")
    for n in (1, 2):
        make_user(f"eng{n}@example.com", team="Engineering", name=f"Eng {n}")
    bystanders(make_user, client, "Sales")  # Sales may be a row: not all of it told the story
    sales = team_id(app, "Sales")
    story = post_story(client, max_[1], everyone=False, team_ids=[sales])
    for n, headers in enumerate((eve[1], *(program[who][1] for who in ("sam", "sue", "sid")))):
        assert log(client, headers, n, story_id=story["id"]).status_code == 201
    with app.app_context(), database.connection_context():
        engineering = Team.get(Team.name == "Engineering")
        update_person(User.get_by_id(eve[0].id), clock(), None, team=engineering)

    # Eve alone told it in Engineering: an admin sees no row of hers (it would be her share).
    everything = figures(client, program["ada"][1], story["id"])
    assert {row["team"]: row["shares"] for row in everything["by_team"]} == {"Sales": 3}
    assert (everything["shares"], everything["small_groups_hidden"]) == (3, True)
    theirs = figures(client, max_[1], story["id"])
    assert [(row["team"], row["shares"]) for row in theirs["by_team"]] == [("Sales", 3)]
    assert (theirs["shares"], theirs["audience"]) == (3, 7)  # Sam, Sue, Sid, Max, 3 more
    assert theirs["small_groups_hidden"] is False  # Engineering is none of theirs
    listed = client.get("/api/v1/stories/manage", headers=max_[1]).get_json()["data"]
    assert listed[0]["figures"] == theirs

    sign_in(client, app, max_[0], clock)
    page = client.get(f"/console/stories/{story['id']}").text
    assert "Engineering" not in page
    exported = client.get("/console/stories/?format=csv").data.decode("utf-8-sig")
    assert [r["team"] for r in csv.DictReader(io.StringIO(exported))] == ["(all)", "Sales"]


def colleagues(client, headers) -> int | None:
    return client.get("/api/v1/stories", headers=headers).get_json()["data"][0]["colleagues_posted"]


def test_colleagues_posted_counts_people_on_the_boards_and_only_from_the_minimum(
    app, client, clock, make_user, program
):
    story = post_story(client, program["ada"][1])
    viewer = program["sid"][1]
    olive = make_user("olive@example.com", team="Sales", name="Olive Optout")
    dan = make_user("dan@example.com", team="Sales", name="Dan Leaving")
    opted = client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=olive[1])
    assert opted.status_code == 200, opted.get_json()
    for n, who in enumerate(("sam", "sue"), start=1):
        assert log(client, program[who][1], n, story_id=story["id"]).status_code == 201
    assert colleagues(client, viewer) is None  # two: below the minimum, no count
    assert log(client, olive[1], 3, story_id=story["id"]).status_code == 201
    assert colleagues(client, viewer) is None  # Olive opted out: still two
    assert log(client, dan[1], 4, story_id=story["id"]).status_code == 201
    assert colleagues(client, viewer) == 3
    assert colleagues(client, program["sam"][1]) is None  # not himself: Sue and Dan
    with app.app_context(), database.connection_context():
        User.update(deactivated_at=clock()).where(User.id == dan[0].id).execute()
        assert ShareStory.select().where(ShareStory.story == story["id"]).count() == 4
    assert colleagues(client, viewer) is None  # Dan left: two again


def test_the_weekly_summary_names_only_stories_told_by_the_minimum(
    client, runner, make_user, program
):
    bystanders(make_user, client, "Sales")  # three who could tell them and did not
    first = post_story(client, program["ada"][1], title="Told by two")
    second = post_story(client, program["ada"][1], title="Told by three")
    for n, who in enumerate(("sam", "sue"), start=1):
        assert log(client, program[who][1], n, story_id=first["id"]).status_code == 201
    for n, who in enumerate(("sam", "sue", "sid"), start=5):
        assert log(client, program[who][1], n, story_id=second["id"]).status_code == 201
    summary = runner.invoke(args=["send-weekly-summary", "--dry-run", "--week", "2026-W47"])
    assert summary.exit_code == 0, summary.output
    assert "*5 stories* told" in summary.output  # every share counts, unnamed
    assert "*Stories told:* Told by three (3)" in summary.output
    assert "Told by two" not in summary.output


def test_the_weekly_summary_names_no_story_told_by_all_who_could(
    app, client, runner, make_user, program
):
    """A story for Legal alone, announced "For Legal only", told by Legal's three (Lena left
    the leaderboards): "Legal wins (3)" told the whole channel that each of them told it.
    Named once three of Legal who could tell it have not."""
    legal = [program["lena"]] + [make_user(f"l{k}@example.com", team="Legal") for k in (1, 2)]
    story = post_story(
        client,
        program["ada"][1],
        title="Legal wins",
        everyone=False,
        team_ids=[team_id(app, "Legal")],
    )
    assert client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=legal[0][1])
    for n, (_, headers) in enumerate(legal, start=1):
        assert log(client, headers, n, story_id=story["id"]).status_code == 201
    week = ["send-weekly-summary", "--dry-run", "--week", "2026-W47"]
    summary = runner.invoke(args=week)
    assert "*3 stories* told" in summary.output and "Legal wins" not in summary.output
    bystanders(make_user, client, "Legal")
    assert "*Stories told:* Legal wins (3)" in runner.invoke(args=week).output


# --- connected: while a token works ----------------------------------------------------


def people_status(client, name: str) -> str:
    """The person's status in the console's people list (the admin is signed in)."""
    page = client.get("/console/people/").text
    row = page.split("<tbody>", 1)[1].split(f">{name}</a>", 1)[1].split("</tr>", 1)[0]
    return row.split('<span class="status status-', 1)[1].split(">", 1)[1].split("<", 1)[0]


def rollups_match_rebuild(app) -> None:
    with app.app_context(), database.connection_context():
        kept = rollups.stored()
        rollups.rebuild()
        assert rollups.stored() == kept


def test_revoking_tokens_ends_the_connection(app, client, clock, runner, program):
    sam, headers = program["sam"]
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    sign_in(client, app, program["ada"][0], clock)
    assert people_status(client, "Sam Sales") == "Connected"
    answer = runner.invoke(args=["revoke", "sam@example.com"])
    assert answer.exit_code == 0, answer.output
    assert people_status(client, "Sam Sales") == "Invited"
    assert client.get("/api/v1/me", headers=headers).status_code == 401  # not reconnected
    with app.app_context(), database.connection_context():
        stored = User.get_by_id(sam.id)
        assert (stored.connected_at, stored.token_signed_at) == (None, None)
    rollups_match_rebuild(app)


def signed_at(app, user_id: int) -> datetime:
    with app.app_context(), database.connection_context():
        return User.get_by_id(user_id).token_signed_at


def test_an_expired_token_ends_the_connection_at_the_next_pass(app, client, clock, program):
    """The console runs the pass at most every five minutes (of the app's clock)."""
    sam, headers = program["sam"]
    before = int(time.time())
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    signed = signed_at(app, sam.id)
    assert before - 1 <= signed.timestamp() <= time.time()  # the token's own signing time
    clock.set(signed + LIFETIME - timedelta(minutes=1))
    sign_in(client, app, program["ada"][0], clock)  # the console session starts then
    assert people_status(client, "Sam Sales") == "Connected"  # a pass ran: not yet expired
    clock.set(signed + LIFETIME + timedelta(minutes=1))
    assert people_status(client, "Sam Sales") == "Connected"  # no pass within five minutes
    clock.set(signed + LIFETIME + timedelta(minutes=5))
    assert people_status(client, "Sam Sales") == "Invited"
    assert (
        client.get("/console/people/", query_string={"status": "connected"}).text.count("Sam Sales")
        == 0
    )
    rollups_match_rebuild(app)


def test_the_expiry_command_ends_expired_connections_only(app, client, clock, runner, program):
    for who in ("sam", "sue"):
        assert client.get("/api/v1/me", headers=program[who][1]).status_code == 200
    sue = program["sue"][0]
    newer = signed_at(app, sue.id) + timedelta(days=30)
    with app.app_context(), database.connection_context():  # Sue's browser has a newer token
        User.update(token_signed_at=newer).where(User.id == sue.id).execute()
    clock.set(signed_at(app, program["sam"][0].id) + LIFETIME + timedelta(days=1))
    answer = runner.invoke(args=["expire-connections"])
    assert answer.exit_code == 0, answer.output
    assert "1 connection(s) ended" in answer.output
    with app.app_context(), database.connection_context():
        connected = {u.email for u in User.select().where(User.connected_at.is_null(False))}
    assert connected == {"sue@example.com"}
    assert runner.invoke(args=["expire-connections"]).output.startswith("0 connection(s)")
    rollups_match_rebuild(app)


def test_upgrade_to_0027_gives_connected_people_their_token_time(db_url):
    db = open_database(db_url)
    database.initialize(db)
    connected = datetime(2026, 10, 1, 9, tzinfo=UTC)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0026_name_order")
        for email, at in (("a@x.io", connected), ("b@x.io", None)):
            User.insert(
                email=email, name="x", role="employee", created_at=connected, connected_at=at
            ).execute()
    assert migrate()[:1] == ["0027_token_signed_at"]
    with db.connection_context():
        times = dict(User.select(User.email, User.token_signed_at).tuples())
        assert times == {"a@x.io": connected, "b@x.io": None}
    assert migrate() == []


def test_a_story_for_one_small_team_says_fewer_than_the_minimum_not_nobody(
    app, client, clock, program
):
    admin = program["ada"][1]
    story = post_story(client, admin, everyone=False, team_ids=[team_id(app, "Legal")])
    assert log(client, program["lena"][1], 3, story_id=story["id"]).status_code == 201
    shown = figures(client, admin, story["id"])
    assert shown["by_team"] == [] and shown["small_groups_hidden"] is True

    sign_in(client, app, program["ada"][0], clock)
    page = client.get(f"/console/stories/{story['id']}").text
    # "0 people it is for" said nobody gets it; Lena does, and her share is hers alone.
    cards = page.split('class="stat-grid"', 1)[1].split("</div>", 1)[0]
    assert "data-folded" in cards and "&lt; 3" in cards
    numbers = cards.split('class="stat-number">')[1:]
    assert numbers[0].startswith("&lt; 3<") and len(numbers) == 5
    assert all('<span aria-hidden="true">—</span>' in n and "not shown" in n for n in numbers[1:])
    assert "not connected the extension yet" not in page
    assert "data-small-groups-hidden" in page
    # The export says no "0 people" either (a cold check): the figures are left blank.
    exported = client.get("/console/stories/?format=csv").data.decode("utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(exported)) if r["id"] == str(story["id"])]
    assert [row[k] for k in ("team", "audience", "shares", "clicks")] == ["(all)", "", "", ""]

"""Hostile and careless use, eighth round (SQLite and PostgreSQL), found by probing a running
server: each case here was a 500, a change that said it was made and was not, or a message
that misled the client."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from console_helpers import post_form, sign_in
from firsthand import teams as teams_domain
from firsthand.admin_models import AuditEvent, TeamManager
from firsthand.db import database, write_transaction
from firsthand.errors import ApiError
from firsthand.models import Team, User
from firsthand.stories_models import StoryTeam
from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


# --- A team merged away by another admin while a request still holds it --------------------


@pytest.fixture
def two_teams(app, make_user, clock):
    """Ada (an admin), Al in Alpha and Bo in Beta."""
    ada = make_user("ada@example.com", role="admin", name="Ada", team=None)[0]
    al = make_user("al@example.com", name="Al", team="Alpha")[0]
    bo = make_user("bo@example.com", name="Bo", team="Beta")[0]
    with app.app_context(), database.connection_context():
        return ada, al, bo, Team.get(Team.name == "Alpha"), Team.get(Team.name == "Beta")


def _merge(app, source: Team, into: Team, actor: User, clock) -> None:
    """Another admin's merge, committed between the request's read and its write."""
    with app.app_context(), database.connection_context(), write_transaction():
        teams_domain.merge_teams(source, into, clock(), actor)


def _team_of(app, user_id: int) -> int | None:
    with app.app_context(), database.connection_context():
        return User.get_by_id(user_id).team_id


def test_moving_someone_into_a_team_merged_meanwhile_is_said_not_a_500(
    app, client, two_teams, clock, monkeypatch
):
    """The person's page listed Alpha; another admin merged Alpha into Beta; saving Bo into
    Alpha then failed on the deleted team's foreign key: the 500 page, and no word why."""
    ada, _al, bo, alpha, beta = two_teams
    from firsthand.console import person_actions

    def read_then_merged(team_id: int) -> Team:
        team = teams_domain.team_by_id(team_id)
        _merge(app, alpha, beta, ada, clock)
        return team

    sign_in(client, app, ada, clock)
    page = f"/console/people/{bo.id}"
    monkeypatch.setattr(person_actions, "team_by_id", read_then_merged)
    answer = post_form(client, page, page, {"team": str(alpha.id)}, follow_redirects=True)
    assert answer.status_code == 200, answer.text[:300]
    assert "The team Alpha was merged into another team (or removed) meanwhile" in answer.text
    assert _team_of(app, bo.id) == beta.id  # where the merge left them, not without a team


def test_two_admins_merging_two_teams_into_each_other_keep_everyone_in_a_team(
    app, two_teams, clock
):
    """Alpha into Beta and, read before it committed, Beta into Alpha: the second moved
    everyone into the deleted Alpha (a foreign key error, a 500). It is refused now, and
    nobody is left without a team."""
    ada, al, bo, alpha, beta = two_teams
    _merge(app, alpha, beta, ada, clock)
    with app.app_context(), database.connection_context():
        with pytest.raises(ApiError) as refused, write_transaction():
            teams_domain.merge_teams(beta, alpha, clock(), ada)
        assert (refused.value.status, refused.value.code) == (409, "team_gone")
        assert {u.team_id for u in User.select().where(User.id.in_([al.id, bo.id]))} == {beta.id}
        assert AuditEvent.select().where(AuditEvent.action == "team.merge").count() == 1


@pytest.mark.parametrize(
    "action, data", [("rename", {"name": "Gamma"}), ("managers", {"email": "ada@example.com"})]
)
def test_renaming_or_managing_a_team_merged_meanwhile_says_so(
    app, client, two_teams, clock, monkeypatch, action, data
):
    """Renaming Alpha as another admin merged it away said "Renamed Alpha to Gamma" and
    audited a rename of nothing; naming its manager was a 500. Both go back to the teams'
    list with the reason, and nothing is written."""
    ada, _al, _bo, alpha, beta = two_teams
    from firsthand.console import scope

    read = scope.team_in_scope

    def read_then_merged(team_id: int) -> Team:
        team = read(team_id)
        _merge(app, alpha, beta, ada, clock)
        return team

    sign_in(client, app, ada, clock)
    page = f"/console/teams/{alpha.id}"
    monkeypatch.setattr(scope, "team_in_scope", read_then_merged)
    answer = post_form(client, "/console/teams/", f"{page}/{action}", data)
    assert answer.status_code == 302, answer.text[:300]
    assert answer.headers["Location"].endswith("/console/teams/")
    monkeypatch.undo()
    shown = client.get("/console/teams/").text
    assert "The team Alpha was merged into another team (or removed) meanwhile" in shown
    with app.app_context(), database.connection_context():
        assert [t.name for t in Team.select()] == ["Beta"]
        assert TeamManager.select().count() == 0
        assert AuditEvent.select().where(AuditEvent.action == "team.rename").count() == 0


def test_a_story_for_a_team_merged_meanwhile_is_the_422_it_would_meet_a_moment_later(
    app, client, two_teams, make_user, clock, monkeypatch
):
    """POST /stories checked its teams, then another admin merged one away before it wrote
    the story's links: a foreign key error (a 500) for a request any retry would see as a
    422 naming team_ids. Nothing is written."""
    ada, _al, _bo, alpha, beta = two_teams
    from firsthand import stories

    checked = stories._check_audience

    def checked_then_merged(*args):
        teams = checked(*args)
        _merge(app, alpha, beta, ada, clock)
        return teams

    monkeypatch.setattr(stories, "_check_audience", checked_then_merged)
    token = make_user("ada2@example.com", role="admin", team=None)[1]
    body = {"title": "Launch", "context": "We shipped.", "questions": ["What?", "Why?"]}
    answer = client.post("/api/v1/stories", json={**body, "team_ids": [alpha.id]}, headers=token)
    assert answer.status_code == 422, answer.text
    assert answer.json["error"]["details"][0]["field"] == "team_ids"
    assert "merged away meanwhile" in answer.json["error"]["message"]
    with app.app_context(), database.connection_context():
        assert StoryTeam.select().count() == 0
        assert stories.Story.select().count() == 0


def test_any_write_naming_a_row_deleted_meanwhile_is_a_409_to_reload_after(app, client, make_user):
    """The safety net under those checks: a foreign key error from the database (a row
    removed by another request since this one read it) is a 409 saying nothing was changed,
    not a 500."""

    make_user()

    def stale_write():
        with write_transaction():
            User.update(team=2**31 - 1).execute()  # a team no one has (merged away)
        return "written"

    app.add_url_rule("/_stale_write", "stale_write", stale_write, methods=["POST"])
    answer = client.post("/_stale_write")
    assert answer.status_code == 409, answer.text
    assert "removed meanwhile" in answer.json["error"]["message"]
    assert "nothing was changed" in answer.json["error"]["message"]


@pytest.mark.parametrize("attempt", range(3))
def test_merges_of_a_chain_at_once_leave_no_one_without_a_team(app, make_user, clock, attempt):
    """Alpha into Beta and Beta into Gamma at once (two admins): on PostgreSQL the second
    deleted Beta after the first had moved Alpha's people into it, and ON DELETE SET NULL
    left them in no team. Each merge either happens or is refused; everyone keeps a team."""
    ada = make_user("ada@example.com", role="admin", team=None)[0]
    people = [make_user(team=name)[0].id for name in ("Alpha", "Beta", "Gamma") for _ in range(3)]
    with app.app_context(), database.connection_context():
        alpha, beta, gamma = (Team.get(Team.name == n) for n in ("Alpha", "Beta", "Gamma"))
    start = threading.Barrier(2)

    def merge(source: Team, into: Team) -> str:
        with app.app_context(), database.connection_context():
            start.wait()
            try:
                with write_transaction():
                    teams_domain.merge_teams(source, into, clock(), ada)
            except ApiError as refused:
                return refused.code
            return "merged"

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(merge, (alpha, beta), (beta, gamma)))
    assert set(outcomes) <= {"merged", "team_gone"}, outcomes
    with app.app_context(), database.connection_context():
        left = {u.id: u.team_id for u in User.select().where(User.id.in_(people))}
        assert None not in left.values(), (outcomes, left)
        assert set(left.values()) <= {t.id for t in Team.select()}


# --- Web addresses that show as another -------------------------------------------------


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\u2028", "\x85", "\x9b"])
def test_a_link_that_shows_as_another_is_refused(app, client, make_user, hidden):
    """An employee's suggested story kept "https://acme.example/q3\\u202efdp.exe" as sent:
    the admins' list showed it as ".../q3exe.pdf", and once approved so did everyone's
    extension. Direction overrides, C1 controls and line separators are in no real address."""
    employee = make_user("em@example.com")[1]
    admin = make_user("ada@example.com", role="admin", team=None)[1]
    link = f"https://acme.example/q3{hidden}fdp.exe"
    answers = [
        client.post(
            "/api/v1/story-suggestions", json={"line": "Q3", "link": link}, headers=employee
        ),
        client.post(
            "/api/v1/stories",
            json={
                "title": "Q3",
                "context": "Q3.",
                "questions": ["A?", "B?"],
                "link": link,
                "everyone": True,
            },
            headers=admin,
        ),
    ]
    for answer in answers:
        assert answer.status_code == 422, answer.text
        assert answer.json["error"]["details"] == [
            {
                "field": "link",
                "message": "must not contain control or direction-changing characters "
                "(such as U+202E), which change how the address shows",
            }
        ]
    with app.app_context(), database.connection_context():
        assert StoryTeam.select().count() == 0
        from firsthand.stories_models import Story, StorySuggestion

        assert (Story.select().count(), StorySuggestion.select().count()) == (0, 0)


def test_a_reading_for_ones_own_deleted_share_says_it_may_be_deleted(client, make_user):
    """The extension sends the counts it read after its owner deleted the share in the popup:
    the 404 said "reach is recorded only for your own", as if it were a colleague's share,
    where GET and DELETE say it may be deleted."""
    token = make_user("em@example.com")[1]
    logged = client.post(
        "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=token
    )
    share_id = logged.json["share"]["id"]
    assert client.delete(f"/api/v1/shares/{share_id}", headers=token).status_code == 200
    reading = {"source": "post", "counts": {"reactions": {"value": 3, "raw": "3"}}}
    answer = client.post(f"/api/v1/shares/{share_id}/reach", json=reading, headers=token)
    assert answer.status_code == 404, answer.text
    assert "(it may be deleted)" in answer.json["error"]["message"]


# --- A people CSV whose header names a column twice --------------------------------------


def test_a_column_given_twice_is_said_to_be_so_not_unrecognised():
    """ "email,email,name" (two address columns, say work and personal) said "Columns not
    recognised, and left out: “email”": the admin could not tell which addresses were
    invited. The note says which column is read and which is left out."""
    from firsthand.import_file import read_sheet

    sheet = read_sheet(b"email,Email address,name,team,Team\na@x.test,b@x.test,A,S,T\n")
    assert sheet.notes == [
        "Columns given twice: the first of each is read, and these left out: "
        "“Email address” (column 2), “Team” (column 5)."
    ]
    assert [(r["email"], r["team"]) for r in sheet.rows] == [("a@x.test", "S")]

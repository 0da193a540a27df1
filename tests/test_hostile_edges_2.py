"""Hostile and careless clients, second round (a running server, SQLite and PostgreSQL): each
case here was a 500, a partial write or a write that broke a promise the README makes."""

from __future__ import annotations

import gzip
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from test_stories import post_story
from test_weekly_summary import Receiver

from firsthand import imports, potential_reach
from firsthand.admin_models import AuditEvent
from firsthand.db import database
from firsthand.errors import ApiError, PersonErased
from firsthand.leaderboard import set_opt_out
from firsthand.models import Kudos, PeriodStats, PointsEntry, Share, Team, User, UserStats
from firsthand.people import deactivate, reactivate, update_person
from firsthand.privacy import ERASED_NAME as ERASED
from firsthand.privacy import erase_person
from firsthand.reach_models import HoldBackAnswer
from firsthand.sharing import ShareRequest, log_share
from firsthand.stories_models import Story, StorySuggestion
from firsthand.stories_suggestions import suggest
from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _what_is_left(user_id: int) -> dict:
    with database.connection_context():
        return {
            "shares": Share.select().where(Share.user == user_id).count(),
            "kudos": Kudos.select().where(Kudos.receiver == user_id).count(),
            "ledger": PointsEntry.select().where(PointsEntry.user == user_id).count(),
            "points": UserStats.get_by_id(user_id).points,
            "periods": PeriodStats.select().where(PeriodStats.user == user_id).count(),
            "potential": potential_reach.PotentialReach.select()
            .where(potential_reach.PotentialReach.user == user_id)
            .count(),
            "suggestions": StorySuggestion.select().where(StorySuggestion.user == user_id).count(),
            "opted_out": User.get_by_id(user_id).leaderboard_opt_out,
        }


NOTHING_LEFT = {
    "shares": 0,
    "kudos": 0,
    "ledger": 0,
    "points": 0,
    "periods": 0,
    "potential": 0,
    "suggestions": 0,
    "opted_out": True,
}


def test_a_write_for_someone_erased_after_their_request_read_them_writes_nothing(
    app, make_user, clock
):
    """Their request was authenticated, then the erasure committed: a share (its points and
    period totals), a leaderboard opt-in, potential reach or a story suggestion were written
    for the erased person after all (SQLite), or answered 500 (PostgreSQL: their counters'
    row was gone). Now a 401, as their revoked token gets from then on, and nothing written."""
    user = make_user()[0]
    book = app.extensions["firsthand.rulebook"]
    with app.app_context(), database.connection_context():
        read_by_the_request = User.get_by_id(user.id)
        erase_person(User.get_by_id(user.id), clock(), None, by_themselves=True)
        share = ShareRequest(url=linkedin_url(1), network="linkedin")
        writes = [
            lambda: log_share(read_by_the_request, share, book, clock(), analyzer=None),
            lambda: set_opt_out(read_by_the_request, False),
            lambda: potential_reach.save(read_by_the_request, {"linkedin": 5}, clock()),
            lambda: suggest(read_by_the_request, None, "Our new office", clock()),
        ]
        for write in writes:
            with pytest.raises(PersonErased) as refused:
                write()
            assert refused.value.status == 401
        assert _what_is_left(user.id) == NOTHING_LEFT
        assert HoldBackAnswer.select().count() == 0


def test_points_written_as_their_author_opts_out_stay_off_the_boards(app, client, make_user, clock):
    """A share (or kudos) whose request read its author before their opt-out committed made
    this week's and month's totals with the old setting: an opted-out person on everyone's
    board. The totals now take the setting from their row as it is when written."""
    user = make_user()[0]
    colleague = make_user()[1]
    book = app.extensions["firsthand.rulebook"]
    with app.app_context(), database.connection_context():
        read_by_the_request = User.get_by_id(user.id)
        set_opt_out(User.get_by_id(user.id), True)
        share = ShareRequest(url=linkedin_url(3), network="linkedin")
        assert log_share(read_by_the_request, share, book, clock(), analyzer=None).share
        rows = PeriodStats.select().where(PeriodStats.user == user.id)
        assert rows.count() == 3 and all(row.hidden for row in rows)
    for period in ("week", "month", "all"):
        query = f"/api/v1/leaderboard?period={period}&scope=company"
        board = client.get(query, headers=colleague).get_json()
        assert user.id not in {entry["user_id"] for entry in board["entries"]}


@pytest.mark.parametrize("attempt", range(3))
def test_writes_racing_an_account_erasure_never_outlive_it(app, live_server, make_user, attempt):
    """DELETE /me while the extension's outbox logs shares, a colleague sends kudos and a
    settings page opts back in to leaderboards: every answer is a 2xx or 4xx, and nothing
    of the person is left once the erasure has answered (before: shares, kudos and points
    kept after the erasure on SQLite, 500s on PostgreSQL, and the erased person opted back
    in to leaderboards on both)."""
    user, auth = make_user(f"leaving{attempt}@example.com")
    colleague = make_user()[1]
    api = f"{live_server}/api/v1"

    def request(i: int):
        if i == 3:
            body = {"confirm_email": user.email}
            return requests.delete(f"{api}/me", json=body, headers=auth, timeout=30)
        if i % 4 == 0:
            body = {"url": linkedin_url(100 + i), "network": "linkedin"}
            return requests.post(f"{api}/shares", json=body, headers=auth, timeout=30)
        if i % 4 == 1:
            body = {"to_user_id": user.id, "message": "Thanks!"}
            return requests.post(f"{api}/kudos", json=body, headers=colleague, timeout=30)
        if i % 4 == 2:
            body = {"leaderboard_opt_out": False}
            return requests.patch(f"{api}/me", json=body, headers=auth, timeout=30)
        body = {"networks": {"linkedin": 500}}
        return requests.put(f"{api}/me/potential-reach", json=body, headers=auth, timeout=30)

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(request, range(24)))
    assert answers[3].status_code == 200
    assert [a.status_code for a in answers if a.status_code >= 500] == []
    with app.app_context():
        assert _what_is_left(user.id) == NOTHING_LEFT


def test_invites_racing_into_one_new_team_make_it_once(app, live_server, make_user):
    """Twenty invites at once naming one new team, in two spellings of its case: on
    PostgreSQL some answered 409 "A user with the email … already exists" (the team's
    unique name, not the email, clashed) and "Launch" and "launch" were both made, though
    team names are unique ignoring case."""
    admin = make_user(role="admin")[1]

    def invite(i: int):
        team = "Launch" if i % 2 else "launch"
        body = {"email": f"new{i}@example.com", "name": f"New {i}", "team": team}
        return requests.post(f"{live_server}/api/v1/users", json=body, headers=admin, timeout=30)

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(invite, range(20)))
    assert [a.status_code for a in answers] == [201] * 20, [a.text for a in answers]
    with app.app_context(), database.connection_context():
        launch = [team.id for team in Team.select() if team.name.lower() == "launch"]
        assert len(launch) == 1
        assert User.select().where(User.team == launch[0]).count() == 20


def test_an_import_confirmed_twice_at_once_is_applied_once(app, make_user, clock):
    """A double-clicked "Confirm": on PostgreSQL both transactions saw the file not yet
    applied and the second failed on a unique index (a 500 page); now it waits and is told
    the file was already imported."""
    admin = make_user("ada@example.com", role="admin")[0]
    text = "email,name,team\n" + "".join(f"p{i}@x.io,P {i},Crew {i % 3}\n" for i in range(50))
    with app.app_context(), database.connection_context():
        batch = imports.save_preview(imports.read_csv(text.encode()), "p.csv", admin, clock())
    start, outcomes = threading.Barrier(3), []

    def confirm():
        with app.app_context(), database.connection_context():
            start.wait()
            try:
                outcomes.append(imports.apply(batch, admin, None, clock()).created)
            except ApiError as refused:
                outcomes.append(refused.code)

    threads = [threading.Thread(target=confirm) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes, key=str) == [50, "already_imported", "already_imported"]
    with app.app_context(), database.connection_context():
        assert User.select().count() == 51
        teams = sorted(team.name for team in Team.select())
        assert teams == ["Crew 0", "Crew 1", "Crew 2", "Sales"]


@pytest.mark.parametrize("attempt", range(3))
def test_an_opt_out_racing_a_first_share_hides_it(app, live_server, make_user, attempt):
    """The popup's opt-out sent while the outbox logs the week's first shares: once both
    have answered, every period total of theirs is hidden."""
    user, auth = make_user(f"quiet{attempt}@example.com")
    api = f"{live_server}/api/v1"

    def request(i: int):
        if i == 2:
            body = {"leaderboard_opt_out": True}
            return requests.patch(f"{api}/me", json=body, headers=auth, timeout=30)
        body = {"url": linkedin_url(200 + i), "network": "linkedin"}
        return requests.post(f"{api}/shares", json=body, headers=auth, timeout=30)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(request, range(8)))
    assert {a.status_code for a in answers} <= {200, 201}
    with app.app_context(), database.connection_context():
        rows = PeriodStats.select().where(PeriodStats.user == user.id)
        assert rows.count() == 3 and all(row.hidden for row in rows)


@pytest.mark.parametrize("attempt", range(3))
def test_a_suggestion_decided_twice_at_once_is_decided_once(app, live_server, make_user, attempt):
    """A double-clicked "Approve" (and a colleague's "Decline" at that moment): each decision
    read the suggestion as pending before its transaction, so one suggestion became three
    or four stories, or a story of a declined suggestion. Now one decision stands, the
    others are the 404 of a suggestion that is no longer pending."""
    admin = make_user(role="admin")[1]
    author = make_user()[1]
    api = f"{live_server}/api/v1"
    body = {"line": f"Our new office opens {attempt}"}
    suggestion = requests.post(f"{api}/story-suggestions", json=body, headers=author, timeout=30)
    path = f"{api}/story-suggestions/{suggestion.json()['id']}"

    def decide(i: int):
        if i == 4:
            return requests.post(f"{path}/decline", json={}, headers=admin, timeout=30)
        body = {"questions": ["What changes for you?", "Who will you meet there?"]}
        return requests.post(f"{path}/approve", json=body, headers=admin, timeout=30)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(decide, range(8)))
    codes = sorted(a.status_code for a in answers)
    assert codes in ([200] + [404] * 7, [201] + [404] * 7), codes
    with app.app_context(), database.connection_context():
        decided = StorySuggestion.get_by_id(suggestion.json()["id"])
        stories = Story.select().count()
        assert (decided.status, stories) in (("approved", 1), ("declined", 0))
        assert decided.story_id == (Story.get().id if stories else None)


PLAIN = b'{"text": "We opened the new office today."}'


@pytest.mark.parametrize(
    "encoding,body",
    [
        ("gzip", gzip.compress(PLAIN, mtime=0)),
        ("br", PLAIN),  # labelled, not compressed
        ("GZIP, identity", gzip.compress(PLAIN, mtime=0)),
    ],
    ids=["gzip", "labelled only", "a list"],
)
def test_a_compressed_body_is_refused_as_such(client, auth, encoding, body):
    """A gzip body was read as text ("The body is not valid UTF-8 text"), and a body that
    only claimed an encoding was taken as sent."""
    headers = {**auth, "Content-Type": "application/json", "Content-Encoding": encoding}
    answer = client.post("/api/v1/suggestions", data=body, headers=headers)
    assert answer.status_code == 415
    assert "uncompressed" in answer.get_json()["error"]["message"]
    headers["Content-Encoding"] = "identity"
    assert client.post("/api/v1/suggestions", data=PLAIN, headers=headers).status_code == 200


@pytest.mark.parametrize("attempt", range(2))
def test_a_story_published_twice_at_once_is_announced_once(
    app, client, live_server, make_user, attempt
):
    """A double-clicked "Publish": each PATCH read the draft as unpublished before its
    transaction, so on PostgreSQL the story was announced to Slack three or four times."""
    hooks = Receiver()
    app.config["SLACK_WEBHOOK_URL"] = f"{hooks.url}/slack"
    admin = make_user(role="admin")[1]
    draft = post_story(client, admin, status="draft", title=f"Launch day {attempt}")

    def publish(_):
        url = f"{live_server}/api/v1/stories/{draft['id']}"
        return requests.patch(url, json={"status": "published"}, headers=admin, timeout=30)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(publish, range(8)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.json()["published_at"] for a in answers}) == 1
    time.sleep(0.5)
    hooks.close()
    assert len(hooks.received) == 1
    with app.app_context(), database.connection_context():
        assert AuditEvent.select().where(AuditEvent.action == "story.publish").count() == 1


def test_an_account_deletion_retried_at_once_erases_once(app, live_server, make_user):
    """DELETE /me sent again while the first is running (a client's retry on a timeout) erased
    the person once per request, each with its own audit event; now the first erases and the
    others get the 401 their revoked token gets from then on."""
    user, auth = make_user("leaving@example.com")
    url, body = f"{live_server}/api/v1/me", {"confirm_email": user.email}
    with ThreadPoolExecutor(6) as pool:
        answers = list(
            pool.map(lambda _: requests.delete(url, json=body, headers=auth, timeout=30), range(6))
        )
    assert sorted(a.status_code for a in answers) == [200] + [401] * 5
    with app.app_context(), database.connection_context():
        assert AuditEvent.select().where(AuditEvent.action == "person.erase").count() == 1


def test_a_console_edit_saved_as_the_person_is_erased_changes_nothing(app, make_user, clock):
    """The edit page read the person, then an erasure committed: saving it gave the anonymous
    row their name back and a role; deactivating or reactivating wrote to it too."""
    admin = make_user(role="admin")[0]
    user = make_user("bob@example.com", name="Bob Real")[0]
    with app.app_context(), database.connection_context():
        read_by_the_page = User.get_by_id(user.id)
        erase_person(User.get_by_id(user.id), clock(), admin)
        for edit in (
            lambda: update_person(read_by_the_page, clock(), admin, name="Bob", role="manager"),
            lambda: deactivate(read_by_the_page, clock(), admin),
            lambda: reactivate(read_by_the_page, clock(), admin),
        ):
            with pytest.raises(ApiError, match="no such person"):
                edit()
        assert (User.get_by_id(user.id).name, User.get_by_id(user.id).role) == (ERASED, "employee")

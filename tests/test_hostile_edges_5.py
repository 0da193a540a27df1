"""Hostile and careless input, fifth round (SQLite and PostgreSQL): each case here was an
answer built from what a client may forge, or a value read other than as it was written."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urlparse

import pytest
import requests
from test_stories import post_story
from test_weekly_summary import Receiver

from console_helpers import csrf_from, sign_in, sign_in_link
from firsthand.admin_models import ImportBatch
from firsthand.db import database
from firsthand.stories_models import Story, StorySuggestion
from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)

PUBLIC = "https://firsthand.acme.example"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin")[0]


@pytest.fixture
def console(client, app, admin, clock):
    app.config["PUBLIC_URL"] = PUBLIC
    return sign_in(client, app, admin, clock)


# --- Addresses never taken from the Host header ---------------------------------------------


@pytest.mark.parametrize(
    "path, target",
    [
        ("/console", "/console/"),
        ("/console//", "/console/"),
        ("/console/people?team=3", "/console/people/?team=3"),
        ("/console/people//?after=x", "/console/people/?after=x"),
        ("/console/stories", "/console/stories/"),
    ],
)
def test_a_console_slash_redirect_stays_on_this_server(console, path, target):
    """Werkzeug's redirects to the canonical slashes (308: permanent, so caches keep them)
    were absolute, built from the request's Host header: `Host: evil.example` made a cache
    in front hand everyone a redirect to evil.example. Now a path on this server."""
    answer = console.get(path, headers=FORGED)
    assert answer.status_code == 308
    assert answer.headers["Location"] == target
    assert b"evil" not in answer.get_data()


def test_the_guidelines_link_is_the_configured_address(app, client, make_user):
    """GET /me/question handed the extension a guidelines_url on whatever host the request
    named; like connect links, it is at FIRSTHAND_PUBLIC_URL."""
    app.config["PUBLIC_URL"] = PUBLIC
    auth = make_user()[1]
    state = client.get("/api/v1/me/question", headers={**auth, **FORGED}).get_json()
    assert state["guidelines_url"] == f"{PUBLIC}/guidelines"


def test_the_guidelines_editor_names_the_configured_address(console):
    """The editor said "published at http://localhost/guidelines": the host the admin's own
    request named, not the address people are sent to."""
    page = console.get("/console/analytics/guidelines")
    csrf = csrf_from(page.text)
    console.post("/console/analytics/guidelines", data={"csrf_token": csrf, "body": "Be kind."})
    page = console.get("/console/analytics/guidelines")
    assert f"{PUBLIC}/guidelines" in page.text and "localhost" not in page.text


# --- Times in the console's story form -----------------------------------------------------


def _story_form(console, **fields) -> dict:
    page = console.get("/console/stories/new")
    return {
        "csrf_token": csrf_from(page.text),
        "title": "Atlas is live",
        "context": "We launched Atlas today.",
        "audience": "everyone",
        "question_1": "What did you build?",
        "question_2": "Who helped?",
        **fields,
    }


def _story_times(app) -> tuple[datetime, datetime | None]:
    with app.app_context(), database.connection_context():
        story = Story.select().order_by(Story.id.desc()).get()
        return story.starts_at.replace(tzinfo=UTC), story.ends_at and story.ends_at.replace(
            tzinfo=UTC
        )


def test_a_time_with_an_offset_is_that_moment_in_utc(console, app):
    """The form (From and Until, in UTC) read "2026-11-18T09:00+05:00" as 09:00 UTC, five
    hours off: the offset was dropped, not applied."""
    form = _story_form(
        console, starts_at="2026-11-18T09:00+05:00", ends_at="2026-11-20T18:00-08:00"
    )
    assert console.post("/console/stories/", data=form).status_code == 302
    assert _story_times(app) == (
        datetime(2026, 11, 18, 4, 0, tzinfo=UTC),
        datetime(2026, 11, 21, 2, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "starts_at", ["0001-01-01T00:00+01:00", "2026-W47-3T09:00", "2026-11-18T09:00:00+0500"]
)
def test_a_time_the_form_cannot_read_is_named(console, app, starts_at):
    """A time with no UTC year, or in one of ISO 8601's other spellings, is refused with the
    field's name, as the API refuses it; nothing is saved."""
    answer = console.post("/console/stories/", data=_story_form(console, starts_at=starts_at))
    assert answer.status_code == 422
    assert "From" in answer.text
    with app.app_context(), database.connection_context():
        assert Story.select().count() == 0


# --- A leap second -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "posted_at, read_as",
    [
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        ("2016-12-31T18:59:60.5-05:00", "2016-12-31T23:59:59Z"),
    ],
)
def test_a_leap_second_is_read_as_the_second_before_it(client, make_user, posted_at, read_as):
    """RFC 3339 writes the leap second at the end of 2016 as 23:59:60, and a clock that
    keeps them sends it; it was refused as "not an RFC 3339 date-time". Python's times (and
    Unix time) have no second 60: it is read as the second before, :59."""
    auth = make_user()[1]
    made = datetime(2016, 12, 31, 23, 59, tzinfo=UTC)  # a post of that night (a stale one)
    body = {"url": linkedin_url(3, made), "network": "linkedin", "posted_at": posted_at}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["share"]["posted_at"] == read_as


# --- Revoking someone's access ---------------------------------------------------------------


def test_revoking_a_person_also_spends_their_console_sign_in_links(client, app, admin, clock):
    """`firsthand revoke` ended their console sessions, but a sign-in link issued before it
    (sitting in a mailbox) still signed them in afresh: revoked access came back."""
    path = urlparse(sign_in_link(app, admin, clock)).path
    page = client.get(path)
    assert app.test_cli_runner().invoke(args=["revoke", admin.email]).exit_code == 0
    answer = client.post(path, data={"csrf_token": csrf_from(page.text)})
    assert answer.status_code == 400 and "not valid" in answer.text
    assert client.get("/console/").status_code == 302  # to the sign-in page: no session


# --- An upload's file name -------------------------------------------------------------------


def test_an_upload_named_with_a_nul_is_refused_like_any_form_field(console, app):
    """The input guard looked at a form's fields but not at its files' names: a CSV named
    "people\\x00.csv" was kept as the import's file name (PostgreSQL: a 500)."""
    page = console.get("/console/people/import/")
    body = b"email,name\nbob@example.com,Bob\n"
    data = {"csrf_token": csrf_from(page.text), "file": (io.BytesIO(body), "people\x00.csv")}
    answer = console.post("/console/people/import/", data=data, content_type="multipart/form-data")
    assert answer.status_code == 400
    assert "NUL character or an unpaired surrogate" in answer.text
    with app.app_context(), database.connection_context():
        assert ImportBatch.select().count() == 0


# --- A story suggestion sent twice -----------------------------------------------------------


def test_a_story_suggestion_sent_again_is_the_first_one(app, client, make_user):
    """A double click or a resent request made two identical suggestions for an admin to
    decide on; the same line and link again, while the first waits, is answered with it."""
    auth = make_user()[1]
    body = {"line": "Our new office in Lyon", "link": "https://acme.example/lyon"}
    first = client.post("/api/v1/story-suggestions", json=body, headers=auth)
    again = client.post("/api/v1/story-suggestions", json=body, headers=auth)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"] and again.get_json()["duplicate"]
    other = client.post("/api/v1/story-suggestions", json={"line": "Lyon"}, headers=auth)
    assert other.status_code == 201
    with app.app_context(), database.connection_context():
        assert StorySuggestion.select().count() == 2


def test_a_story_suggestion_sent_at_once_from_two_tabs_is_kept_once(app, live_server, make_user):
    auth = make_user()[1]
    body = {"line": "Our new office in Lyon"}

    def send(_):
        return requests.post(f"{live_server}/api/v1/story-suggestions", json=body, headers=auth)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, range(8)))
    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    with app.app_context(), database.connection_context():
        assert StorySuggestion.select().count() == 1


# --- A story announced to Slack and Teams ----------------------------------------------------

MARKUP = "<!channel> <https://evil.example|Free pizza> & [click](https://evil.example) **now**"


@pytest.fixture
def receiver():
    hooks = Receiver()
    yield hooks
    hooks.close()


def test_a_story_announced_to_chat_cannot_ping_or_link(app, client, make_user, receiver):
    """The weekly summary escaped people's text for Slack and Teams; the announcement of a
    new story did not: a title or context (an employee's suggestion line becomes both when
    it is approved as it is) holding <!channel> pinged the whole channel, and
    <https://…|text> or [text](https://…) made a link that reads as something else."""
    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    app.config["TEAMS_WEBHOOK_URL"] = f"{receiver.url}/teams"
    admin = make_user("ada@example.com", role="admin")[1]
    link = "https://acme.example/a?b=1&c=2"
    post_story(client, admin, title=MARKUP[:100], context=MARKUP, link=link)
    received = dict(receiver.wait_for(2))
    slack, teams = received["/slack"], received["/teams"]
    section = slack["blocks"][1]["text"]["text"]
    for text in (slack["text"], section):
        assert "<!channel>" not in text and "<https://evil" not in text
        assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert "<https://acme.example/a?b=1&amp;c=2|Read more>" in section
    card = teams["attachments"][0]["content"]
    for block in card["body"][:2]:
        assert "[click](https" not in block["text"] and "**now**" not in block["text"]
        assert r"\[click\]\(https://evil.example\)" in block["text"]

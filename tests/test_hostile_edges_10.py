"""Hostile and careless use, tenth round (SQLite and PostgreSQL): small defects earlier rounds
left alone. The same words typed another way, and ids checked after bodies."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from test_recognition import kudos
from test_stories import post_story

from console_helpers import post_form, sign_in
from firsthand.admin_models import AuditEvent
from firsthand.db import database
from firsthand.models import Kudos
from firsthand.stories_models import Story, StorySuggestion

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)

COMPOSED = unicodedata.normalize("NFC", "Merci pour le Café!")
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # "e" then U+0301, as some keyboards send


# --- The same words typed another way ---------------------------------------------------------


def test_the_same_thanks_with_a_combining_accent_or_other_capitals_is_the_first(
    app, client, make_user
):
    """A retried kudos is found by its words; "Café" sent with a combining accent (macOS,
    some phones) or in other capitals was other words, so a double send made a second kudos
    with its points. What was typed first is kept and shown as it was."""
    assert COMPOSED != DECOMPOSED
    ann, _ = make_user("ann@example.com")
    _, bh = make_user("bob@example.com")
    first = kudos(client, bh, ann, COMPOSED)
    assert first.status_code == 201
    for again in (DECOMPOSED, COMPOSED.upper(), "merci pour le café!"):
        answer = kudos(client, bh, ann, again)
        assert answer.status_code == 200, (again, answer.get_json())
        assert answer.get_json()["duplicate"] is True
        assert answer.get_json()["kudos"]["id"] == first.get_json()["kudos"]["id"]
    assert kudos(client, bh, ann, "Merci pour le thé!").status_code == 201  # other words
    with app.app_context(), database.connection_context():
        assert [k.message for k in Kudos.select().order_by(Kudos.id)] == [
            COMPOSED,
            "Merci pour le thé!",
        ]


def test_the_same_suggestion_with_a_combining_accent_or_other_capitals_is_the_first(
    app, client, make_user
):
    auth = make_user()[1]
    link = "https://acme.example/cafe"
    first = client.post(
        "/api/v1/story-suggestions", json={"line": COMPOSED, "link": link}, headers=auth
    )
    assert first.status_code == 201
    for again in (DECOMPOSED, COMPOSED.lower()):
        answer = client.post(
            "/api/v1/story-suggestions", json={"line": again, "link": link}, headers=auth
        )
        assert answer.status_code == 200, (again, answer.get_json())
        assert answer.get_json()["id"] == first.get_json()["id"]
        assert answer.get_json()["duplicate"]
    elsewhere = client.post("/api/v1/story-suggestions", json={"line": COMPOSED}, headers=auth)
    assert elsewhere.status_code == 201  # the same line without the link: another suggestion
    with app.app_context(), database.connection_context():
        assert [s.line for s in StorySuggestion.select()] == [COMPOSED, COMPOSED]


# --- An expired story ---------------------------------------------------------------------


def test_an_expired_story_offers_no_withdraw_and_refuses_one(app, client, clock, make_user):
    """An expired story's page offered "Withdraw: takes it out of Ideas", which it is out
    of already; done, it only broke the links in the posts people made. The page now says
    it ended and what can still be done; a withdrawal sent anyway is refused, saying why."""
    admin, headers = make_user("ada@example.com", role="admin", name="Ada Admin")
    ends = (clock() + timedelta(hours=2)).isoformat().replace("+00:00", "Z")
    story = post_story(client, headers, ends_at=ends)
    clock.advance(hours=3)
    sign_in(client, app, admin, clock)
    url = f"/console/stories/{story['id']}"
    page = client.get(url).text
    assert "Expired" in page and 'value="withdrawn"' not in page and "Withdraw" not in page
    assert "11:00 UTC</time> and is out of Ideas" in page and "Back to draft" in page
    refused = post_form(client, url, f"{url}/state", {"status": "withdrawn"})
    assert refused.status_code == 302
    told = client.get(refused.headers["Location"]).text
    assert "This story ended on 18 Nov 2026, 11:00 UTC: it is out of Ideas already" in told
    patch = client.patch(
        f"/api/v1/stories/{story['id']}", json={"status": "withdrawn"}, headers=headers
    )
    assert patch.status_code == 409, patch.get_json()
    assert "set it back to draft" in patch.get_json()["error"]["message"]
    with app.app_context(), database.connection_context():
        assert Story.get_by_id(story["id"]).withdrawn_at is None
        assert not AuditEvent.select().where(AuditEvent.action == "story.withdraw").exists()
    # What the page offers instead works: a later end runs it again, and it can be withdrawn.
    later = (clock() + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    again = client.patch(f"/api/v1/stories/{story['id']}", json={"ends_at": later}, headers=headers)
    assert again.get_json()["state"] == "live"
    assert post_form(client, url, f"{url}/state", {"status": "withdrawn"}).status_code == 302
    assert "Withdrawn" in client.get(url).text


# --- An unknown id, whatever the body ---------------------------------------------------------

BODIES = {"empty": {}, "off contract": {"title": 5, "nonsense": 1}, "not JSON": None}
WITH_IDS = [
    ("post", "/api/v1/story-suggestions/{}/approve", "There is no pending story suggestion"),
    ("post", "/api/v1/story-suggestions/{}/decline", "There is no pending story suggestion"),
    ("patch", "/api/v1/stories/{}", "There is no story"),
    ("post", "/api/v1/stories/{}/draft-check", "There is no story"),
    ("post", "/api/v1/shares/{}/reach", "You have no share"),
]


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_an_unknown_id_is_a_404_whatever_the_body(client, make_user, body):
    """Approving suggestion 999 with `{}` answered 422 "questions must hold 2 to 4": a client
    put its body right, only to learn then that there was nothing to approve. The body was
    read before the id on every route with both (a schema's 422, a 415 for a body not sent as
    JSON); the id is now looked up first."""
    _, headers = make_user("ada@example.com", role="admin")
    for method, path, said in WITH_IDS:
        sent = {} if body is None else {"json": body}
        answer = getattr(client, method)(path.format(999), headers=headers, **sent)
        assert answer.status_code == 404, (method, path, answer.get_json())
        assert answer.get_json()["error"]["message"].startswith(f"{said} 999"), path
    # A known id with a bad body is still told about the body; no token is still a 401.
    suggestion = client.post("/api/v1/story-suggestions", json={"line": "Lyon"}, headers=headers)
    approve = f"/api/v1/story-suggestions/{suggestion.get_json()['id']}/approve"
    assert client.post(approve, json={}, headers=headers).status_code == 422
    assert client.post("/api/v1/story-suggestions/999/approve", json={}).status_code == 401

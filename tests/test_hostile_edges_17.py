"""Hostile and careless use, seventeenth round (a cold hunt on the console and the people).

- A deleted person's row keeps the address deleted-<id>@erased.invalid. Anyone could be
  invited at it first (ids are sequential), and then deleting that person failed on the
  unique email: a 500, and their data stayed. Addresses at .invalid (reserved, RFC 2606: no
  mailbox is there) are refused wherever a person is made, the import included; a deletion
  whose address an older account holds takes another.
- A people file joined from two exports (UTF-8, and one cp1252 byte) was decoded whole as
  cp1252: every accented UTF-8 name became "Ã‰milie", and Confirm renamed people so. It is
  decoded line by line.
- A story form sent twice (a double click; the form works without script) made two live
  stories, each announced to Slack and Teams; the API too. The same story by the same author
  within ten minutes is the first one (200 from the API, the console says so).
- Guidelines over 20,000 characters got the generic error page, the typed text lost; and a
  form sends line breaks as CRLF, which the browser's maxlength counted once: a text it let
  through was refused. The form comes back with the message and the text, and CRLF is one.
- The same kudos sent twice from a person's page wrote one kudos but two audit lines.
"""

from __future__ import annotations

import io
import time
from html import unescape

import pytest

from console_helpers import csrf_from, post_form, preview_import, sign_in
from firsthand.db import database
from firsthand.models import Share, User
from firsthand.stories_models import Story

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin")


@pytest.mark.parametrize(
    "email", ["deleted-2@erased.invalid", "Someone@Example.INVALID", "ann@mail.example.invalid"]
)
def test_no_one_is_invited_at_the_reserved_invalid_domain(client, admin, email):
    answer = client.post("/api/v1/users", json={"email": email, "name": "X"}, headers=admin[1])
    assert answer.status_code == 422, answer.get_json()
    assert ".invalid" in answer.get_json()["error"]["message"]


def test_the_import_flags_an_address_at_the_reserved_domain(app, client, admin, clock):
    sign_in(client, app, admin[0], clock)
    preview = preview_import(client, "email,name\ndeleted-9@erased.invalid,Ghost\n")
    assert "reserved for addresses that reach no one" in preview
    with app.app_context(), database.connection_context():
        assert not User.select().where(User.email == "deleted-9@erased.invalid").exists()


def test_a_deletion_works_when_an_older_account_holds_its_address(app, client, make_user):
    bob, bob_auth = make_user("bob@example.com")
    body = {"url": "https://blog.example.com/p/1", "network": "other"}
    assert client.post("/api/v1/shares", json=body, headers=bob_auth).status_code == 201
    squatter, _ = make_user("placeholder@example.com")
    with app.app_context(), database.connection_context():  # made before the domain was refused
        User.update(email=f"deleted-{bob.id}@erased.invalid").where(
            User.id == squatter.id
        ).execute()
    answer = client.delete(
        "/api/v1/me", json={"confirm_email": "bob@example.com"}, headers=bob_auth
    )
    assert answer.status_code in (200, 204), answer.get_json()
    with app.app_context(), database.connection_context():
        gone = User.get_by_id(bob.id)
        assert gone.erased_at is not None and gone.email.endswith("@erased.invalid")
        assert gone.email != f"deleted-{bob.id}@erased.invalid"
        assert not Share.select().where(Share.user == bob.id).exists()


def test_a_file_joined_from_two_encodings_keeps_each_lines_letters(
    app, client, make_user, admin, clock
):
    make_user("emilie@x.com", name="Émilie Roux")
    sign_in(client, app, admin[0], clock)
    data = "email,name\nemilie@x.com,Émilie Roux\n".encode() + b"zoe@x.com,Zo\xe9\n"
    page = client.get("/console/people/import/")
    sent = client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (io.BytesIO(data), "p.csv")},
        content_type="multipart/form-data",
    )
    preview = unescape(client.get(sent.headers["Location"]).text)
    assert "Ã" not in preview
    assert "Zoé" in preview
    assert "Émilie Roux →" not in preview  # nothing to rename: the name is the same


# --- A story sent twice ------------------------------------------------------------------

STORY_FORM = {
    "title": "Atlas launch",
    "context": "We shipped Atlas today.",
    "question_1": "What did you build for Atlas?",
    "question_2": "Who on your team made Atlas happen?",
    "audience": "everyone",
    "action": "publish",
}


@pytest.fixture
def receiver():
    from test_weekly_summary import Receiver

    hooks = Receiver()
    yield hooks
    hooks.close()


def test_a_story_form_sent_twice_is_one_story_announced_once(app, client, admin, clock, receiver):
    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    sign_in(client, app, admin[0], clock)
    token = csrf_from(client.get("/console/stories/new").text)
    answers = [
        client.post("/console/stories/", data={"csrf_token": token, **STORY_FORM}) for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert "already posted" in unescape(client.get(answers[1].headers["Location"]).text)
    with app.app_context(), database.connection_context():
        assert Story.select().count() == 1
    receiver.wait_for(1)
    time.sleep(0.3)
    assert len(receiver.received) == 1


def test_a_story_retried_through_the_api_answers_the_first(client, admin):
    from test_stories import story_body

    first = client.post("/api/v1/stories", json=story_body(), headers=admin[1])
    again = client.post("/api/v1/stories", json=story_body(), headers=admin[1])
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    other = client.post(
        "/api/v1/stories", json=story_body(title="Atlas, part two"), headers=admin[1]
    )
    draft = client.post("/api/v1/stories", json=story_body(status="draft"), headers=admin[1])
    assert other.status_code == 201 and draft.status_code == 201
    assert len({first.get_json()["id"], other.get_json()["id"], draft.get_json()["id"]}) == 3


def test_the_same_story_later_is_a_new_one(client, admin, clock):
    from test_stories import story_body

    first = client.post("/api/v1/stories", json=story_body(), headers=admin[1])
    clock.advance(minutes=11)
    later = client.post("/api/v1/stories", json=story_body(), headers=admin[1])
    assert later.status_code == 201 and later.get_json()["id"] != first.get_json()["id"]


# --- The guidelines' form --------------------------------------------------------------


def test_too_long_guidelines_come_back_in_the_form_with_why(app, client, admin, clock):
    sign_in(client, app, admin[0], clock)
    body = "Be kind. " * 2300  # 20,700 characters
    answer = post_form(
        client,
        "/console/analytics/guidelines",
        "/console/analytics/guidelines",
        {"title": "Our rules", "body": body},
    )
    assert answer.status_code == 422
    page = unescape(answer.text)
    assert "The text of the guidelines is too long: at most 20,000 characters" in page
    assert 'role="alert"' in page
    assert body.strip() in page and 'value="Our rules"' in page  # nothing typed is lost


def test_line_breaks_sent_as_crlf_count_once_as_the_browser_counted_them(app, client, admin, clock):
    sign_in(client, app, admin[0], clock)
    paragraph = "x" * 18 + "\r\n"  # 19 characters in the browser's count, 20 as sent
    body = paragraph * 1000  # the browser's maxlength (20,000) let 19,000 through
    answer = post_form(
        client,
        "/console/analytics/guidelines",
        "/console/analytics/guidelines",
        {"title": "Rules", "body": body},
    )
    assert answer.status_code == 302, answer.text[:300]
    shown = unescape(client.get("/console/analytics/guidelines").text)
    assert ("x" * 18 + "\n") * 3 in shown


def test_kudos_sent_twice_is_one_kudos_and_one_audit_line(app, client, make_user, admin, clock):
    from firsthand.admin_models import AuditEvent
    from firsthand.models import Kudos

    ann, _ = make_user("ann@example.com")
    sign_in(client, app, admin[0], clock)
    token = csrf_from(client.get(f"/console/people/{ann.id}").text)
    for _ in range(2):
        sent = client.post(
            f"/console/people/{ann.id}/kudos", data={"csrf_token": token, "message": "Great post!"}
        )
        assert sent.status_code == 302
    with app.app_context(), database.connection_context():
        events = AuditEvent.select().where(AuditEvent.action == "kudos.give").count()
        assert (Kudos.select().count(), events) == (1, 1)

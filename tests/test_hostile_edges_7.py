"""Hostile and careless input, seventh round (SQLite and PostgreSQL), found by probing a
running server: control characters and blank-looking letters kept in names, LinkedIn post
ids dated before LinkedIn, and a 405 for an API path that has no such resource."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console_helpers import csrf_from, sign_in
from firsthand.db import database
from firsthand.imports import plan, read_csv
from firsthand.models import Kudos, Share, Team, User
from firsthand.stories_models import Story
from firsthand.validation import field_errors
from helpers import CLOCK_START, activity_id, linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)

# Controls that are not spacing: ESC (a terminal colour or "clear screen"), BEL, backspace,
# DEL and a C1 control. Kept, they reached the CLI's output, chat announcements and pages.
CONTROLS = "\x1b[2J\x07\x08\x7f\x9b"
# Letters that show as nothing or as a blank though str.split() does not take them for
# spaces: the Hangul fillers (U+3164 alone is the well-known "invisible name"), the blank
# braille cell, the combining grapheme joiner, an emoji variation selector, the Arabic
# letter mark and the Mongolian vowel separator.
BLANKS = ["\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u034f", "\ufe0f", "\u061c", "\u180e"]


@pytest.fixture
def admin_auth(make_user) -> dict:
    return make_user(role="admin")[1]


def _rows(app, model, *where):
    with app.app_context(), database.connection_context():
        query = model.select()
        return list(query.where(*where) if where else query)


def test_control_characters_are_kept_out_of_names_and_teams(app, client, admin_auth):
    """POST /users stored "\\x1b[2J…Eve" as a person's name and team: `firsthand` commands
    that print names cleared the admin's terminal, pages showed boxes."""
    body = {"email": "eve@x.test", "name": f"Eve{CONTROLS} Adams", "team": f"Ops{CONTROLS}"}
    answer = client.post("/api/v1/users", json=body, headers=admin_auth)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["user"]["name"] == "Eve[2J Adams"
    assert answer.get_json()["user"]["team"] == "Ops[2J"
    body = {"email": "nil@x.test", "name": "\x07\x1b\x08"}
    answer = client.post("/api/v1/users", json=body, headers=admin_auth)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["details"] == [
        {"field": "name", "message": "must not be empty"}
    ]
    people = _rows(app, User, User.email.in_(["eve@x.test", "nil@x.test"]))
    assert [p.name for p in people] == ["Eve[2J Adams"]
    assert not [t.name for t in _rows(app, Team) if not t.name.isprintable()]


@pytest.mark.parametrize("blank", BLANKS, ids=[f"U+{ord(b[0]):04X}" for b in BLANKS])
def test_a_name_of_letters_that_show_nothing_is_empty(app, client, admin_auth, blank):
    """A name of Hangul fillers or a blank braille cell made a person (and a team) whom every
    list showed without a name; the zero-width characters were already refused."""
    answer = client.post(
        "/api/v1/users", json={"email": "ghost@x.test", "name": blank}, headers=admin_auth
    )
    assert answer.status_code == 422
    assert answer.get_json()["error"]["details"][0]["field"] == "name"
    body = {"email": "ghost@x.test", "name": "Gus", "team": f" {blank} "}
    assert client.post("/api/v1/users", json=body, headers=admin_auth).status_code == 201
    assert _rows(app, User, User.email == "ghost@x.test")[0].team_id is None
    with app.app_context(), database.connection_context():
        rows = plan(read_csv(f"email,name,team\nyu@x.io,{blank},{blank}\n".encode()), None, None)
    assert rows.rows[0].problems == ["name is missing"]


def test_stories_and_kudos_keep_their_words_without_control_characters(
    app, client, make_user, admin_auth
):
    """A kudos message and a story's context (several lines) kept ESC and BEL as sent: they
    went on to chat announcements and CSV downloads. Their line breaks stay."""
    colleague = make_user()[0]
    kudos = {"to_user_id": colleague.id, "message": f"Thanks{CONTROLS}\nfor the demo"}
    answer = client.post("/api/v1/kudos", json=kudos, headers=admin_auth)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["kudos"]["message"] == "Thanks[2J\nfor the demo"
    blank = {"to_user_id": colleague.id, "message": "\x07\u3164"}
    answer = client.post("/api/v1/kudos", json=blank, headers=admin_auth)
    assert answer.status_code == 422 and answer.get_json()["error"]["details"][0]["field"] == (
        "message"
    )
    story = {
        "title": f"Atlas{CONTROLS}",
        "context": f"We shipped{CONTROLS}.\n\nIt took a year.",
        "questions": ["What did you build?", f"Who helped?{CONTROLS}"],
        "everyone": True,
    }
    answer = client.post("/api/v1/stories", json=story, headers=admin_auth)
    assert answer.status_code == 201, answer.get_json()
    made = answer.get_json()
    assert (made["title"], made["context"]) == ("Atlas[2J", "We shipped[2J.\n\nIt took a year.")
    assert made["questions"] == ["What did you build?", "Who helped?[2J"]
    edit = {"context": f"\x1b{CONTROLS}Later."}
    answer = client.patch(f"/api/v1/stories/{made['id']}", json=edit, headers=admin_auth)
    assert answer.status_code == 200 and answer.get_json()["context"] == "[2JLater."
    answer = client.post("/api/v1/stories", json={**story, "title": "\u3164"}, headers=admin_auth)
    assert answer.status_code == 422
    assert [k.message for k in _rows(app, Kudos)] == ["Thanks[2J\nfor the demo"]
    assert [s.title for s in _rows(app, Story)] == ["Atlas[2J"]


def test_a_console_invite_keeps_control_characters_out(app, client, make_user, clock):
    admin = make_user(role="admin", name="Ada")[0]
    sign_in(client, app, admin, clock)
    page = client.get("/console/people/invite")
    form = {"csrf_token": csrf_from(page.text), "email": "ray@x.test", "name": "Ray\x1b\x07"}
    answer = client.post("/console/people/invite", data=form)
    assert answer.status_code == 200, answer.text[:300]
    assert [ray.name for ray in _rows(app, User, User.email == "ray@x.test")] == ["Ray"]
    form["email"], form["name"] = "bel@x.test", "\x07\x1b"
    answer = client.post("/console/people/invite", data=form)
    assert answer.status_code == 422 and "text/html" in answer.content_type
    assert _rows(app, User, User.email == "bel@x.test") == []


LINKEDIN_OPENED = datetime(2003, 5, 5, tzinfo=UTC)
Y1999, Y2001 = datetime(1999, 1, 1, tzinfo=UTC), datetime(2001, 9, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/feed/update/urn:li:activity:4194304000/",  # 1970, 1 s in
        linkedin_url(1, LINKEDIN_OPENED - timedelta(days=1)),
        f"https://www.linkedin.com/feed/update/urn:li:share:{10**18}/",  # 1977
        f"https://www.linkedin.com/posts/jane_hello-activity-{activity_id(2, Y1999)}-Ab",
        f"https://www.linkedin.com/feed/update/urn:li:ugcPost:{activity_id(3, Y2001)}/",
    ],
    ids=["1970", "the day before LinkedIn", "1977 share", "1999 slug", "2001 ugcPost"],
)
def test_a_linkedin_post_id_dated_before_linkedin_is_refused(app, client, make_user, url):
    """The top bits of a LinkedIn id are the millisecond it was minted; an id from the future
    was refused as made up, but one from 1970 was logged, as a post "from" 1970 (stale, no
    points, yet on the person's list of shares)."""
    auth = make_user()[1]
    answer = client.post("/api/v1/shares", json={"url": url, "network": "linkedin"}, headers=auth)
    assert answer.status_code == 422, answer.get_json()
    error = answer.get_json()["error"]
    assert error["code"] == "validation_failed" and "cannot exist" in error["message"]
    assert error["details"] == [
        {"field": "url", "message": "names a LinkedIn post id that cannot exist (it would be "
         "from before 2003)"}
    ]  # fmt: skip
    assert _rows(app, Share) == []


def test_an_old_but_real_linkedin_post_is_still_logged(client, make_user):
    """From the day LinkedIn opened on, an old post is a real one: logged, as stale."""
    auth = make_user()[1]
    for n, moment in enumerate([LINKEDIN_OPENED, datetime(2015, 6, 1, tzinfo=UTC)]):
        body = {"url": linkedin_url(n, moment), "network": "linkedin"}
        answer = client.post("/api/v1/shares", json=body, headers=auth)
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    assert CLOCK_START > LINKEDIN_OPENED


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/api/v1/shares//1"),
        ("PATCH", "/api/v1/shares//1"),
        ("GET", "/api/v1/shares/1//reach"),
        ("DELETE", "/api/v1/stories//1"),
        ("POST", "/api/v1/me//badges"),
        ("GET", "/api/v1/story-suggestions//1/approve"),
    ],
)
def test_a_doubled_slash_in_an_api_path_is_never_a_405(client, auth, method, path):
    """Werkzeug retried these with the slashes merged and answered 405 with the methods of
    the rule it found ("Allow: DELETE" for GET /shares//1), though that method answered 404
    at the same path: a client was told to use a method that finds nothing."""
    answer = client.open(path, method=method, headers=auth, json={})
    assert answer.status_code == 404, answer.get_json()
    assert "Allow" not in answer.headers
    assert answer.get_json()["error"] == {
        "code": "not_found",
        "message": "No such endpoint or resource.",
    }
    assert client.open("/api/v1/shares/1", method="PUT", headers=auth).status_code == 405


def _logged_share(client, auth, n: int) -> int:
    body = {"url": linkedin_url(n), "network": "linkedin"}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["share"]["id"]


def _read(client, auth, share_id: int):
    body = {"source": "feed", "counts": {"reactions": {"value": 5, "raw": "5"}}}
    return client.post(f"/api/v1/shares/{share_id}/reach", json=body, headers=auth)


def test_the_reach_of_a_deleted_share_is_not_found(client, make_user):
    """GET /shares/{id}/reach answered 200 (every count null) for a share its owner had
    deleted, while POST to it and DELETE again answered 404."""
    auth = make_user()[1]
    share_id = _logged_share(client, auth, 2)
    assert _read(client, auth, share_id).status_code == 201
    assert client.get(f"/api/v1/shares/{share_id}/reach", headers=auth).status_code == 200
    assert client.delete(f"/api/v1/shares/{share_id}", headers=auth).status_code == 200
    answer = client.get(f"/api/v1/shares/{share_id}/reach", headers=auth)
    assert answer.status_code == 404
    assert (
        answer.get_json()["error"]["message"]
        == f"You have no share {share_id} (it may be deleted)."
    )


@pytest.mark.parametrize(
    "path", ["/connect?invite=abc%00def", "/connect?invite=%ED%A0%80", "/connect/done?x=%00"]
)
def test_a_mangled_connect_link_is_a_page_not_json(client, path):
    """A connect link a mail program mangled (a NUL, a broken character) was refused by the
    input guard as a JSON body, shown raw in the browser of the person who opened it."""
    answer = client.get(path)
    assert answer.status_code == 400
    assert answer.content_type == "text/html; charset=utf-8"
    assert "This connect link is not valid" in answer.text
    assert answer.headers["Cache-Control"] == "no-store"


def test_a_tracked_link_with_a_nul_is_the_link_not_found_page(client):
    answer = client.get("/r/ab%00cd")
    assert answer.status_code == 404 and answer.content_type.startswith("text/html")
    assert "This link is not valid" in answer.text
    assert client.get("/api/v1/health?x=%00").is_json  # the API still answers in JSON


def test_the_answer_schemas_require_the_keys_every_answer_carries(client, make_user):
    """share-create.response let `story` be left out and me-export.response the reach
    snapshots, the hold-back answer and the potential reach, though every answer carries
    them (null or empty when there is nothing): a client written from the schema had to
    guard against an absence the server never sends, and a server that dropped them would
    have passed its contract check."""
    auth = make_user()[1]
    body = {"url": linkedin_url(3), "network": "linkedin"}
    for status in (201, 200):  # logged, then the retry
        answer = client.post("/api/v1/shares", json=body, headers=auth)
        assert answer.status_code == status and answer.get_json()["story"] is None
        trimmed = {k: v for k, v in answer.get_json().items() if k != "story"}
        assert field_errors("share-create.response", trimmed) == [
            {"field": "story", "message": "is required"}
        ]
    export = client.get("/api/v1/me/export", headers=auth).get_json()
    kept = ("reach_snapshots", "hold_back_answer", "potential_reach")
    trimmed = {k: v for k, v in export.items() if k not in kept}
    assert field_errors("me-export.response", trimmed) == [
        {"field": key, "message": "is required"} for key in sorted(kept)
    ]


def _many_parts(count: int) -> bytes:
    part = b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n'
    return part * count + b"--x--\r\n"


@pytest.mark.parametrize("path", ["/api/v1/shares", "/api/v1/me/question", "/api/v1/kudos"])
def test_a_form_of_many_small_fields_sent_to_the_api_is_a_415(client, auth, path):
    """61 KiB of 1,200 one-byte form fields was answered "413: the request body is over the
    64 KiB limit" (false: Werkzeug refuses a form of over 1,000 parts) before the operation
    could say what is wrong: the API takes JSON. The input guard no longer parses forms
    sent to the API, which reads none."""
    body = _many_parts(1200)
    assert len(body) < 64 * 1024
    answer = client.post(
        path, data=body, headers={**auth, "Content-Type": "multipart/form-data; boundary=x"}
    )
    assert answer.status_code == 415, answer.get_json()
    assert "Content-Type: application/json" in answer.get_json()["error"]["message"]


def test_a_pasted_link_is_stored_without_its_surrounding_spaces(app, client, make_user):
    auth = make_user()[1]
    link = linkedin_url(7)
    answer = client.post(
        "/api/v1/shares", json={"url": f" \t{link}\n ", "network": "linkedin"}, headers=auth
    )
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["share"]["url"] == link
    assert [share.url for share in _rows(app, Share)] == [link]
    blank = client.post("/api/v1/shares", json={"url": "   ", "network": "other"}, headers=auth)
    assert blank.status_code == 422 and blank.get_json()["error"]["message"]


@pytest.mark.parametrize("path", ["/guidelines?lang=%00", "/guidelines?ref=mail%00x"])
def test_a_mangled_guidelines_link_is_a_page_not_json(client, path):
    answer = client.get(path)
    assert answer.status_code == 400
    assert answer.content_type == "text/html; charset=utf-8"
    assert "NUL character" in answer.text
    assert 'href="/guidelines"' in answer.text

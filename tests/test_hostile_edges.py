"""Hostile input found by probing a running server (SQLite and PostgreSQL): each case here was
a 500, a partial write or an answer the declared contract does not list."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from console_helpers import csrf_from, sign_in
from firsthand.db import database
from firsthand.imports import plan, read_csv
from firsthand.input_guard import tidy_line
from firsthand.models import Kudos, Team, User
from firsthand.reach_models import ReachRollup, ReachSnapshot, ShareReach
from firsthand.stories_models import Story, StorySuggestion
from helpers import CLOCK_START, linkedin_url

READING_MAX = 10**12  # reach-reading.request: the largest count a reading may carry


pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.mark.parametrize(
    "method,path",
    [
        ("GET", "/api/v1/me?x=%00"),
        ("GET", "/api/v1/health?x=%00"),
        ("GET", "/api/v1/badges?x%00=1"),
        ("DELETE", "/api/v1/shares/1?x=%00"),
        ("GET", "/api/v1/stories?x=%00"),
    ],
)
def test_a_nul_in_any_query_string_is_a_declared_400(client, auth, method, path):
    """The input guard refuses a NUL in the query of every request, read or not: the 400 is
    in each operation's contract (the autouse fixture fails an undeclared status)."""
    response = client.open(path, method=method, headers=auth)
    assert response.status_code == 400
    assert "NUL" in response.get_json()["error"]["message"]


def _log(client, auth, n: int) -> int:
    body = {"url": linkedin_url(n, CLOCK_START - timedelta(hours=1)), "network": "linkedin"}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["share"]["id"]


def _reading(value: int) -> dict:
    counts = {
        name: {"value": value, "raw": f"{value:,} {name}"}
        for name in ("reactions", "comments", "reposts", "impressions")
    }
    return {"source": "feed", "counts": counts}


def test_reach_counts_up_to_the_documented_maximum_are_kept(app, client, auth):
    """A reading may carry counts up to 10^12 and a month's rollup adds every share's: on
    PostgreSQL the INTEGER columns (at most 2^31 - 1) answered 500 past that."""
    first, second = _log(client, auth, 1), _log(client, auth, 2)
    for share_id in (first, second):
        answer = client.post(
            f"/api/v1/shares/{share_id}/reach", json=_reading(READING_MAX), headers=auth
        )
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["reach"]["impressions"] == READING_MAX
    mine = client.get("/api/v1/me/reach", headers=auth).get_json()
    assert mine["months"][0]["impressions"] == 2 * READING_MAX
    with app.app_context(), database.connection_context():
        assert ReachSnapshot.select().count() == 2
        assert ShareReach.get_by_id(first).latest_impressions == READING_MAX
        assert sum(row.impressions for row in ReachRollup.select()) == 2 * READING_MAX


def test_a_csv_with_mac_line_endings_is_read_not_a_500():
    """Lines ended by '\\r' alone (Excel's "CSV (Macintosh)") were one line to csv.reader,
    which raised "new-line character seen in unquoted field": the upload answered 500."""
    rows = read_csv(b"email,name\rann@x.io,Ann\rbob@x.io,Bob\r")
    assert [(r["line"], r["email"], r["name"]) for r in rows] == [
        (2, "ann@x.io", "Ann"),
        (3, "bob@x.io", "Bob"),
    ]


def _upload(client, body: bytes, **fields: str):
    page = client.get("/console/people/import/")
    data = {"csrf_token": csrf_from(page.text), "file": (io.BytesIO(body), "people.csv")}
    return client.post(
        "/console/people/import/", data={**data, **fields}, content_type="multipart/form-data"
    )


def test_a_csv_over_64_kib_is_uploaded_within_the_import_limit(client, app, make_user, clock):
    """Imports may be 8 MiB (IMPORT_MAX_BYTES), but the input guard read every form at the
    app's 64 KiB before the import page raised its limit: any file over it was a 413."""
    admin = make_user("ada@example.com", role="admin", name="Ada", team="Office")[0]
    sign_in(client, app, admin, clock)
    body = ("email,name\n" + "".join(f"r{i}@x.io,R {i}\n" for i in range(8000))).encode()
    assert len(body) > 64 * 1024
    answer = _upload(client, body)
    assert answer.status_code == 302, answer.text[:300]
    assert "Confirm: invite 8000" in client.get(answer.headers["Location"]).text
    refused = _upload(client, b"email,name\na@x.io,A\n", note="a\x00b")
    assert refused.status_code == 400 and "NUL" in refused.text
    app.config["IMPORT_MAX_BYTES"] = 100 * 1024  # and the import's own limit still holds
    assert _upload(client, body + body).status_code == 413


@pytest.fixture
def admin_auth(make_user) -> dict:
    return make_user(role="admin")[1]


@pytest.mark.parametrize(
    "email",
    [
        "ann\u200b@x.test",  # shows as ann@x.test: a second account that looks like Ann's
        "\u202eann@x.test",
        "ann\u00ad@x.test",
        "<ann@x.test>",
        "ann,bob@x.test",  # two recipients to a mail program
        "ann@x.test;bob",
        '"ann"@x.test',
    ],
)
def test_an_email_with_invisible_or_list_characters_is_refused(app, client, admin_auth, email):
    with app.app_context(), database.connection_context():
        before = User.select().count()
    body = {"email": email, "name": "Ann"}
    answer = client.post("/api/v1/users", json=body, headers=admin_auth)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["error"]["details"][0]["field"] == "email"
    with app.app_context(), database.connection_context():
        assert User.select().count() == before


@pytest.mark.parametrize("email", ["zoë@bücher.example", "o'neil+news@x.test", "a.b-c_d@x.co"])
def test_unusual_but_real_emails_are_still_invited(client, admin_auth, email):
    answer = client.post("/api/v1/users", json={"email": email, "name": "Z"}, headers=admin_auth)
    assert answer.status_code == 201, answer.get_json()


@pytest.mark.parametrize("blank", ["\u200b", "\u200e\u200f", " \u2060 ", "\ufeff", "\u202e"])
def test_a_name_no_one_can_see_is_empty(app, client, admin_auth, blank):
    """A zero-width space alone made a person, and a team, with a name no one could see."""
    body = {"email": "zed@x.test", "name": blank}
    answer = client.post("/api/v1/users", json=body, headers=admin_auth)
    assert answer.status_code == 422 and answer.get_json()["error"]["details"][0]["field"] == "name"
    body = {"email": "zed@x.test", "name": "Zed", "team": blank}
    assert client.post("/api/v1/users", json=body, headers=admin_auth).status_code == 201
    with app.app_context(), database.connection_context():
        assert User.get(User.email == "zed@x.test").team_id is None
        assert not [team.name for team in Team.select() if not tidy_line(team.name)]
        raw = read_csv(f"email,name,team\nyu@x.io,{blank},{blank}\n".encode())
        assert plan(raw, None, None).rows[0].problems == ["name is missing"]


@pytest.mark.parametrize("blank", ["\u200b", "\u202e", "\ufeff \u2060"])
def test_text_that_nothing_in_shows_is_blank_everywhere(app, client, make_user, blank):
    """Story titles, contexts and questions, story suggestions and kudos messages of
    invisible characters alone passed their "must not be empty" checks (a blank kudos still
    gave its points)."""
    admin = make_user(role="admin")[1]
    colleague, auth = make_user()
    story = {"title": blank, "context": blank, "questions": [blank, "b?"], "everyone": True}
    answer = client.post("/api/v1/stories", json=story, headers=admin)
    assert answer.status_code == 422
    named = {fault["field"] for fault in answer.get_json()["error"]["details"]}
    assert named == {"title", "context", "questions"}
    questions = ["What did you do?", "What did\u200b you do?"]
    story = {"title": "T", "context": "C", "questions": questions, "everyone": True}
    assert client.post("/api/v1/stories", json=story, headers=admin).status_code == 422
    answer = client.post("/api/v1/story-suggestions", json={"line": blank}, headers=auth)
    assert answer.status_code == 422
    kudos = {"to_user_id": colleague.id, "message": blank}
    answer = client.post("/api/v1/kudos", json=kudos, headers=admin)
    assert (
        answer.status_code == 422 and answer.get_json()["error"]["details"][0]["field"] == "message"
    )
    with app.app_context(), database.connection_context():
        assert (Story.select().count(), StorySuggestion.select().count()) == (0, 0)
        assert Kudos.select().count() == 0


@pytest.mark.parametrize(
    "method,path",
    [("GET", "/api/v1//me"), ("POST", "/api/v1//shares"), ("DELETE", "/api/v1//shares/1")],
)
def test_a_doubled_slash_in_an_api_path_is_a_json_404_not_a_redirect(client, auth, method, path):
    """Werkzeug answered these with a 308 to the path with one slash, an HTML body and a
    Location built from the request's Host header."""
    response = client.open(path, method=method, headers={**auth, "Host": "evil.example"})
    assert response.status_code == 404 and "Location" not in response.headers
    assert response.get_json()["error"]["code"] == "not_found"


# ISO 8601 forms that Python's fromisoformat reads and RFC 3339 does not have.
NOT_RFC3339 = {
    "week date": "2026-W49-3T06:00:00Z",
    "ordinal date": "2026-336T06:00:00Z",
    "basic format": "20261202T060000Z",
    "date alone": "2026-12-02",
    "hour alone": "2026-12-02T06Z",
}


@pytest.mark.parametrize("posted_at", NOT_RFC3339.values(), ids=NOT_RFC3339.keys())
def test_iso_8601_forms_that_are_not_rfc_3339_are_a_422(client, auth, posted_at):
    body = {"url": linkedin_url(7), "network": "linkedin", "posted_at": posted_at}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["error"]["details"][0]["field"] == "posted_at"


@pytest.mark.parametrize(
    "posted_at",
    [
        "2026-11-18T08:00:00.123Z",
        "2026-11-18t08:00:00z",
        "2026-11-18T09:00+01:00",
        "2026-11-18 08:00:00",
        "2026-11-18T08:00",
    ],
)
def test_rfc_3339_and_a_time_without_its_offset_are_read(client, auth, posted_at):
    body = {"url": linkedin_url(8), "network": "linkedin", "posted_at": posted_at}
    answer = client.post("/api/v1/shares", json=body, headers=auth)
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["share"]["posted_at"].startswith("2026-11-18T08:00")


def test_a_name_keeps_its_letters_but_not_direction_overrides(app, client, admin_auth):
    """'\u202eevoN' showed as 'Nove' in the console's lists: overrides and isolates go, an
    Arabic name and an emoji joined by ZWJ stay as written."""
    for email, name, team, shown_name, shown_team in (
        ("ovr@x.test", "\u202eevoN\u202c", "\u2066Sales\u2069", "evoN", "Sales"),
        ("ar@x.test", "ليلى حداد", "فريق المبيعات", "ليلى حداد", "فريق المبيعات"),
        ("zwj@x.test", "Sam 👩\u200d💻", None, "Sam 👩\u200d💻", None),
    ):
        body = {"email": email, "name": name} | ({"team": team} if team else {})
        answer = client.post("/api/v1/users", json=body, headers=admin_auth)
        assert answer.status_code == 201, answer.get_json()
        with app.app_context(), database.connection_context():
            user = User.get(User.email == email)
            assert user.name == shown_name
            assert (user.team.name if user.team_id else None) == shown_team


@pytest.mark.parametrize(
    "again",
    [
        "https://example.com/team/./news/post-1",
        "https://example.com/team/x/../news/post-1",
        "https://example.com/team/news/%70ost%2D1",
        "https://example.com/%74eam/news/post-1/",
    ],
)
def test_one_post_in_another_spelling_is_the_same_share(client, auth, again):
    """Escaped letters and dot segments do not make another post: the second log is a
    retry, answered with the first share and no points."""
    first = client.post(
        "/api/v1/shares",
        json={"url": "https://example.com/team/news/post-1", "network": "other"},
        headers=auth,
    )
    assert first.status_code == 201
    retry = client.post("/api/v1/shares", json={"url": again, "network": "other"}, headers=auth)
    assert retry.status_code == 200, retry.get_json()
    assert retry.get_json()["share"]["id"] == first.get_json()["share"]["id"]
    assert retry.get_json()["points_awarded"] == 0


def test_a_look_alike_address_is_the_same_account(app, client, admin_auth):
    """Full-width letters or a decomposed accent spell the same address: no second account,
    and the address is stored in its one spelling."""
    first = client.post(
        "/api/v1/users", json={"email": "zoe\u0308@x.test", "name": "Zoë"}, headers=admin_auth
    )
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["user"]["email"] == "zo\u00eb@x.test"
    for again in ("ｚｏë@ｘ.ｔｅｓｔ", "ZO\u00cb@X.TEST", "zo\u00eb@x.test\u3000"):
        answer = client.post(
            "/api/v1/users", json={"email": again, "name": "Z"}, headers=admin_auth
        )
        assert answer.status_code == 409, (again, answer.get_json())
    with app.app_context(), database.connection_context():
        assert User.select().where(User.email.contains("x.test")).count() == 1

"""Hostile and careless input, third round (SQLite and PostgreSQL): each case here was a 500,
a partial write or an answer the README does not promise. The console's pages first."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, urlparse

import pytest
from test_hostile_edges import _upload

from console_helpers import csrf_from, sign_in, sign_in_link
from firsthand.admin_models import ImportBatch
from firsthand.db import database
from firsthand.imports import batch_rows, plan, read_csv
from firsthand.models import Kudos, User

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin")[0]


@pytest.fixture
def console(client, app, admin, clock):
    return sign_in(client, app, admin, clock)


def _cursor(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


# --- Console numbers, cursors and dates ---------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/console/people/?team=%C2%B2",  # '²': str.isdigit() says yes, int() says no
        "/console/audit/?person=%C2%B2",
        "/console/audit/?before=%C2%B2",
        "/console/audit/?to=9999-12-31",  # the day after it is past the year 9999
        "/console/people/?after=" + _cursor([1, "x"]),  # forged: not a (name, id) pair
        "/console/people/?after=" + _cursor(["a", "b"]),
        "/console/people/?after=" + _cursor([True, 1.5]),
        "/console/people/?before=" + _cursor([{"a": 1}, 1]),
        "/console/people/?after=" + _cursor([None, 2]),
    ],
)
def test_odd_console_query_values_are_ignored_not_a_500(console, path):
    page = console.get(path)
    assert page.status_code == 200, page.text[:300]


def test_a_far_end_date_in_the_audit_log_keeps_every_event(console, make_user):
    make_user("bob@example.com", name="Bob")
    page = console.get("/console/audit/?from=2000-01-01&to=9999-12-31")
    assert page.status_code == 200 and "ada@example.com" in page.text


def test_a_forged_people_cursor_shows_the_first_page(console, make_user):
    make_user("bob@example.com", name="Bob Bright")
    page = console.get("/console/people/?after=" + _cursor([1, "x"]))
    assert "Bob Bright" in page.text and "Ada Admin" in page.text


def test_non_ascii_digits_in_console_forms_are_not_numbers(console, app, make_user):
    bob = make_user("bob@example.com", name="Bob")[0]
    people = console.get("/console/people/")
    token = csrf_from(people.text)
    kudos = console.post(
        f"/console/people/{bob.id}/kudos",
        data={"csrf_token": token, "message": "Thanks!", "share": "\u00b2"},
    )
    assert kudos.status_code in (302, 200), kudos.text[:300]
    invite = console.post(
        "/console/people/invite",
        data={"csrf_token": token, "email": "cy@example.com", "name": "Cy", "team": "\u00b2"},
    )
    assert invite.status_code < 500, invite.text[:300]
    story = console.post(
        "/console/stories/",
        data={
            "csrf_token": token,
            "title": "News",
            "context": "What happened",
            "audience": "teams",
            "team_ids": "\u00b2",
            "question_1": "Why?",
            "question_2": "How?",
        },
    )
    assert story.status_code == 422 and "team" in story.text, story.text[:300]
    with app.app_context(), database.connection_context():
        assert Kudos.select().where(Kudos.receiver == bob.id).count() == 1


@pytest.mark.parametrize(
    "target", ["/console/\r\nSet-Cookie: a=b", "/console/\nx", "/console/\x00"]
)
def test_a_sign_in_with_control_characters_in_next_lands_home(client, app, admin, clock, target):
    """The link was spent, then the redirect to `next` failed: a 500, and a used link."""
    path = urlparse(sign_in_link(app, admin, clock)).path
    page = client.get(path + "?next=" + quote(target[:-1]))
    answer = client.post(path, data={"csrf_token": csrf_from(page.text), "next": target})
    if "\x00" in target:
        assert answer.status_code == 400  # the input guard's, before the link is spent
        return
    assert answer.status_code == 302, answer.text[:300]
    assert answer.headers["Location"].endswith("/console/")
    assert "Set-Cookie: a" not in str(answer.headers)
    assert client.get("/console/people/").status_code == 200  # signed in
    with app.app_context(), database.connection_context():
        assert User.get_by_id(admin.id).erased_at is None


# --- The CSV import -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # Excel's "Unicode Text": UTF-16 with its byte-order mark, tab-separated.
        "\ufeffemail\tname\tteam\nann@x.io\tAnn Ångström\tÉquipe\n".encode("utf-16-le"),
        "\ufeffemail,name,team\nann@x.io,Ann Ångström,Équipe\n".encode("utf-16-be"),
        # A UTF-8 file with its BOM and one byte that is not UTF-8: read as Windows text, the
        # BOM became "ï»¿" before "email", and the header a row of people.
        b"\xef\xbb\xbfemail,name,team\nann@x.io,Ann \xc5ngstr\xf6m,\xc9quipe\n",
    ],
    ids=["utf-16-le", "utf-16-be", "utf-8 bom, then cp1252"],
)
def test_a_csv_in_another_unicode_encoding_is_read(body):
    rows = read_csv(body)
    assert [(r["line"], r["email"], r["name"], r["team"]) for r in rows] == [
        (2, "ann@x.io", "Ann Ångström", "Équipe")
    ]


# --- Team names that look the same ----------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "E\u0301quipe Lyon",  # decomposed É (as macOS writes file names and some exports)
        "Équipe\u200b Lyon",  # a zero-width space
        "Équipe \uff2cyon",  # a full-width L
    ],
)
def test_a_team_spelt_with_look_alike_characters_is_the_same_team(
    app, client, make_user, console, spelling
):
    """Names differing only in case are one team; these, which look the same, were two."""
    admin_auth = make_user(role="admin")[1]
    first = client.post(
        "/api/v1/users",
        json={"email": "ann@x.io", "name": "Ann", "team": "Équipe Lyon"},
        headers=admin_auth,
    )
    again = client.post(
        "/api/v1/users",
        json={"email": "bo@x.io", "name": "Bo", "team": spelling},
        headers=admin_auth,
    )
    assert first.status_code == again.status_code == 201, again.get_json()
    with app.app_context(), database.connection_context():
        ann, bo = (User.get(User.email == e) for e in ("ann@x.io", "bo@x.io"))
        assert ann.team_id == bo.team_id
    body = f"email,name,team\ncy@x.io,Cy,{spelling}\nann@x.io,Ann,{spelling}\n".encode()
    preview = console.get(_upload(console, body).headers["Location"])
    assert "New teams to create" not in preview.text, preview.text
    with app.app_context(), database.connection_context():
        planned = plan(batch_rows(ImportBatch.get()), User.get(User.role == "admin"), None)
        assert planned.new_teams == [] and [r.action for r in planned.rows] == [
            "create",
            "unchanged",
        ]


def test_an_import_planned_before_an_erasure_leaves_the_anonymous_row_alone(
    app, admin, make_user, clock
):
    """The import read Bob (alive) for its plan, then his erasure committed before the
    import wrote him (PostgreSQL lets the two overlap): the update gave the anonymous row his
    name and a role back. Now it writes only people not erased."""
    from firsthand import imports
    from firsthand.db import write_transaction
    from firsthand.privacy import ERASED_NAME, erase_person
    from firsthand.teams import team_key

    bob = make_user("bob@example.com", name="Bob Real")[0]
    raw = read_csv(b"email,name,role\nbob@example.com,Robert Real,manager\n")
    with app.app_context(), database.connection_context():
        acting = User.get_by_id(admin.id)
        planned = plan(raw, acting, None)
        assert [r.action for r in planned.rows] == ["update"]
        erase_person(User.get_by_id(bob.id), clock(), acting)
        with write_transaction():
            teams = {team_key(t.name): t for t in imports.Team.select()}
            imports._update_person(planned.rows[0], teams, clock())
        stored = User.get_by_id(bob.id)
    assert (stored.name, stored.role) == (ERASED_NAME, "employee")


@pytest.mark.parametrize(
    "raw",
    [
        b"sep=;\r\nE-mail;Name;Team\r\nann@x.io;Ann;Ops, Paris\r\n",  # ',' inside a cell
        b'SEP=,\nemail,name,team\nann@x.io,Ann,"Ops, Paris"\n',
        "sep=\t\nemail\tname\tteam\nann@x.io\tAnn\tOps, Paris\n".encode("utf-16"),
    ],
    ids=["semicolon", "comma", "utf-16 tab"],
)
def test_excels_delimiter_line_is_read_not_imported(raw):
    """Excel writes "sep=;" as a CSV's first line and shows no row for it: it made a problem
    row of its own and the real header another (and the file's delimiter was guessed)."""
    rows = read_csv(raw)
    assert rows == [
        {"line": 2, "email": "ann@x.io", "name": "Ann", "team": "Ops, Paris", "role": ""}
    ]


def test_a_tracked_link_keeps_the_storys_own_parameters_as_written(client, make_user):
    """The redirect decoded the link's query and encoded it again: "?r" became "r=", ";"
    "%3B" and a Latin-1 "%E9" the replacement character's UTF-8, another address on the
    sites that read them. Now only old UTM parameters go, whatever their case."""
    from test_stories import post_story

    admin = make_user("boss@example.com", role="admin", team="Office")[1]
    employee = make_user("sam@example.com", team="Office")[1]
    link = "https://acme.example/p?r&q=caf%E9;x=1&UTM_Source=old&a=b+c%2B#top"
    story = post_story(client, admin, link=link)
    listed = client.get("/api/v1/stories", headers=employee).get_json()["data"][0]
    answer = client.get(listed["tracked_link"].removeprefix("http://localhost"))
    assert answer.status_code == 302
    assert answer.headers["Location"] == (
        "https://acme.example/p?r&q=caf%E9;x=1&a=b+c%2B&utm_source=firsthand"
        f"&utm_medium=employee_share&utm_campaign=story-{story['id']}-atlas-is-live#top"
    )

"""Hostile and careless use, sixth round (SQLite and PostgreSQL): a manager reaching past their
role, figures that single out someone the page means to hide, and an answer that names
someone it should not."""

from __future__ import annotations

import csv
import io
import re
import socket

import pytest
from test_hostile_edges import _reading, _upload

from console_helpers import csrf_from, sign_in
from firsthand.db import database
from firsthand.models import User
from firsthand.people import deactivate, update_person
from firsthand.teams import add_manager
from helpers import linkedin_url

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


@pytest.fixture
def marketing(app, make_user, clock):
    """Meg manages Marketing, where Ada (an admin), Mo (another manager) and Em work."""
    meg = make_user("meg@example.com", role="manager", name="Meg", team="Marketing")[0]
    ada = make_user("ada@example.com", role="admin", name="Ada", team="Marketing")[0]
    mo = make_user("mo@example.com", role="manager", name="Mo", team="Marketing")[0]
    em = make_user("em@example.com", name="Em", team="Marketing")[0]
    with app.app_context(), database.connection_context():
        add_manager(meg.team, meg, clock(), None)
        add_manager(meg.team, mo, clock(), None)
    return meg, ada, mo, em


def _row(app, user_id: int) -> User:
    with app.app_context(), database.connection_context():
        return User.get_by_id(user_id)


# --- A manager and the accounts of admins and other managers ------------------------------


def test_a_manager_cannot_take_an_admins_or_a_fellow_managers_account(
    client, app, marketing, clock
):
    """A manager could press "New connect link" on the page of an admin in a team they manage
    and open it: an API token with the admin's role (POST /users could then make them
    admins). They could also deactivate that admin, or rename them. The employees of their
    teams, and their own account, stay theirs to look after."""
    meg, ada, mo, em = marketing
    sign_in(client, app, meg, clock)
    for person in (ada, mo):
        page = client.get(f"/console/people/{person.id}")
        assert page.status_code == 200  # they may still see them, and thank them
        assert "New connect link" not in page.text and "Deactivate" not in page.text
        assert f"Only admins can change a {person.role}" in page.text
        token = csrf_from(page.text)
        for action in ("connect-link", "deactivate", "reactivate", ""):
            path = f"/console/people/{person.id}" + (f"/{action}" if action else "")
            answer = client.post(path, data={"csrf_token": token, "name": "Taken"})
            assert answer.status_code == 403, path
            assert "Only admins can change" in answer.text
            assert "connect?invite=" not in answer.text
        after = _row(app, person.id)
        assert (after.name, after.deactivated_at, after.invites_used) == (person.name, None, 0)
    for person in (em, meg):
        page = client.get(f"/console/people/{person.id}")
        link = client.post(
            f"/console/people/{person.id}/connect-link", data={"csrf_token": csrf_from(page.text)}
        )
        assert link.status_code == 200 and "connect?invite=" in link.text


def test_an_import_gives_a_manager_no_link_to_someone_made_an_admin_since(
    client, app, marketing, clock
):
    """The connect links of an import's people who have not connected yet came for everyone
    it invited, whatever they had become since: made an admin, or moved to a team the
    manager does not manage. And a manager's import could rename an admin of their team."""
    meg, ada, _, _ = marketing
    sign_in(client, app, meg, clock)
    body = b"email,name,team\npat@example.com,Pat,Marketing\nkim@example.com,Kim,Marketing\n"
    preview = client.get(_upload(client, body).headers["Location"])
    confirmed = client.post(preview.request.path, data={"csrf_token": csrf_from(preview.text)})
    assert confirmed.status_code == 302
    with app.app_context(), database.connection_context():
        pat = User.get(User.email == "pat@example.com")
        update_person(pat, clock(), None, role="admin")
    result_page = client.get(confirmed.headers["Location"])
    links = client.post(
        confirmed.headers["Location"].removesuffix("/done") + "/links.csv",
        data={"csrf_token": csrf_from(result_page.text)},
    )
    rows = list(csv.reader(io.StringIO(links.data.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["kim@example.com"]
    renamed = client.get(
        _upload(client, b"email,name,team\nada@example.com,Not Ada,Marketing\n").headers["Location"]
    )
    assert "a manager or an admin: only admins can change them" in renamed.text
    client.post(renamed.request.path, data={"csrf_token": csrf_from(renamed.text)})
    assert _row(app, ada.id).name == "Ada"


# --- Figures that single someone out ------------------------------------------------------


def _log_with_reach(client, headers, n: int, impressions: int) -> None:
    answer = client.post(
        "/api/v1/shares", json={"url": linkedin_url(n), "network": "linkedin"}, headers=headers
    )
    assert answer.status_code == 201, answer.get_json()
    share = answer.get_json()["share"]["id"]
    reading = client.post(
        f"/api/v1/shares/{share}/reach", json=_reading(impressions), headers=headers
    )
    assert reading.status_code == 201, reading.get_json()


def _csv_rows(client, name: str) -> list[list[str]]:
    answer = client.get(f"/console/analytics/{name}.csv")
    return list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))[1:]


def test_reach_by_network_less_reach_by_team_is_not_one_persons_reach(
    client, app, make_user, clock
):
    """Lena alone is Legal (and off the boards): her team folds into "Other teams", which is
    left out as itself too small. Reach by network still counted her, so its total less the
    teams shown was her impressions (777)."""
    admin = make_user("ada@example.com", role="admin", team="Sales")[0]
    for k in range(3):
        _log_with_reach(client, make_user(f"s{k}@example.com", team="Sales")[1], k, 100)
    lena = make_user("lena@example.com", name="Lena", team="Legal")[1]
    _log_with_reach(client, lena, 9, 777)
    client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=lena)  # no top post
    sign_in(client, app, admin, clock)
    by_team = {row[0]: int(row[-1]) for row in _csv_rows(client, "reach_by_team")}
    by_network = {row[0]: int(row[-1]) for row in _csv_rows(client, "reach_by_network")}
    assert by_team == {"Sales": 300} and by_network == {"linkedin": 300}
    assert "777" not in client.get("/console/analytics/").text


# --- Answers that name someone ------------------------------------------------------------


def test_kudos_to_a_deactivated_colleague_do_not_say_their_name(client, app, make_user, clock):
    """Any employee may send kudos to any id: the refusal for someone deactivated named them,
    so trying ids one by one listed the names of people who left."""
    _, headers = make_user("ann@example.com")
    gone = make_user("zed@example.com", name="Zed Quill")[0]
    with app.app_context(), database.connection_context():
        deactivate(gone, clock(), None)
    answer = client.post(
        "/api/v1/kudos", json={"to_user_id": gone.id, "message": "Thanks!"}, headers=headers
    )
    assert answer.status_code == 422
    assert answer.get_json()["error"]["code"] == "deactivated_user"
    assert not re.search("Zed|Quill", answer.text)


def test_finding_someone_to_thank_does_not_tell_a_manager_who_else_is_here(
    client, app, marketing, make_user, clock
):
    """Recognition → find by email told a manager "No user with the email …" for an unknown
    address and "You can only recognise people in the teams you manage" for someone in
    another team: whether an address is in the program, one guess at a time."""
    meg, _, _, em = marketing
    make_user("sam@example.com", team="Sales")
    sign_in(client, app, meg, clock)
    token = csrf_from(client.get("/console/recognition/").text)
    answers = []
    for email in ("sam@example.com", "nobody@example.com"):
        answer = client.post(
            "/console/recognition/find",
            data={"csrf_token": token, "email": email},
            follow_redirects=True,
        )
        answers.append(re.findall(r'role="alert"[^>]*>([^<]*)', answer.text))
    assert answers[0] == answers[1] == ["No one with that email is in the teams you manage."]
    found = client.post("/console/recognition/find", data={"csrf_token": token, "email": em.email})
    assert found.headers["Location"].endswith(f"/console/people/{em.id}#kudos")


# --- Headers ------------------------------------------------------------------------------


def _get_me(base: str, authorizations: list[str]) -> tuple[str, str]:
    """GET /api/v1/me on the real server with these Authorization headers, as sent."""
    host, port = base.removeprefix("http://").split(":")
    head = "".join(f"Authorization: {value}\r\n" for value in authorizations)
    with socket.create_connection((host, int(port)), timeout=5) as conn:
        conn.sendall(
            f"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{head}\r\n".encode()
        )
        answer = b"".join(iter(lambda: conn.recv(65536), b"")).decode()
    status, _, body = answer.partition("\r\n\r\n")
    return status.split("\r\n")[0], body


def test_an_authorization_header_sent_twice_is_said_to_be_so(app, live_server, make_user):
    """Two Authorization headers (a proxy adding its own, a client setting it twice) reach
    the app joined by a comma, and the answer was "The token is not valid: reconnect with a
    new link", though the token was good and a new link would change nothing."""
    token = make_user("ann@example.com")[1]["Authorization"]
    for pair in ([token, token], [token, "Bearer other"]):
        status, body = _get_me(live_server, pair)
        assert status.endswith("401 UNAUTHORIZED") and "sent twice?" in body, body
        assert "reconnect" not in body
    assert _get_me(live_server, [token])[0].endswith("200 OK")


def test_someone_to_thank_is_found_by_name_within_ones_own_teams(
    client, app, marketing, make_user, clock
):
    """Recognition took an exact email only, where a comms admin knows a name: one match
    opens their page at the kudos form, several the People list of them, none says so, and a
    manager never finds someone outside their teams."""
    meg, _, _, em = marketing
    make_user("sam@example.com", team="Sales", name="Sam Emerson")
    sign_in(client, app, meg, clock)
    token = csrf_from(client.get("/console/recognition/").text)

    def find(who: str):
        return client.post("/console/recognition/find", data={"csrf_token": token, "who": who})

    first_word = em.name.split()[0]
    assert (
        find(f"  {first_word.lower()} ")
        .headers["Location"]
        .endswith(f"/console/people/{em.id}#kudos")
    )
    mo = marketing[2]
    assert find("MO").headers["Location"].endswith(f"/console/people/{mo.id}#kudos")
    assert find("m").headers["Location"].endswith("/console/people/?q=m")  # Meg, Mo, Em
    outside = client.get(find("Emerson").headers["Location"]).text  # Sam is in Sales
    assert "No one active in the teams you manage has a name with “Emerson”." in outside
    assert find("").status_code == 302
    assert "Type their name or email." in client.get("/console/recognition/").text

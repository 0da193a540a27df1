"""Hostile and careless use, sixth round (SQLite and PostgreSQL): a manager reaching past their
role, figures that single out someone the page means to hide, and an answer that names
someone it should not."""

from __future__ import annotations

import csv
import io

import pytest
from test_hostile_edges import _upload

from console_helpers import csrf_from, sign_in
from firsthand.db import database
from firsthand.models import User
from firsthand.people import update_person
from firsthand.teams import add_manager

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
    links = client.get(confirmed.headers["Location"].removesuffix("/done") + "/links.csv")
    rows = list(csv.reader(io.StringIO(links.data.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["kim@example.com"]
    renamed = client.get(
        _upload(client, b"email,name,team\nada@example.com,Not Ada,Marketing\n").headers["Location"]
    )
    assert "a manager or an admin: only admins can change them" in renamed.text
    client.post(renamed.request.path, data={"csrf_token": csrf_from(renamed.text)})
    assert _row(app, ada.id).name == "Ada"

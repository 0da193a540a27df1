"""Deleting a person forgets them wherever they are named, in whatever spelling, and only them
(a cold hunt):

- Another admin's people file kept the rows of anyone whose address it spelt otherwise than
  the account stores it (ÉMILE@EXAMPLE.COM, full-width ＢＯＢ@…, the DNS spelling of a domain):
  the database's LIKE folds ASCII only, and that search was the only gate.
- A colleague whose address holds the deleted one (jordan@… holds dan@…) was forgotten too: in
  the audit log (as a manager a team gained) and in people files.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from console_helpers import confirm_import, preview_import, sign_in
from firsthand.addresses import names_address
from firsthand.admin_models import AuditEvent, ImportBatch
from firsthand.db import database
from firsthand.models import Team, User
from firsthand.privacy import erase_person
from firsthand.teams import add_manager


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", name="Ada Admin", role="admin", team="Ops")


def erase(app, clock, email: str, actor) -> None:
    with app.app_context(), database.connection_context():
        erase_person(User.get(User.email == email), clock(), actor)


def words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def kept_rows(app) -> str:
    with app.app_context(), database.connection_context():
        return " ".join(b.rows for b in ImportBatch.select())


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("ÉMILE@EXAMPLE.COM", "émile@example.com"),
        ("ＢＯＢ@example.com", "bob@example.com"),
        ("ann@xn--bcher-kva.example", "ann@bücher.example"),
    ],
)
def test_a_deleted_person_spelt_otherwise_in_a_people_file_leaves_no_row_there(
    app, client, admin, clock, written, stored
):
    sign_in(client, app, admin[0], clock)
    preview = preview_import(
        client, f"email,name,team\n{written},Secret Name,Sales\ncarl@example.com,Carl,Sales\n"
    )
    confirm_import(client, app, preview)
    erase(app, clock, stored, admin[0])
    kept = kept_rows(app)
    assert "Secret" not in kept and written not in kept
    assert "carl@example.com" in kept  # the others' rows stay


def test_an_unconfirmed_preview_no_longer_offers_a_deleted_person(
    app, client, admin, make_user, clock
):
    make_user("x.person@bücher.example", name="Xavier Private", team="Sales")
    sign_in(client, app, admin[0], clock)
    preview = preview_import(
        client, "email,name,team\nX.PERSON@xn--bcher-kva.example,Xavier Private,Sales\n"
    )
    assert "1 already up to date" in words(preview)
    erase(app, clock, "x.person@bücher.example", admin[0])
    with app.app_context(), database.connection_context():
        batch = ImportBatch.get()
    again = words(client.get(f"/console/people/import/{batch.id}").text)
    assert "Xavier" not in again and "1 to invite" not in again
    assert "Xavier" not in kept_rows(app)


def test_deleting_dan_keeps_jordan_s_rows_in_a_people_file(app, client, admin, clock):
    sign_in(client, app, admin[0], clock)
    preview = preview_import(
        client, "email,name,team\ndan@example.com,Dan Short,Sales\njordan@example.com,Jordan,Ops\n"
    )
    confirm_import(client, app, preview)
    erase(app, clock, "dan@example.com", admin[0])
    kept = kept_rows(app)
    assert "Dan Short" not in kept
    assert "jordan@example.com" in kept and "Jordan" in kept


def test_deleting_dan_keeps_jordan_named_in_the_audit_log_and_his_export(
    app, client, admin, make_user, clock
):
    dan = make_user("dan@example.com", name="Dan Short", role="manager", team="Sales")
    jordan = make_user("jordan@example.com", name="Jordan Long", role="manager", team="Ops")
    with app.app_context(), database.connection_context():
        for team, person in (("Ops", jordan), ("Sales", dan)):
            add_manager(Team.get(Team.name == team), User.get_by_id(person[0].id), clock(), None)
    erase(app, clock, "dan@example.com", admin[0])
    with app.app_context(), database.connection_context():
        managers = [
            json.loads(e.details).get("manager")
            for e in AuditEvent.select().where(AuditEvent.action == "team.add_manager")
        ]
    assert "jordan@example.com" in managers
    assert "dan@example.com" not in managers
    assert f"deleted person #{dan[0].id}" in managers
    history = client.get("/api/v1/me/export", headers=jordan[1]).get_json()["account_history"]
    assert {"manager": "jordan@example.com"} in [h["details"] for h in history]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("dan@example.com", True),
        ("  DAN@EXAMPLE.COM ", True),
        ("Dan Short <dan@example.com>", True),
        ("write to dan@example.com.", True),
        ("dan@xn--bcher-kva.example", False),
        ("jordan@example.com", False),
        ("dan@example.com.au", False),
        ("Jordan <jordan@example.com>", False),
        ("Dan Short", False),
        # In prose (a code review: the old substring test found these, the first cut did not).
        ("write to dan@example.com!", True),
        ("“dan@example.com”", True),
        ("dan@example.com's post", True),
        ("Was it dan@example.com?", True),
        ("(dan@example.com)", True),
        ("jordan@example.com's post", False),
    ],
)
def test_an_address_is_named_only_whole(text, named):
    assert names_address(text, "dan@example.com") is named


def test_a_long_cell_without_an_address_is_read_in_one_pass():
    # Tried at every start of a run with no "@", 20,000 characters took 4.6 s; a CSV cell may
    # hold 131,072. Read once now (no timing asserted: this returns, and says no).
    assert names_address("a" * 131_072, "dan@example.com") is False
    assert names_address("a." * 65_536 + "@", "dan@example.com") is False

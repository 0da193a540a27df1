"""Hostile and careless use, twentieth round (a cold hunt on the privacy promises: drafts,
opting out, deleting and exporting one's data). Drafts were never stored or logged; these
were the gaps:

- A deleted manager or admin stayed named in the audit log: as the one who acted ("Mary
  Manager <mary@…> signed in to the console"), searchable by it, and as the manager a team
  gained or lost. The log keeps what was done; by whom becomes "deleted person #id".
- Someone invited by another admin's people file stayed in that file's kept rows.
- A deleted share kept its text while the export listed only its address and dates: the
  words go when the share does, and the export lists what stays.
- A manager of a team of one saw that person's own weekly figures (participation, the
  three groups, the own-voice ratio): with fewer people in view than the smallest group
  shown, those tables are not shown.
"""

from __future__ import annotations

import json
import uuid

import pytest
from test_stories import story_body

from console_helpers import confirm_import, preview_import, sign_in
from firsthand import create_app
from firsthand.accounts import create_user
from firsthand.admin_models import AuditEvent, ImportBatch
from firsthand.auth import issue_token
from firsthand.db import database, migrate
from firsthand.models import Share, Team, User
from firsthand.privacy import erase_person
from firsthand.teams import add_manager
from helpers import linkedin_url


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", name="Ada Admin", role="admin", team="Ops")


def erase(app, clock, user_id: int, actor) -> None:
    with app.app_context(), database.connection_context():
        erase_person(User.get_by_id(user_id), clock(), actor)


def test_a_deleted_manager_is_named_nowhere_in_the_audit_log(app, client, admin, make_user, clock):
    mary = make_user("mary@example.com", name="Mary Manager", role="manager", team="Sales")
    sign_in(client, app, mary[0], clock)  # an event Mary is the actor of
    with app.app_context(), database.connection_context():
        solo = Team.create(name="Solo", created_at=clock())
        add_manager(solo, User.get_by_id(mary[0].id), clock(), admin[0])  # her address in details
    erase(app, clock, mary[0].id, admin[0])
    with app.app_context(), database.connection_context():
        rows = list(AuditEvent.select())
        text = " ".join(
            f"{e.actor_label} {e.actor_label_folded} {e.target_label} {e.details}" for e in rows
        )
        assert "mary" not in text.casefold()
        assert f"deleted person #{mary[0].id}" in text
        actions = {e.action for e in rows}
        assert {"console.sign_in", "team.add_manager", "person.erase"} <= actions  # kept
        solo_event = AuditEvent.get(
            AuditEvent.action == "team.add_manager", AuditEvent.target_id == solo.id
        )
        assert json.loads(solo_event.details) == {"manager": f"deleted person #{mary[0].id}"}
    sign_in(client, app, admin[0], clock)
    assert "No changes match." in client.get("/console/audit/?actor=mary").text
    page = client.get("/console/audit/").text
    assert "Mary" not in page and "mary@example.com" not in page


def test_a_deleted_person_leaves_no_row_in_another_admin_s_people_file(app, client, admin, clock):
    sign_in(client, app, admin[0], clock)
    preview = preview_import(
        client, "email,name,team\nivy@example.com,Ivy Imported,Sales\njon@example.com,Jon,Sales\n"
    )
    confirm_import(client, app, preview)
    with app.app_context(), database.connection_context():
        ivy = User.get(User.email == "ivy@example.com")
    erase(app, clock, ivy.id, admin[0])
    with app.app_context(), database.connection_context():
        kept = " ".join(b.rows for b in ImportBatch.select())
    assert "ivy" not in kept.casefold() and "jon@example.com" in kept


def test_a_deleted_share_keeps_no_words_and_the_export_lists_what_stays(client, make_user):
    me = make_user("bob@example.com")[1]
    body = {
        "url": linkedin_url(4) + "?utm_source=share",
        "network": "linkedin",
        "text": "Bobsecretmarker: my week at the plant",
    }
    share = client.post("/api/v1/shares", json=body, headers=me).get_json()["share"]
    assert client.delete(f"/api/v1/shares/{share['id']}", headers=me).status_code == 200
    with database.connection_context():
        row = Share.get_by_id(share["id"])
    assert row.text is None and row.url == row.canonical_url
    export = client.get("/api/v1/me/export", headers=me).get_json()
    assert "Bobsecretmarker" not in json.dumps(export)
    [gone] = export["deleted_shares"]
    assert gone["canonical_url"] == row.canonical_url
    assert gone["network"] == "linkedin" and gone["posted_at"] is None
    again = client.post("/api/v1/shares", json=body, headers=me)
    assert again.status_code == 409  # deleted, the post still cannot be logged again


def test_a_manager_of_a_team_of_one_sees_no_figures_that_are_that_person_s(
    app, client, make_user, clock
):
    olga = make_user("olga@example.com", name="Olga Alone", team="Solo")
    client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=olga[1])
    client.post(
        "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=olga[1]
    )
    nick = make_user("nick@example.com", name="Nick Manager", role="manager")
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Solo"), User.get_by_id(nick[0].id), clock(), None)
    sign_in(client, app, nick[0], clock)
    for name in ("participation", "groups", "own_voice"):
        table = client.get(f"/console/analytics/{name}.csv").text.strip().splitlines()
        assert len(table) == 1, (name, table)  # the heading only
    page = client.get("/console/analytics/").text
    assert "fewer than 3 people are in view" in page
    assert "data-nothing-yet" not in page  # hidden is not empty


def test_a_story_s_draft_check_is_rate_limited_as_suggestions_are(tmp_path, monkeypatch, clock):
    """It read drafts without limit (140 in a burst, each 200): drafts are read at the rate
    /suggestions allows, per person."""
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path}/l.db",
            "CLOCK": clock,
            "RATELIMIT_SUGGESTIONS": "3/minute",
            "RATELIMIT_KEY_PREFIX": f"firsthand-test-{uuid.uuid4().hex}",
        }
    )
    migrate(database.obj)
    with app.app_context(), database.connection_context():
        ada = create_user("ada@example.com", "Ada", clock(), role="admin")
        sam = create_user("sam@example.com", "Sam", clock())
        admin, me = ({"Authorization": f"Bearer {issue_token(u)}"} for u in (ada, sam))
    client = app.test_client()
    story = client.post("/api/v1/stories", json=story_body(), headers=admin).get_json()
    path = f"/api/v1/stories/{story['id']}/draft-check"
    draft = {"text": "Proud of what my team built for Atlas this year."}
    answers = [client.post(path, json=draft, headers=me).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.post(path, json=draft, headers=admin).status_code == 200  # per person


def test_a_hidden_table_says_why_once(app, client, make_user, clock):
    make_user("olga@example.com", name="Olga Alone", team="Solo")
    nick = make_user("nick@example.com", name="Nick Manager", role="manager")
    with app.app_context(), database.connection_context():
        add_manager(Team.get(Team.name == "Solo"), User.get_by_id(nick[0].id), clock(), None)
    sign_in(client, app, nick[0], clock)
    page = client.get("/console/analytics/").text
    for name in ("participation", "groups", "own_voice"):
        assert f'data-empty="{name}"' not in page  # not also "Not enough data to show yet"

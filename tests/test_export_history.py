"""A person's export holds the audit log's entries about them (what admins changed on their
account, the links issued for them, the teams they manage) and when their invite was used; the
console's audit page names the details in words, not as their keys."""

from __future__ import annotations

from html import unescape

from console_helpers import sign_in
from firsthand.auth import issue_invite, issue_token, use_invite
from firsthand.db import database
from firsthand.models import Team, User
from firsthand.people import update_person
from firsthand.teams import add_manager


def _connect(app, user, clock) -> dict:
    """Spend a connect link as the connect page does; the token it gives."""
    with app.app_context(), database.connection_context():
        connected = use_invite(issue_invite(User.get_by_id(user.id)), 14, clock())
        return {"Authorization": f"Bearer {issue_token(connected)}"}


def test_the_export_holds_what_was_done_to_the_account_and_by_whom_in_roles(
    app, client, make_user, clock
):
    admin, _ = make_user("root@example.com", role="admin", team=None, name="Root Admin")
    ann, _ = make_user("ann@example.com", role="manager", team="Sales", name="Ann")
    # Another manager whose address holds Ann's: their events are not Ann's.
    jo, _ = make_user("joann@example.com", role="manager", team="Eng", name="Jo")
    clock.advance(hours=2)
    headers = _connect(app, ann, clock)
    with app.app_context(), database.connection_context():
        eng = Team.get(Team.name == "Eng")
        root = User.get_by_id(admin.id)
        update_person(User.get_by_id(ann.id), clock(), root, name="Ann Smith")
        add_manager(eng, User.get_by_id(ann.id), clock(), root)
        add_manager(Team.get(Team.name == "Sales"), User.get_by_id(jo.id), clock(), root)

    data = client.get("/api/v1/me/export", headers=headers).get_json()
    assert data["profile"]["invite_used_at"] is not None
    assert data["profile"]["invited_at"] < data["profile"]["invite_used_at"]
    history = data["account_history"]
    changed = [e for e in history if e["action"] == "person.update"]
    assert changed and changed[0]["details"] == {"name": ["Ann", "Ann Smith"]}
    assert changed[0]["by"] == "an admin or manager" and changed[0]["about"] == "you"
    managed = [e for e in history if e["action"] == "team.add_manager"]
    # Sales made her its manager at her invite; Eng by the admin; never Jo's Sales.
    assert [e["about"] for e in managed] == ["Sales", "Eng"]
    assert all(e["details"]["manager"] == "ann@example.com" for e in managed)
    assert "Root Admin" not in str(history) and "root@example.com" not in str(history)
    assert "joann" not in str(history)
    assert [e["at"] for e in history] == sorted(e["at"] for e in history)


def test_the_audit_page_names_the_details_in_words(app, client, make_user, clock):
    admin, _ = make_user("root@example.com", role="admin", team=None, name="Root Admin")
    ann, _ = make_user("ann@example.com", team="Sales", name="Ann")
    with app.app_context(), database.connection_context():
        update_person(User.get_by_id(ann.id), clock(), User.get_by_id(admin.id), role="manager")
    sign_in(client, app, admin, clock)
    page = unescape(client.get("/console/audit/").text)
    assert "Role: employee → manager" in page
    assert "role:" not in page


def test_a_storys_two_questions_and_teams_are_not_read_as_a_change(app, client, make_user, clock):
    # A cold check: every two-item list read "before → after" ("Audience: 1 → 2").
    from test_stories import post_story

    admin, headers = make_user("root@example.com", role="admin", team="Sales", name="Root")
    make_user("eve@example.com", team="Eng", name="Eve")
    story = post_story(client, headers)
    with app.app_context(), database.connection_context():
        teams = [t.id for t in Team.select().order_by(Team.name)]
    body = {"questions": ["What did you build?", "Who helped you?"], "everyone": False}
    answer = client.patch(
        f"/api/v1/stories/{story['id']}", json={**body, "team_ids": teams}, headers=headers
    )
    assert answer.status_code == 200, answer.get_json()
    sign_in(client, app, admin, clock)
    page = unescape(client.get("/console/audit/?action=story.update").text)
    assert "Questions: “What did you build?” “Who helped you?”" in page
    assert "For: Eng, Sales" in page and "→" not in page.split("<tbody>")[1]


def test_a_manager_moved_by_a_team_merge_has_it_in_their_history(app, client, make_user, clock):
    # A cold check: a merge moved Sales's manager to Eng and wrote no entry saying so.
    from firsthand.teams import merge_teams

    admin, _ = make_user("root@example.com", role="admin", team=None, name="Root Admin")
    ann, _ = make_user("ann@example.com", role="manager", team="Sales", name="Ann")
    jo, _ = make_user("jo@example.com", role="manager", team="Eng", name="Jo")
    headers = {"ann": _connect(app, ann, clock), "jo": _connect(app, jo, clock)}
    clock.advance(hours=1)
    with app.app_context(), database.connection_context(), database.atomic():
        sales, eng = Team.get(Team.name == "Sales"), Team.get(Team.name == "Eng")
        merge_teams(sales, eng, clock(), User.get_by_id(admin.id))

    def managed(who: str) -> list[tuple]:
        history = client.get("/api/v1/me/export", headers=headers[who]).get_json()
        return [
            (e["about"], e["details"].get("merged"), e["by"])
            for e in history["account_history"]
            if e["action"] == "team.add_manager"
        ]

    assert managed("ann") == [
        ("Sales", None, "the command line"),
        ("Eng", "Sales", "an admin or manager"),
    ]
    assert managed("jo") == [("Eng", None, "the command line")]  # Eng was already hers


def test_the_audit_filter_names_changes_in_words_not_codes(app, client, make_user, clock):
    # A cold trial read "console.sign_in (signed in to the console)" in the filter.
    admin, _ = make_user("root@example.com", role="admin", team=None, name="Root Admin")
    sign_in(client, app, admin, clock)
    page = unescape(client.get("/console/audit/").text)
    assert '<option value="console.sign_in">Console: signed in to the console</option>' in page
    assert '<option value="person.invite">Person: invited</option>' in page
    assert "console.sign_in (" not in page

"""Deleting a person (by the admin or themselves): their data goes, every total that is
left equals a recomputation, their badges answer 410, and colleagues keep what they earned."""

import pytest

from firsthand.admin_models import AuditEvent
from firsthand.db import database
from firsthand.models import Kudos, PeriodStats, Share, User, UserBadge
from firsthand.privacy import erase_person
from helpers import (
    counters_match_ledger,
    linkedin_url,
    period_totals_match_recomputation,
)


@pytest.fixture
def office(client, make_user, clock):
    people = {
        name: make_user(f"{name}@example.com", team=team, name=name.title(), role=role)
        for name, team, role in (
            ("ann", "Sales", "employee"),
            ("bob", "Sales", "employee"),
            ("cy", "Eng", "employee"),
            ("meg", "Sales", "manager"),
        )
    }
    for n, (name, count) in enumerate((("ann", 3), ("bob", 2), ("cy", 1))):
        for k in range(count):
            body = {"url": linkedin_url(10 * n + k), "network": "linkedin", "text": None}
            body.pop("text")
            assert (
                client.post("/api/v1/shares", json=body, headers=people[name][1]).status_code == 201
            )
        clock.advance(days=8)  # shares in several weeks, so several period rows
    ann_id = people["ann"][0].id
    for giver in ("bob", "cy", "meg"):
        answer = client.post(
            "/api/v1/kudos",
            json={"to_user_id": ann_id, "message": "Great post"},
            headers=people[giver][1],
        )
        assert answer.status_code == 201
    answer = client.post(
        "/api/v1/kudos",
        json={"to_user_id": people["bob"][0].id, "message": "Thanks Bob"},
        headers=people["ann"][1],
    )
    assert answer.status_code == 201
    return people


def board(client, headers, scope="company", period="all"):
    answer = client.get(f"/api/v1/leaderboard?scope={scope}&period={period}", headers=headers)
    assert answer.status_code == 200
    return answer.get_json()


def test_delete_my_account_removes_my_data_and_keeps_totals_consistent(client, app, office):
    ann, headers = office["ann"]
    with app.app_context(), database.connection_context():
        uids = [b.uid for b in UserBadge.select().where(UserBadge.user == ann.id)]
    assert uids
    wrong = client.delete("/api/v1/me", json={"confirm_email": "bob@example.com"}, headers=headers)
    assert wrong.status_code == 422 and wrong.get_json()["error"]["code"] == "confirmation_mismatch"
    missing = client.delete("/api/v1/me", json={}, headers=headers)
    assert missing.status_code == 422

    answer = client.delete(
        "/api/v1/me", json={"confirm_email": "ANN@example.com "}, headers=headers
    )
    assert answer.status_code == 200
    removed = answer.get_json()["removed"]
    assert removed["shares"] == 3 and removed["kudos_received"] == 3
    assert removed["badges_revoked"] == len(uids)

    assert client.get("/api/v1/me", headers=headers).status_code == 401
    for uid in uids:
        page = client.get(f"/badges/assertions/{uid}", headers={"Accept": "application/ld+json"})
        assert page.status_code == 410 and page.get_json()["revoked"] is True
        assert client.get(f"/badges/assertions/{uid}/credential.jwt").status_code == 410
    with app.app_context(), database.connection_context():
        gone = User.get_by_id(ann.id)
        assert gone.email.endswith("@erased.invalid") and gone.name == "Former colleague"
        assert Share.select().where(Share.user == ann.id).count() == 0
        assert PeriodStats.select().where(PeriodStats.user == ann.id).count() == 0
        given = Kudos.get(Kudos.giver == ann.id)
        assert given.receiver_id == office["bob"][0].id  # Bob keeps his kudos and points
        assert not AuditEvent.select().where(AuditEvent.target_label.contains("ann@")).exists()
        counters_match_ledger()
        period_totals_match_recomputation()
    names = [e["name"] for e in board(client, office["bob"][1])["entries"]]
    assert "Ann" not in names and names[0] == "Bob"
    team = board(client, office["bob"][1], scope="team")
    assert [e["name"] for e in team["entries"]] == ["Bob"]
    kudos = client.get("/api/v1/me/kudos", headers=office["bob"][1]).get_json()["data"]
    assert kudos[0]["from"]["name"] == "Former colleague"
    # The address can be invited again, as a new person.
    again = client.post(
        "/api/v1/users",
        json={"email": "ann@example.com", "name": "Ann Again"},
        headers=_admin(client, app),
    )
    assert again.status_code == 201


def _admin(client, app):
    from firsthand.accounts import create_user
    from firsthand.auth import issue_token
    from helpers import CLOCK_START

    with app.app_context(), database.connection_context():
        user = create_user("root@example.com", "Root", CLOCK_START, None, "admin")
        return {"Authorization": f"Bearer {issue_token(user)}"}


def test_admin_erase_uses_the_same_code_and_is_audited(app, office, clock):
    admin = office["meg"][0]
    with app.app_context(), database.connection_context():
        erased = erase_person(User.get_by_id(office["bob"][0].id), clock(), admin)
        assert erased.shares == 2 and erased.kudos_received == 1
        event = AuditEvent.get(AuditEvent.action == "person.erase")
        assert event.actor_id == admin.id and event.target_label.startswith("deleted person #")
        counters_match_ledger()
        period_totals_match_recomputation()


def test_export_holds_everything(client, office):
    ann, headers = office["ann"]
    data = client.get("/api/v1/me/export", headers=headers).get_json()
    assert data["profile"]["email"] == "ann@example.com" and data["profile"]["team"] == "Sales"
    assert len(data["shares"]) == 3 and data["totals"]["shares"] == 3
    assert sum(e["points"] for e in data["points_ledger"]) == data["totals"]["points"]
    assert sorted(k["from"]["name"] for k in data["kudos_received"]) == ["Bob", "Cy", "Meg"]
    assert [k["to"]["name"] for k in data["kudos_given"]] == ["Bob"]
    assert {b["id"] for b in data["badges"]} >= {"first-share"}
    # When the token keeping Ann connected was issued: it is data about her too.
    assert data["profile"]["token_signed_at"] is not None
    assert data["profile"]["token_signed_at"] <= data["exported_at"]

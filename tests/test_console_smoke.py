"""Every console page renders for an admin, and the obvious flows work."""

import pytest

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.models import User, UserBadge
from helpers import linkedin_url


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Ops")[0]


def test_every_page_renders(client, app, admin, make_user, clock):
    bob = make_user("bob@example.com", name="Bob Builder")[0]
    sign_in(client, app, admin, clock)
    for url in [
        "/console/",
        "/console/people/",
        f"/console/people/{bob.id}",
        f"/console/people/{bob.id}/delete",
        "/console/people/invite",
        "/console/people/import/",
        "/console/teams/",
        f"/console/teams/{bob.team_id}",
        "/console/recognition/",
        "/console/recognition/rules",
        "/console/audit/",
    ]:
        page = client.get(url)
        assert page.status_code == 200, (url, page.text[:2000])
        assert "Firsthand" in page.text


def test_invite_then_see_them(client, app, admin, clock):
    sign_in(client, app, admin, clock)
    answer = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {"email": "Cy@Example.com", "name": "Cy Sales", "team": "", "role": "employee"},
    )
    assert answer.status_code == 200, answer.text
    assert "/connect?invite=" in answer.text
    listing = client.get("/console/people/?q=cy")
    assert "Cy Sales" in listing.text


def test_a_refused_invite_keeps_what_was_typed(client, app, admin, make_user, clock):
    make_user("taken@example.com", name="Already Here")
    sign_in(client, app, admin, clock)
    team_id = admin.team_id
    answer = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {
            "email": "taken@example.com",
            "name": "Dee Duplicate",
            "team": str(team_id),
            "role": "manager",
        },
    )
    assert answer.status_code == 409
    assert "already exists" in answer.text
    assert 'value="taken@example.com"' in answer.text
    assert 'value="Dee Duplicate"' in answer.text
    assert f'<option value="{team_id}" selected>' in answer.text
    assert '<option value="manager" selected>' in answer.text


def test_too_long_is_refused_not_cut(client, app, admin, clock):
    sign_in(client, app, admin, clock)
    answer = post_form(
        client,
        "/console/people/invite",
        "/console/people/invite",
        {"email": "long@example.com", "name": "N" * 360, "team": "", "role": "employee"},
    )
    assert answer.status_code == 422
    assert "Name is too long: at most 120 characters, and it has 360" in answer.text
    with app.app_context(), database.connection_context():
        assert not User.select().where(User.email == "long@example.com").exists()


def test_a_revoked_badge_is_in_the_holders_history_with_its_reason(
    client, app, admin, make_user, clock
):
    ann, headers = make_user("ann@example.com", name="Ann Müller")
    logged = client.post(
        "/api/v1/shares", json={"url": linkedin_url(1), "network": "linkedin"}, headers=headers
    )
    assert logged.status_code == 201
    with app.app_context(), database.connection_context():
        badge = UserBadge.get(UserBadge.user == ann.id)
    sign_in(client, app, admin, clock)
    answer = post_form(
        client,
        f"/console/people/{ann.id}",
        f"/console/people/badges/{badge.id}/revoke",
        {"reason": "Logged a colleague's post"},
    )
    assert answer.status_code == 302
    history = client.get(f"/console/audit/?person={ann.id}").text
    assert "revoked a badge of" in history and "Logged a colleague&#39;s post" in history
    recognition = client.get("/console/recognition/").text
    assert f"{badge.badge_id} of <bdi>Ann Müller" in recognition
    assert "Logged a colleague&#39;s post" in recognition

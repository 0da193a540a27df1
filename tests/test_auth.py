import time
from html import unescape

import pytest
from itsdangerous import URLSafeTimedSerializer

from firsthand.accounts import revoke_tokens
from firsthand.auth import TOKEN_SALT, issue_invite
from firsthand.db import database
from helpers import connect_by_hand


def code_of(response):
    return response.get_json()["error"]["code"]


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "token_missing"),
        ({"Authorization": "Basic abc"}, "token_missing"),
        ({"Authorization": "Bearer "}, "token_missing"),
        ({"Authorization": "Bearer not-a-token"}, "token_invalid"),
    ],
)
def test_missing_or_malformed_token_is_401(client, headers, code):
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert code_of(response) == code


def test_tampered_token_is_401(client, auth):
    token = auth["Authorization"].split()[1]
    payload, rest = token.split(".", 1)
    forged = "eyJ1aWQiOjk5LCJnZW4iOjB9." + rest  # {"uid":99,"gen":0} with the old signature
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401 and code_of(response) == "token_invalid"
    assert payload != "eyJ1aWQiOjk5LCJnZW4iOjB9"


def test_expired_token_is_401(app, client, make_user, monkeypatch):
    user, _ = make_user()
    past = time.time() - 91 * 86400
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: past)
    with app.app_context():
        old = URLSafeTimedSerializer(app.config["SECRET_KEYS"], salt=TOKEN_SALT).dumps(
            {"uid": user.id, "gen": 0}
        )
    monkeypatch.undo()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {old}"})
    assert response.status_code == 401 and code_of(response) == "token_expired"


def test_revoked_token_is_401(app, client, make_user):
    user, headers = make_user()
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with app.app_context(), database.connection_context():
        revoke_tokens(user)
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401 and code_of(response) == "token_revoked"


def test_a_deleted_accounts_token_is_refused_as_deleted_not_as_revoked(app, client, make_user):
    """Told "revoked: ask for a new connect link", its holder asked for a link no one could
    give: the account is gone (docs/api.md, as a write of theirs meets once erased)."""
    from firsthand.privacy import erase_person

    user, headers = make_user()
    with app.app_context(), database.connection_context():
        erase_person(user, app.config["CLOCK"](), None)
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401 and code_of(response) == "token_revoked"
    assert response.get_json()["error"]["message"].startswith("This account has been deleted")


def test_a_token_signed_beyond_the_calendar_is_invalid_not_a_500(app, client, make_user):
    """Its signature checks (the server's own key) but its time is past year 9999: a 500 from
    reading it as a date."""
    user, _ = make_user()
    for moment in (10**12, 2**62):
        signer = URLSafeTimedSerializer(app.config["SECRET_KEYS"], salt=TOKEN_SALT)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("itsdangerous.timed.time.time", lambda moment=moment: moment)
            token = signer.dumps({"uid": user.id, "gen": 0})
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401 and code_of(response) == "token_invalid", moment


def test_invite_is_not_an_api_token(app, client, make_user):
    user, _ = make_user()
    with app.app_context():
        invite = issue_invite(user)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {invite}"})
    assert response.status_code == 401


def test_key_rotation_keeps_old_tokens_until_the_old_key_is_dropped(app, client, make_user):
    _, headers = make_user()
    old_keys = app.config["SECRET_KEYS"]
    app.config["SECRET_KEYS"] = old_keys + ["a-newer-key"]
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    app.config["SECRET_KEYS"] = ["a-newer-key"]
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_connect_page_hands_over_a_working_token(client, app, make_user):
    user, _ = make_user(name="Zoë <b>Bold</b>")
    with app.app_context():
        invite = issue_invite(user)
    page = connect_by_hand(client, f"/connect?invite={invite}")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "Zoë &lt;b&gt;Bold&lt;/b&gt;" in html  # names are escaped, never markup
    token = html.split('data-token="')[1].split('"')[0]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.get_json()["user"]["id"] == user.id


@pytest.mark.parametrize("invite", ["", "garbage", "eyJ1aWQiOjF9.xxxx.yyyy"])
def test_connect_page_explains_bad_links(client, invite):
    page = client.get(f"/connect?invite={invite}")
    assert page.status_code == 400
    html = unescape(page.get_data(as_text=True))  # the page writes ' as &#39;
    assert "couldn't connect" in html and "data-token" not in html


def test_connect_page_refuses_revoked_link(client, app, make_user):
    user, _ = make_user()
    with app.app_context(), database.connection_context():
        invite = issue_invite(user)
        revoke_tokens(user)
    page = client.get(f"/connect?invite={invite}")
    assert page.status_code == 400 and "revoked" in page.get_data(as_text=True)


def test_a_token_in_use_still_expires(app, client, make_user, monkeypatch):
    # A checked signature is remembered (auth._verified); the token's age is not.
    _, headers = make_user()
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    later = time.time() + 91 * 86400
    monkeypatch.setattr("time.time", lambda: later)
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401 and code_of(response) == "token_expired"


@pytest.mark.parametrize("uid", [2**63, 2**70, -(2**63) - 1])
def test_a_signed_token_naming_a_user_id_beyond_64_bits_is_invalid(app, client, uid):
    # A hunt found a token signed with the instance key whose uid was 2**70 gave a 500
    # (OverflowError binding it) on SQLite and a 401 on PostgreSQL.
    with app.app_context():
        token = URLSafeTimedSerializer(app.config["SECRET_KEYS"], salt=TOKEN_SALT).dumps(
            {"uid": uid, "gen": 0}
        )
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and code_of(response) == "token_invalid"

"""Connect links work once, the page names the configured server, CORS admits exactly the
configured extensions, and HTML pages cannot be framed or sniffed."""

from __future__ import annotations

import pytest

from firsthand import create_app
from firsthand.accounts import create_user
from firsthand.api.connect import CSRF_COOKIE
from firsthand.auth import issue_invite
from firsthand.db import database, migrate
from firsthand.models import User
from helpers import connect_by_hand, form_field

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def invite_for(app, user) -> str:
    with app.app_context(), database.connection_context():
        return issue_invite(user.__class__.get_by_id(user.id))


def token_on(page) -> str | None:
    html = page.get_data(as_text=True)
    return html.split('data-token="')[1].split('"')[0] if 'data-token="' in html else None


def test_a_connect_link_works_once_and_then_says_so(app, client, make_user, clock):
    user, _ = make_user()
    invite = invite_for(app, user)
    elsewhere = app.test_client()
    elsewhere.get(f"/connect?invite={invite}")  # another browser, showing the button too
    first = connect_by_hand(client, f"/connect?invite={invite}")
    assert first.status_code == 200 and token_on(first)
    again = client.get(f"/connect?invite={invite}")
    assert again.status_code == 410 and token_on(again) is None
    assert connect_by_hand_refused(elsewhere, invite).status_code == 410
    html = again.get_data(as_text=True)
    assert "already used" in html and "18\u00a0November 2026 at 09:00 UTC" in html
    assert "new connect link" in html  # and how to get one
    assert again.headers["Cache-Control"] == "no-store"


def test_a_new_link_works_after_the_old_one_was_used(app, client, make_user):
    user, _ = make_user()
    assert connect_by_hand(client, f"/connect?invite={invite_for(app, user)}").status_code == 200
    fresh = invite_for(app, user)
    assert connect_by_hand(client, f"/connect?invite={fresh}").status_code == 200
    assert client.get(f"/connect?invite={fresh}").status_code == 410


def test_the_connect_page_names_the_configured_server_not_the_host_header(app, client, make_user):
    app.config["PUBLIC_URL"] = "https://firsthand.acme.example"
    user, _ = make_user()
    client.get(f"/connect?invite={invite_for(app, user)}")  # sets the form's cookie
    csrf = client.get_cookie(CSRF_COOKIE, path="/connect").value
    fields = {"invite": invite_for(app, user), "csrf_token": csrf}
    headers = {"Host": "evil.example", "Cookie": f"{CSRF_COOKIE}={csrf}"}
    bare = app.test_client(use_cookies=False)
    posted = bare.post("/connect", data=fields, headers=headers)
    assert posted.status_code == 303 and posted.headers["Location"] == "/connect/done"
    result = posted.headers["Set-Cookie"].split(";")[0]
    page = bare.get("/connect/done", headers={"Host": "evil.example", "Cookie": result})
    assert token_on(page)
    html = page.get_data(as_text=True)
    assert 'data-server="https://firsthand.acme.example"' in html
    assert "evil.example" not in html


def cors_app(tmp_path, monkeypatch, origins: str | None):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    if origins is None:
        monkeypatch.delenv("FIRSTHAND_EXTENSION_ORIGINS", raising=False)
    else:
        monkeypatch.setenv("FIRSTHAND_EXTENSION_ORIGINS", origins)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/c.db"})
    migrate(database.obj)
    return app


def allowed(app, origin: str) -> str | None:
    answer = app.test_client().get("/api/v1/health", headers={"Origin": origin})
    return answer.headers.get("Access-Control-Allow-Origin")


def test_cors_admits_exactly_the_configured_extensions(tmp_path, monkeypatch, clock):
    app = cors_app(tmp_path, monkeypatch, f"{CHROME}, moz-extension://firsthand-team")
    assert allowed(app, CHROME) == CHROME
    assert allowed(app, "moz-extension://firsthand-team") == "moz-extension://firsthand-team"
    other = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"
    for origin in (other, CHROME.upper(), CHROME + "x", "moz-extension://firsthand-team.evil"):
        assert allowed(app, origin) is None, origin
    database.close()


@pytest.mark.parametrize(
    "origin",
    [
        "CHROME-EXTENSION://abcdefghijklmnopabcdefghijklmnop",
        "chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP",
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop.evil.example",
        "chrome-extension://x",
        "moz-extension://anything",
        "https://evil.example",
    ],
)
def test_without_configuration_only_well_formed_extension_ids_pass(tmp_path, monkeypatch, origin):
    app = cors_app(tmp_path, monkeypatch, None)
    assert allowed(app, origin) is None
    assert allowed(app, CHROME) == CHROME
    database.close()


def html_pages(app, make_user):
    user, _ = make_user()
    return [
        f"/connect?invite={invite_for(app, user)}",
        "/connect?invite=broken",
        "/console/sign-in",
    ]


def test_html_pages_cannot_be_framed_or_sniffed(app, client, make_user):
    for path in html_pages(app, make_user):
        page = client.get(path)
        assert page.mimetype == "text/html", path
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"], path
        assert page.headers["X-Content-Type-Options"] == "nosniff", path
        assert page.headers["Referrer-Policy"] in ("no-referrer", "same-origin"), path


def test_json_answers_are_not_sniffed_either(client):
    assert client.get("/api/v1/health").headers["X-Content-Type-Options"] == "nosniff"


def test_invites_issued_before_the_upgrade_still_work_once(app, client, clock):
    # A link minted before migration 0005 carries no use count: it counts as the first.
    from itsdangerous import URLSafeTimedSerializer

    from firsthand.auth import INVITE_SALT

    with app.app_context(), database.connection_context():
        user = create_user("old@example.com", "Old Link", clock(), None, "employee")
        serializer = URLSafeTimedSerializer(app.config["SECRET_KEYS"], salt=INVITE_SALT)
        old = serializer.dumps({"uid": user.id, "gen": 0})
    assert connect_by_hand(client, f"/connect?invite={old}").status_code == 200
    assert client.get(f"/connect?invite={old}").status_code == 410


SCANNERS = [
    "Mozilla/5.0 (compatible; Microsoft Office Protocol Discovery; SafeLinks)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36",
]


@pytest.mark.parametrize("agent", SCANNERS)
def test_opening_a_connect_link_spends_nothing(app, client, make_user, agent):
    # Mail scanners and chat unfurlers fetch links before the person clicks them.
    user, _ = make_user()
    invite = invite_for(app, user)
    link, headers = f"/connect?invite={invite}", {"User-Agent": agent}
    for _ in range(3):
        assert client.head(link, headers=headers).status_code == 200
        page = client.get(link, headers=headers)
        assert page.status_code == 200 and token_on(page) is None
        assert "Connect this browser" in page.text
    with app.app_context(), database.connection_context():
        after = User.get_by_id(user.id)
        assert (after.invites_used, after.invite_used_at, after.connected_at) == (0, None, None)
    connected = connect_by_hand(client, f"/connect?invite={invite}")  # the person, afterwards
    assert connected.status_code == 200 and token_on(connected)


def test_connecting_needs_the_pages_csrf_token_and_cookie(app, client, make_user):
    user, _ = make_user()
    invite = invite_for(app, user)
    page = client.get(f"/connect?invite={invite}")
    csrf = form_field(page.text, "csrf_token")
    cross_site = app.test_client()  # another site's form: no cookie from our page
    refused = [
        cross_site.post(
            "/connect", data={"invite": invite, "csrf_token": csrf}, follow_redirects=True
        ),
        client.post("/connect", data={"invite": invite}, follow_redirects=True),
        client.post(
            "/connect", data={"invite": invite, "csrf_token": csrf + "x"}, follow_redirects=True
        ),
        client.post("/connect", json={"invite": invite, "csrf_token": csrf}, follow_redirects=True),
    ]
    for answer in refused:
        assert answer.status_code == 400 and token_on(answer) is None
        assert "Open your connect link again" in answer.text
    with app.app_context(), database.connection_context():
        assert User.get_by_id(user.id).invites_used == 0  # nothing was spent
    fields = {"invite": invite, "csrf_token": csrf}
    assert token_on(client.post("/connect", data=fields, follow_redirects=True))


def test_connect_page_cookie_is_strict_and_scoped(app, client, make_user):
    user, _ = make_user()
    page = client.get(f"/connect?invite={invite_for(app, user)}")
    cookie = page.headers["Set-Cookie"]
    for part in ("HttpOnly", "SameSite=Strict", "Path=/connect"):
        assert part in cookie, cookie


def connect_by_hand_refused(client, invite: str):
    # Another browser still showing the button: its POST finds the link spent. (The page
    # that spent it pressing again is answered as its first press: test_hostile_edges_4.)
    csrf = client.get_cookie(CSRF_COOKIE, path="/connect").value
    return client.post(
        "/connect", data={"invite": invite, "csrf_token": csrf}, follow_redirects=True
    )

"""Who gets into the console, for how long, and what each role may do there."""

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

from console_helpers import csrf_from, post_form, sign_in, sign_in_link
from firsthand.admin_models import AuditEvent
from firsthand.db import database
from firsthand.people import update_person
from firsthand.teams import add_manager


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


def test_a_sign_in_link_works_once(client, app, admin, clock):
    path = urlparse(sign_in_link(app, admin, clock)).path
    page = client.get(path)
    assert "Sign in as Ada Admin" in page.text
    token = csrf_from(page.text)
    assert client.post(path, data={"csrf_token": token}).status_code == 302
    fresh = csrf_from(client.get("/console/people/").text)  # signing in starts a new session
    again = client.post(path, data={"csrf_token": fresh})
    assert again.status_code == 400 and "already used" in again.text
    assert client.get(path).status_code == 400


def test_a_sign_in_link_expires_after_15_minutes(client, app, admin, clock):
    path = urlparse(sign_in_link(app, admin, clock)).path
    clock.advance(minutes=16)
    page = client.get(path)
    assert page.status_code == 400 and "expired" in page.text


def test_the_cli_prints_links_for_admins_and_managers_only(runner, app, admin, make_user):
    result = runner.invoke(args=["console-link", "ADA@example.com"])
    assert result.exit_code == 0, result.output
    assert re.search(r"http://127\.0\.0\.1:5000/console/sign-in/\S{40,}", result.output)
    make_user("eve@example.com")
    refused = runner.invoke(args=["console-link", "eve@example.com"])
    assert refused.exit_code == 1 and "only active admins and managers" in refused.output


def test_session_cookie_flags(client, app, admin, clock):
    path = urlparse(sign_in_link(app, admin, clock)).path
    token = csrf_from(client.get(path).text)
    answer = client.post(path, data={"csrf_token": token})
    cookie = answer.headers["Set-Cookie"]
    assert "firsthand_console=" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Path=/console" in cookie and "Secure" not in cookie


def test_secure_cookie_behind_https(make_user, app, clock):
    app.config["SESSION_COOKIE_SECURE"] = True  # what PUBLIC_URL=https://… sets
    user = make_user("ada@example.com", role="admin")[0]
    client = app.test_client()
    path = urlparse(sign_in_link(app, user, clock)).path
    answer = client.post(path, data={"csrf_token": csrf_from(client.get(path).text)})
    assert "Secure" in answer.headers["Set-Cookie"]


def test_idle_and_absolute_expiry_and_sign_out(client, app, admin, clock):
    sign_in(client, app, admin, clock)
    clock.advance(minutes=59)
    assert client.get("/console/").status_code == 200
    clock.advance(minutes=61)
    idle = client.get("/console/people/")
    assert idle.status_code == 302 and "/console/sign-in" in idle.headers["Location"]
    sign_in(client, app, admin, clock)
    for _ in range(14):  # active every 55 minutes, past the 12-hour limit
        clock.advance(minutes=55)
        last = client.get("/console/")
    assert last.status_code == 302
    sign_in(client, app, admin, clock)
    page = client.get("/console/")
    assert (
        client.post("/console/sign-out", data={"csrf_token": csrf_from(page.text)}).status_code
        == 302
    )
    assert client.get("/console/").status_code == 302


def _console_rules(app):
    for rule in app.url_map.iter_rules():
        if (
            rule.rule.startswith("/console")
            and "sign-in" not in rule.rule
            and "sign-out" not in rule.rule
        ):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                path = re.sub(r"<(?:int|id):\w+>", "1", rule.rule)
                yield method, path


def test_every_console_route_needs_a_signed_in_console_user(client, app, admin, make_user, clock):
    rules = list(_console_rules(app))
    assert len(rules) > 20
    for method, path in rules:
        answer = client.open(path, method=method)
        assert answer.status_code == 302, (method, path)
        assert "/console/sign-in" in answer.headers["Location"]
    meg = make_user("meg@example.com", role="manager", team="Office")[0]
    sign_in(client, app, meg, clock)
    with app.app_context(), database.connection_context():
        update_person(meg, clock(), None, role="employee")  # demoted while signed in
    for method, path in rules:
        assert client.open(path, method=method).status_code == 403, (method, path)


def test_forms_without_csrf_tokens_are_refused(client, app, admin, make_user, clock):
    bob = make_user("bob@example.com")[0]
    sign_in(client, app, admin, clock)
    for method, path in _console_rules(app):
        if method == "POST":
            answer = client.post(path.replace("/1", f"/{bob.id}"), data={"name": "x"})
            assert answer.status_code == 400, path
            assert "security token" in answer.text
    with app.app_context(), database.connection_context():
        assert (
            not AuditEvent.select()
            .where(AuditEvent.actor == admin.id)
            .where(AuditEvent.action != "console.sign_in")
            .exists()
        )


def test_managers_act_only_on_their_teams(client, app, make_user, clock):
    meg = make_user("meg@example.com", role="manager", team="Marketing")[0]
    mo = make_user("mo@example.com", team="Marketing")[0]
    sam = make_user("sam@example.com", team="Sales")[0]
    with app.app_context(), database.connection_context():
        add_manager(meg.team, meg, clock(), None)
    sign_in(client, app, meg, clock)
    people = client.get("/console/people/").text
    assert "mo@example.com" in people and "sam@example.com" not in people
    token = csrf_from(client.get(f"/console/people/{mo.id}").text)
    for action in ("deactivate", "reactivate", "connect-link", "kudos", "delete", ""):
        path = f"/console/people/{sam.id}" + (f"/{action}" if action else "")
        answer = client.post(path, data={"csrf_token": token, "message": "hi", "name": "X"})
        assert answer.status_code == 403, path
    assert client.get(f"/console/people/{sam.id}").status_code == 403
    assert client.get(f"/console/teams/{sam.team_id}").status_code == 403
    assert client.get("/console/audit/").status_code == 403
    # Inside their team: deactivate yes; change a role or delete no (admins only).
    ok = client.post(f"/console/people/{mo.id}/deactivate", data={"csrf_token": token})
    assert ok.status_code == 302
    role = client.post(f"/console/people/{mo.id}", data={"csrf_token": token, "role": "admin"})
    assert role.status_code == 302
    assert "Only admins can change roles." in client.get(f"/console/people/{mo.id}").text
    delete = client.post(f"/console/people/{mo.id}/delete", data={"csrf_token": token})
    assert delete.status_code == 403
    moved = post_form(
        client,
        f"/console/people/{mo.id}",
        f"/console/people/{mo.id}",
        {"name": "Mo", "team": str(sam.team_id)},
    )
    assert moved.status_code == 302
    assert "only put people in the teams you manage" in client.get(f"/console/people/{mo.id}").text


def test_error_pages_keep_the_signed_in_navigation(client, app, admin, make_user, clock):
    """Errors raised before an area's guard (a NUL in the query, a URL no area answers)
    still show whoever is signed in their navigation, not a "Sign in" link."""
    employee, _ = make_user("emp@example.com")
    for url in ["/console/people/?q=%00", "/console/no-such-area"]:
        signed_out = client.get(url)
        assert "Sign in" in signed_out.text and "Sign out" not in signed_out.text, url
    sign_in(client, app, admin, clock)
    nul = client.get("/console/people/?q=%00")
    assert nul.status_code == 400
    assert "The query parameter q contains a NUL character" in nul.text
    missing = client.get("/console/no-such-area")
    assert missing.status_code == 404 and "no such page" in missing.text
    for page in (nul, missing):
        assert ">People</a>" in page.text
        assert 'title="Ada Admin">Ada Admin</span>' in page.text and "· admin" in page.text
        assert "Sign out" in page.text
        assert ">Sign in<" not in page.text and "Back to the console" in page.text
    with app.app_context(), database.connection_context():
        update_person(admin, clock(), None, role="employee")  # no longer a console user
    demoted = client.get("/console/people/?q=%00")
    assert "Sign out" not in demoted.text and "Ada Admin" not in demoted.text


@pytest.mark.parametrize(
    "target,lands", [("//[oops", "/console/"), ("https://evil.example/", "/console/")]
)
def test_a_sign_in_with_a_next_no_parser_reads_lands_home(client, app, admin, clock, target, lands):
    path = urlparse(sign_in_link(app, admin, clock)).path
    page = client.get(path)
    answer = client.post(path, data={"csrf_token": csrf_from(page.text), "next": target})
    assert answer.status_code == 302, answer.text[:300]
    assert urlparse(answer.headers["Location"]).path == lands


def test_signing_in_lands_on_the_page_asked_for_without_a_stray_question_mark(
    client, app, admin, clock
):
    asked = client.get("/console/people/")
    assert asked.status_code == 302
    assert parse_qs(urlparse(asked.headers["Location"]).query)["next"] == ["/console/people/"]
    with_query = client.get("/console/people/?q=ada")
    assert parse_qs(urlparse(with_query.headers["Location"]).query)["next"] == [
        "/console/people/?q=ada"
    ]
    for target, lands in (("/console/people/?", "/console/people/"), ("/console/?q=a", None)):
        path = urlparse(sign_in_link(app, admin, clock)).path
        page = client.get(path + "?next=" + quote(target))
        answer = client.post(path, data={"csrf_token": csrf_from(page.text), "next": target})
        assert answer.headers["Location"] == (lands or target)


def test_a_printed_link_lands_on_the_page_asked_for_before_signing_in(client, app, admin, clock):
    """The link printed on the server (or emailed) carries no next: this browser remembers it."""
    assert client.get("/console/stories/?sort=title").status_code == 302
    path = urlparse(sign_in_link(app, admin, clock)).path
    page = client.get(path)
    answer = client.post(path, data={"csrf_token": csrf_from(page.text)})
    assert answer.headers["Location"] == "/console/stories/?sort=title"
    path = urlparse(sign_in_link(app, admin, clock)).path  # once signed in, it is forgotten
    page = client.get(path)
    answer = client.post(path, data={"csrf_token": csrf_from(page.text)})
    assert answer.headers["Location"] == "/console/"


@pytest.mark.parametrize("uid", [2**70, -(2**63) - 1, "1", 1.0, None])
def test_a_session_naming_an_id_no_user_can_have_is_signed_out_not_a_500(
    client, app, admin, clock, uid
):
    sign_in(client, app, admin, clock)
    assert client.get("/console/people/").status_code == 200
    with client.session_transaction("/console/people/") as session:  # the cookie's path
        session["console"] = {**session["console"], "uid": uid}
    page = client.get("/console/people/")
    assert page.status_code in (302, 303) and "/console/sign-in" in page.headers["Location"]

"""Signing out of the console ends the session on the server, a form sent after its session
ended says so on the sign-in page, and that page prints a console-link command that gives a
link to this server (cold trial, findings 4, 5 and 6); a sign-out is in the audit log."""

from console_helpers import csrf_from, sign_in
from firsthand.admin_models import AuditEvent
from firsthand.db import database
from firsthand.models import User

COOKIE = "firsthand_console"


def saved_cookie(client) -> str:
    return client.get_cookie(COOKIE, path="/console").value


def replay(app, cookie: str):
    """Another client (a copy of the cookie: a shared machine, a leak) sending `cookie`."""
    other = app.test_client()
    other.set_cookie(COOKIE, cookie, path="/console")
    return other


def sign_out(client) -> None:
    page = client.get("/console/")
    answer = client.post("/console/sign-out", data={"csrf_token": csrf_from(page.text)})
    assert answer.status_code == 302


def test_a_cookie_saved_before_sign_out_opens_nothing_after_it(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin")[0]
    sign_in(client, app, admin, clock)
    kept = saved_cookie(client)
    assert replay(app, kept).get("/console/people/").status_code == 200  # the copy works...
    elsewhere = sign_in(app.test_client(), app, admin, clock)  # ...as does another browser's

    sign_out(client)
    answer = replay(app, kept).get("/console/people/")
    assert answer.status_code == 302 and "/console/sign-in" in answer.headers["Location"]
    assert client.get("/console/people/").status_code == 302
    # Only that session ended: the person's other browser stays signed in.
    assert elsewhere.get("/console/people/").status_code == 200


def test_a_form_sent_after_the_session_ended_says_nothing_was_saved(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin")[0]
    sign_in(client, app, admin, clock)
    form = client.get("/console/people/invite")
    csrf, kept = csrf_from(form.text), saved_cookie(client)
    sign_out(client)  # in another tab
    fields = {"csrf_token": csrf, "email": "bo@example.com", "name": "Bo", "role": "employee"}
    for sender in (client, replay(app, kept)):  # no cookie any more, or the signed-out copy
        sent = sender.post("/console/people/invite", data=fields)
        assert sent.status_code == 302 and "/console/sign-in" in sent.headers["Location"]
        page = sender.get(sent.headers["Location"])
        assert "What you sent was not saved: sign in, then send it again." in page.text
    with app.app_context(), database.connection_context():
        assert not User.select().where(User.email == "bo@example.com").exists()


def test_a_page_opened_after_the_session_ended_claims_nothing_about_forms(
    app, client, make_user, clock
):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin")[0]
    sign_in(client, app, admin, clock)
    clock.advance(minutes=61)
    opened = client.get("/console/people/")
    page = client.get(opened.headers["Location"])
    assert "without activity" in page.text and "not saved" not in page.text
    assert "not saved" not in app.test_client().get("/console/sign-in").text


def test_the_sign_in_page_prints_a_command_for_this_server(app, client):
    app.config["PUBLIC_URL"] = "http://127.0.0.1:5077"
    page = client.get("/console/sign-in")
    assert (
        "FIRSTHAND_PUBLIC_URL=http://127.0.0.1:5077 .venv/bin/firsthand console-link" in page.text
    )


def sign_out_events(app) -> list[tuple[str, str]]:
    with app.app_context(), database.connection_context():
        rows = AuditEvent.select().where(AuditEvent.action == "console.sign_out")
        return [(e.actor_label, e.target_label) for e in rows.order_by(AuditEvent.id)]


def test_signing_out_is_in_the_audit_log_once(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin")[0]
    sign_in(client, app, admin, clock)
    csrf, kept = csrf_from(client.get("/console/").text), saved_cookie(client)
    sign_out(client)
    assert sign_out_events(app) == [("Ada Admin <ada@example.com>",) * 2]
    # "Sign out" again from a copy of the ended session (another tab) ends nothing new.
    again = replay(app, kept).post("/console/sign-out", data={"csrf_token": csrf})
    assert again.status_code == 302
    assert len(sign_out_events(app)) == 1
    other = sign_in(app.test_client(), app, admin, clock)
    log = other.get("/console/audit/?action=console.sign_out").text
    assert "signed out of the console" in log and "Ada Admin &lt;ada@example.com&gt;" in log


def test_a_session_that_lapsed_is_not_logged_as_a_sign_out(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin")[0]
    sign_in(client, app, admin, clock)
    csrf = csrf_from(client.get("/console/").text)
    clock.advance(minutes=61)  # idle: the session ended by itself
    assert client.post("/console/sign-out", data={"csrf_token": csrf}).status_code == 302
    assert sign_out_events(app) == []

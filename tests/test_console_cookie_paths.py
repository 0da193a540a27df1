"""A console address written so that the browser does not send the console's session cookie
(Path=/console) is redirected to the path the server reads, before anything can write a
cookie: "//console/people/" signed the person out (web_headers._one_spelling)."""

import sys
import threading
from urllib.parse import unquote

import pytest
from test_files_and_limits import gunicorn_server, raw_request  # noqa: F401 (a fixture)
from werkzeug import serving
from werkzeug.serving import make_server

from console_helpers import sign_in
from firsthand import cli
from firsthand.web_headers import PathAsSent


@pytest.fixture
def admin(make_user):
    return make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]


def sent(client, written: str, method: str = "GET", **kwargs):
    """A request for `written` as a browser sends it: with the console's cookie only when the
    path as written is under /console (the test client matches cookies by the URL given)."""
    path, _, query = written.partition("?")
    environ = {"PATH_INFO": unquote(path), "QUERY_STRING": query}
    environ |= {"REQUEST_URI": written, "RAW_URI": written}
    url = written if written.startswith("/console") and "%" not in path else "/"
    return client.open(url, method=method, environ_overrides=environ, **kwargs)


@pytest.mark.parametrize(
    "written,target",
    [
        ("//console/people/", "/console/people/"),
        ("///console/people/?q=ann&team=3", "/console/people/?q=ann&team=3"),
        ("/console%2Fpeople/", "/console/people/"),
        ("/%63onsole/teams/", "/console/teams/"),
        ("//guidelines", "/guidelines"),
        ("//evil.example/x", "/evil.example/x"),
    ],
)
def test_a_path_the_cookie_does_not_reach_is_redirected_without_a_cookie(
    client, app, admin, clock, written, target
):
    sign_in(client, app, admin, clock)
    answer = sent(client, written)
    assert answer.status_code == 308
    assert answer.headers["Location"] == target
    assert "Set-Cookie" not in answer.headers
    assert client.get("/console/people/").status_code == 200  # still signed in


def test_a_form_sent_to_such_a_path_is_redirected_as_a_form_and_signs_no_one_out(
    client, app, admin, clock
):
    sign_in(client, app, admin, clock)
    answer = sent(client, "//console/people/invite", method="POST", data={"email": "x@x.io"})
    assert answer.status_code == 308 and answer.headers["Location"] == "/console/people/invite"
    assert "Set-Cookie" not in answer.headers
    assert client.get("/console/people/").status_code == 200


def test_the_console_as_written_is_answered_as_before(client, app, admin, clock):
    assert sent(client, "/console/people/").status_code == 302  # to sign in
    sign_in(client, app, admin, clock)
    assert sent(client, "/console/people/").status_code == 200
    assert sent(client, "/console/people/%3Fq").status_code == 404  # an encoded '?' is a path


def test_the_api_takes_no_cookie_and_answers_as_before(client, auth):
    assert sent(client, "//api/v1/me", headers=auth).status_code == 200


# --- As the servers give the path -------------------------------------------------------------

DOUBLED = "GET //console/people/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"


def test_gunicorn_gives_the_path_as_sent(gunicorn_server):  # noqa: F811
    port, _token = gunicorn_server
    status, headers, _ = raw_request(port, DOUBLED)
    assert status == 308 and headers["Location"] == "/console/people/"
    assert "Set-Cookie" not in headers


def test_the_development_server_gives_the_path_as_sent(app, monkeypatch):
    # Python's http.server makes "//console/…" "/console/…" before Werkzeug reads it: the
    # console saw no difference, and the browser had sent no cookie (`firsthand run`).
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=PathAsSent)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, headers, _ = raw_request(server.port, DOUBLED)
    finally:
        server.shutdown()
        thread.join(10)
    assert status == 308 and headers["Location"] == "/console/people/"
    assert "Set-Cookie" not in headers

    monkeypatch.setattr(serving, "WSGIRequestHandler", serving.WSGIRequestHandler)
    monkeypatch.setattr(sys, "argv", ["firsthand", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    assert serving.WSGIRequestHandler is PathAsSent  # what `firsthand run` serves with

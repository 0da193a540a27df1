"""A form whose text is not UTF-8 is refused with a 400 page saying so, as the API refuses
such JSON (input_guard.FormsInUTF8): "Caf%E9" (Latin-1) was saved as written, and a raw
Latin-1 byte in a multipart field as U+FFFD."""

import io
import re
from html import unescape

import pytest

from console_helpers import csrf_from, sign_in
from firsthand.db import database
from firsthand.models import Team

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def admin_client(client, app, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada Admin", team="Office")[0]
    return sign_in(client, app, admin, clock)


def team_names(app) -> list[str]:
    with app.app_context(), database.connection_context():
        return sorted(t.name for t in Team.select())


def token(client) -> bytes:
    return csrf_from(client.get("/console/teams/").text).encode()


def said(answer) -> str:
    return re.sub(r"\s+", " ", unescape(answer.text))


@pytest.mark.parametrize("name", [b"Caf%E9+Team", b"Caf\xe9 Team", b"Caf%C3+Team"])
def test_a_form_not_in_utf8_is_refused_and_nothing_is_saved(app, admin_client, name):
    before = team_names(app)
    body = b"csrf_token=" + token(admin_client) + b"&name=" + name
    answer = admin_client.post("/console/teams/", data=body, content_type=FORM)
    assert answer.status_code == 400
    assert "This form's text did not arrive as UTF-8" in said(answer)
    assert "Error 400" in answer.text
    assert team_names(app) == before


def test_a_multipart_field_not_in_utf8_is_refused(app, admin_client):
    before = team_names(app)
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'.encode()
        + token(admin_client)
        + f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n'.encode()
        + b"Andr\xe9 M\xfcller\r\n"
        + f"--{boundary}--\r\n".encode()
    )
    answer = admin_client.post(
        "/console/teams/", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert answer.status_code == 400 and "did not arrive as UTF-8" in said(answer)
    assert team_names(app) == before


@pytest.mark.parametrize("name", [b"Caf%C3%A9+Team", "Café Team".encode()])
def test_a_form_in_utf8_is_saved_as_typed(app, admin_client, name):
    body = b"csrf_token=" + token(admin_client) + b"&name=" + name
    answer = admin_client.post("/console/teams/", data=body, content_type=FORM)
    assert answer.status_code == 302
    assert "Café Team" in team_names(app)


def test_an_uploaded_file_in_another_encoding_is_still_read(admin_client):
    # The file of an import is bytes, read by import_file (cp1252 too), never a form field.
    page = admin_client.get("/console/people/import/")
    upload = io.BytesIO("email,name\nzoe@x.io,Zoë Noël\n".encode("cp1252"))
    answer = admin_client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (upload, "people.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    assert "Zoë Noël" in unescape(admin_client.get(answer.headers["Location"]).text)

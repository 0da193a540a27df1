"""The console's 413 page says which limit a request met, in words a person can act on."""

from __future__ import annotations

import io

from console_helpers import csrf_from, sign_in


def test_a_form_of_too_many_fields_is_not_called_a_file_too_big(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada", team="Office")[0]
    sign_in(client, app, admin, clock)
    token = csrf_from(client.get("/console/stories/new").text).encode()
    # 1,200 small fields in 60 KiB: under the body limit, over Werkzeug's 1,000 parts.
    part = b'--x\r\nContent-Disposition: form-data; name="t"\r\n\r\n1\r\n'
    head = b'--x\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n' + token + b"\r\n"
    body = head + part * 1200 + b"--x--\r\n"
    assert len(body) < 64 * 1024
    answer = client.post(
        "/console/stories/", data=body, content_type="multipart/form-data; boundary=x"
    )
    assert answer.status_code == 413
    page = answer.text
    assert "text/html" in answer.headers["Content-Type"]
    assert "That was too much to send" in page and "file" not in page.lower()
    assert "more than 1,000 fields" in page


def test_an_upload_over_the_limit_names_the_limit(app, client, make_user, clock):
    admin = make_user("ada@example.com", role="admin", name="Ada", team="Office")[0]
    sign_in(client, app, admin, clock)
    app.config["IMPORT_MAX_BYTES"] = 100 * 1024
    token = csrf_from(client.get("/console/people/import/").text)
    body = ("email,name\n" + "".join(f"r{i}@x.io,R {i}\n" for i in range(9000))).encode()
    assert len(body) > 100 * 1024
    answer = client.post(
        "/console/people/import/",
        data={"csrf_token": token, "file": (io.BytesIO(body), "people.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 413
    assert "over the 100 KiB this page accepts" in answer.text
    assert "split a long import" in answer.text

"""Driving the console through Flask's test client: sign in by link, post forms with
their CSRF token, read pages."""

from __future__ import annotations

import io
import re
from html import unescape
from urllib.parse import urlparse

from firsthand.admin_models import ImportBatch
from firsthand.db import database
from firsthand.signin import issue_sign_in_link

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def sign_in_link(app, user, clock) -> str:
    with app.app_context(), database.connection_context():
        return issue_sign_in_link(user, clock())


def sign_in(client, app, user, clock):
    """Open a fresh sign-in link and confirm it, as a person would; return the client."""
    path = urlparse(sign_in_link(app, user, clock)).path
    page = client.get(path)
    assert page.status_code == 200, page.text
    answer = client.post(path, data={"csrf_token": csrf_from(page.text)})
    assert answer.status_code == 302, answer.text
    return client


def post_form(client, page_url: str, action: str, data: dict, **kwargs):
    """Open the page that holds the form, then post it with that page's CSRF token."""
    page = client.get(page_url)
    assert page.status_code == 200, page.text[:500]
    return client.post(action, data={"csrf_token": csrf_from(page.text), **data}, **kwargs)


def preview_import(client, text: str) -> str:
    """Upload `text` as a people file on the console's import page; the preview page it leads
    to, its HTML entities unescaped."""
    page = client.get("/console/people/import/")
    answer = client.post(
        "/console/people/import/",
        data={"csrf_token": csrf_from(page.text), "file": (io.BytesIO(text.encode()), "p.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302, answer.text
    return unescape(client.get(answer.headers["Location"]).text)


def confirm_import(client, app, preview: str):
    """Press Confirm on `preview`, the newest import's page; the batch, and the answer (its
    redirect to the result page)."""
    with app.app_context(), database.connection_context():
        batch = ImportBatch.select().order_by(ImportBatch.id.desc()).first()
    done = client.post(
        f"/console/people/import/{batch.id}", data={"csrf_token": csrf_from(preview)}
    )
    assert done.status_code == 302, done.text
    return batch, done

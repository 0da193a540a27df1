"""A connect link opened in a browser without the extension (cold trial, finding 2): the page
says to install the extension first and does not offer "Connect this browser" (the extension's
content script shows that form); the link stays unspent, and nobody counts as connected until a
browser actually uses the token (the by-hand path spends the link, but connects nobody by
itself)."""

from __future__ import annotations

import re

from test_connect_outcome import invite_for, token_on, works

from firsthand.db import database
from firsthand.models import User
from helpers import connect_by_hand


def state(app, user) -> tuple[int, object]:
    with app.app_context(), database.connection_context():
        fresh = User.get_by_id(user.id)
        return fresh.invites_used, fresh.connected_at


def test_without_the_extension_the_page_says_install_it_first(app, client, make_user):
    user, _ = make_user(name="Carla Diaz")
    page = client.get(f"/connect?invite={invite_for(app, user)}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # The form the extension presses is there for its content script, but hidden.
    assert re.search(r'<form id="firsthand-connect-form"[^>]* hidden>', html)
    assert "First install the Firsthand extension in this browser" in html
    assert "chrome://extensions" in html and "open this link again" in html
    assert "Connect by hand instead" in html  # the by-hand path, behind a disclosure
    assert state(app, user) == (0, None)


def test_showing_the_token_by_hand_connects_nobody_until_it_is_used(app, client, make_user):
    user, _ = make_user()
    shown = connect_by_hand(client, f"/connect?invite={invite_for(app, user)}")
    token = token_on(shown)
    assert shown.status_code == 200 and token
    used, connected_at = state(app, user)
    assert used == 1 and connected_at is None  # a token nobody pasted anywhere yet

    assert works(client, token)  # the extension (or options page) uses it: now connected
    assert state(app, user)[1] is not None


def test_the_used_page_no_longer_claims_the_browser_is_connected(app, client, make_user):
    user, _ = make_user()
    invite = invite_for(app, user)
    connect_by_hand(client, f"/connect?invite={invite}")
    again = client.get(f"/connect?invite={invite}")
    assert again.status_code == 410
    assert "the browser you used it in is connected" not in again.text
    assert "If not (the extension was not there yet), ask for a new link" in again.text

"""Hostile and careless use, tenth round (SQLite and PostgreSQL): small defects earlier rounds
left alone. The same words typed another way, and ids checked after bodies."""

from __future__ import annotations

import unicodedata

import pytest
from test_recognition import kudos

from firsthand.db import database
from firsthand.models import Kudos
from firsthand.stories_models import StorySuggestion

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)

COMPOSED = unicodedata.normalize("NFC", "Merci pour le Café!")
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # "e" then U+0301, as some keyboards send


# --- The same words typed another way ---------------------------------------------------------


def test_the_same_thanks_with_a_combining_accent_or_other_capitals_is_the_first(
    app, client, make_user
):
    """A retried kudos is found by its words; "Café" sent with a combining accent (macOS,
    some phones) or in other capitals was other words, so a double send made a second kudos
    with its points. What was typed first is kept and shown as it was."""
    assert COMPOSED != DECOMPOSED
    ann, _ = make_user("ann@example.com")
    _, bh = make_user("bob@example.com")
    first = kudos(client, bh, ann, COMPOSED)
    assert first.status_code == 201
    for again in (DECOMPOSED, COMPOSED.upper(), "merci pour le café!"):
        answer = kudos(client, bh, ann, again)
        assert answer.status_code == 200, (again, answer.get_json())
        assert answer.get_json()["duplicate"] is True
        assert answer.get_json()["kudos"]["id"] == first.get_json()["kudos"]["id"]
    assert kudos(client, bh, ann, "Merci pour le thé!").status_code == 201  # other words
    with app.app_context(), database.connection_context():
        assert [k.message for k in Kudos.select().order_by(Kudos.id)] == [
            COMPOSED,
            "Merci pour le thé!",
        ]


def test_the_same_suggestion_with_a_combining_accent_or_other_capitals_is_the_first(
    app, client, make_user
):
    auth = make_user()[1]
    link = "https://acme.example/cafe"
    first = client.post(
        "/api/v1/story-suggestions", json={"line": COMPOSED, "link": link}, headers=auth
    )
    assert first.status_code == 201
    for again in (DECOMPOSED, COMPOSED.lower()):
        answer = client.post(
            "/api/v1/story-suggestions", json={"line": again, "link": link}, headers=auth
        )
        assert answer.status_code == 200, (again, answer.get_json())
        assert answer.get_json()["id"] == first.get_json()["id"]
        assert answer.get_json()["duplicate"]
    elsewhere = client.post("/api/v1/story-suggestions", json={"line": COMPOSED}, headers=auth)
    assert elsewhere.status_code == 201  # the same line without the link: another suggestion
    with app.app_context(), database.connection_context():
        assert [s.line for s in StorySuggestion.select()] == [COMPOSED, COMPOSED]

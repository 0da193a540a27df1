"""A story's question the panel put in the post ("Start with this question") is the admin's
words, in the admin's language: the voice is read from the employee's own words around it
(cold trial 4: a Dutch draft with a Spanish question in it was read as Spanish company copy)."""

from __future__ import annotations

import uuid

import pytest

from firsthand.db import database
from firsthand.models import Share
from firsthand.stories_links import voice_reading
from helpers import linkedin_url

QUESTION = "¿Qué cambia Studio 3.0 para nuestros clientes?"
OWN = "Ik ben zo trots op ons team!"


def test_the_reading_leaves_out_the_story_s_questions_however_the_editor_spaced_them():
    assert voice_reading(f"{OWN} {QUESTION}", [QUESTION]).split() == OWN.split()
    respaced = QUESTION.replace(" ", "\u00a0", 2) + "\n" + OWN
    assert voice_reading(respaced, [QUESTION]).split() == OWN.split()
    assert voice_reading(QUESTION, [QUESTION]) == QUESTION  # nothing else: read it as it is
    assert voice_reading(f"{OWN} {QUESTION}", []) == f"{OWN} {QUESTION}"


@pytest.fixture
def story_and_employee(make_user, client):
    _, admin = make_user("admin@example.com", role="admin", name="Ada Admin")
    body = {
        "title": "Studio 3.0 is out",
        "context": "Studio 3.0 ships today with a rewritten export engine.",
        "questions": [QUESTION, "¿Qué parte construiste tú?"],
        "everyone": True,
    }
    story = client.post("/api/v1/stories", json=body, headers=admin)
    assert story.status_code == 201, story.get_json()
    return story.get_json()["id"], make_user("sanne@example.com", name="Sanne de Vries")[1]


@pytest.mark.parametrize("with_story", [True, False])
def test_a_logged_share_is_read_without_its_story_s_question(
    app, client, story_and_employee, with_story
):
    story_id, employee = story_and_employee
    body = {"url": linkedin_url(1), "network": "linkedin", "text": f"{OWN} {QUESTION}"}
    if with_story:
        body["story_id"] = story_id
    key = {"Idempotency-Key": str(uuid.uuid4())}
    answer = client.post("/api/v1/shares", json=body, headers={**employee, **key})
    assert answer.status_code == 201, answer.get_json()
    with app.app_context(), database.connection_context():
        voice = Share.get().voice
    # Without the story the question is the post's own words, and reads as company copy.
    assert voice == ("personal" if with_story else "corporate")

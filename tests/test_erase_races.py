"""Erasing a person while their clicks are being applied: nothing of theirs outlives it."""

import threading
import time

import psycopg
import pytest
from test_stories import people, post_story  # noqa: F401 (people is a fixture)

from firsthand.db import database
from firsthand.stories_models import StoryClicks


def test_a_click_applied_during_an_erasure_is_erased_too(app, client, people, db_url):  # noqa: F811
    """A click journal being applied share-locks the person's row while it adds their clicks
    (stories_click_apply._still_there). The erasure used to delete their clicks first and
    reach their row last, so a click committed in between stayed after the erasure."""
    if not db_url.startswith("postgres"):
        pytest.skip("PostgreSQL only: SQLite's write lock already runs the two one after the other")
    story_id = post_story(client, people["admin"][1])["id"]
    sam, headers = people["sales"]
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # connected already
    with psycopg.connect(db_url) as applier:  # another worker, applying a journal
        applier.execute('SELECT "id" FROM "user" WHERE "id" = %s FOR SHARE', [sam.id])
        applier.execute(
            'INSERT INTO "story_clicks" ("story_id", "user_id", "clicks", "first_click_at", '
            '"last_click_at") VALUES (%s, %s, 1, now(), now())',
            [story_id, sam.id],
        )
        answers = []
        erasure = threading.Thread(
            target=lambda: answers.append(
                app.test_client().delete(
                    "/api/v1/me", json={"confirm_email": "sam@example.com"}, headers=headers
                )
            )
        )
        erasure.start()
        time.sleep(0.5)  # the erasure is under way: deleting their clicks, or waiting
        applier.commit()
        erasure.join(30)
    assert answers and answers[0].status_code == 200
    with app.app_context(), database.connection_context():
        assert StoryClicks.select().where(StoryClicks.user == sam.id).count() == 0

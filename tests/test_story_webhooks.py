"""A published story is posted to Slack and Microsoft Teams incoming webhooks: tested against
a real HTTP server on loopback that receives them."""

from __future__ import annotations

import time

import pytest
from test_stories import QUESTIONS, post_story
from test_weekly_summary import Receiver


@pytest.fixture
def receiver():
    hooks = Receiver()
    yield hooks
    hooks.close()


def test_published_story_reaches_slack_and_teams(app, client, make_user, receiver):
    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    app.config["TEAMS_WEBHOOK_URL"] = f"{receiver.url}/teams"
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    draft = post_story(client, admin, status="draft", title="Not yet")
    time.sleep(0.3)
    assert receiver.received == []  # drafts are not announced
    client.patch(f"/api/v1/stories/{draft['id']}", json={"status": "published"}, headers=admin)
    received = dict(receiver.wait_for(2))
    slack, teams = received["/slack"], received["/teams"]
    assert slack["text"] == "New story to tell: Not yet"
    assert all(q in slack["blocks"][1]["text"]["text"] for q in QUESTIONS)
    assert "<https://acme.example/atlas?ref=home|Read more>" in slack["blocks"][1]["text"]["text"]
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["body"][0]["text"] == "New story to tell: Not yet"
    assert card["content"]["actions"][0]["url"] == "https://acme.example/atlas?ref=home"
    client.patch(f"/api/v1/stories/{draft['id']}", json={"title": "Edited"}, headers=admin)
    time.sleep(0.3)
    assert len(receiver.received) == 2  # an edit is not news


def test_a_broken_webhook_never_fails_the_story(app, client, make_user):
    app.config["SLACK_WEBHOOK_URL"] = "http://127.0.0.1:1/nothing-listens"
    broken = Receiver(status=500)
    app.config["TEAMS_WEBHOOK_URL"] = broken.url
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    story = post_story(client, admin)
    assert story["state"] == "live"
    assert len(broken.wait_for(1)) == 1
    broken.close()

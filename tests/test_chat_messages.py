"""The Slack and Teams messages within the receivers' limits, whatever people named things.

- A story for many teams said "For A, B, … only." with every team's name: 60 teams of 50
  characters made 3,198 characters, past the 3,000 of Slack's text, and Slack refused the
  announcement on every try. The line names ten teams at most and counts the others.
"""

from __future__ import annotations

from test_hostile_edges_19 import announcements
from test_stories import post_story
from test_weekly_summary import Receiver

from firsthand.chat_text import units
from firsthand.db import database
from firsthand.teams import create_team


def _teams(app, clock, names: list[str]) -> list[int]:
    with app.app_context(), database.connection_context():
        return [create_team(name, clock(), None).id for name in names]


def test_a_story_for_many_teams_names_some_and_counts_the_others(app, client, make_user, clock):
    names = [f"Regional Customer Success Team {k:02d} – Northern Europe"[:50] for k in range(60)]
    ids = _teams(app, clock, names)
    receiver = Receiver()
    try:
        app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
        app.config["TEAMS_WEBHOOK_URL"] = f"{receiver.url}/teams"
        admin = make_user("ada@example.com", role="admin", team="Comms")[1]
        story = post_story(client, admin, everyone=False, team_ids=ids)
        received = dict(receiver.wait_for(2))
    finally:
        receiver.close()
    footer = received["/slack"]["blocks"][-1]["elements"][0]["text"]
    assert units(footer) <= 3000
    assert footer.startswith(f"For {names[0]}, {names[1]}, ")
    assert f"{names[9]} and 50 other teams only. Open the Ideas tab" in footer
    assert names[10] not in footer
    card = received["/teams"]["attachments"][0]["content"]
    assert card["body"][-1]["text"].endswith(" and 50 other teams only.")
    assert announcements(app) == [
        (story["id"], "slack", "sent", 1),
        (story["id"], "teams", "sent", 1),
    ]


def test_a_few_teams_are_all_named(app, client, make_user, clock):
    ids = _teams(app, clock, ["Legal", "Sales", "Support"])
    receiver = Receiver()
    try:
        app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
        admin = make_user("ada@example.com", role="admin", team="Comms")[1]
        post_story(client, admin, everyone=False, team_ids=ids)
        ((_, slack),) = receiver.wait_for(1)
    finally:
        receiver.close()
    footer = slack["blocks"][-1]["elements"][0]["text"]
    assert footer.startswith("For Legal, Sales and Support only. Open the Ideas tab")

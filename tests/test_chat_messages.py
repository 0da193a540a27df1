"""The Slack and Teams messages within the receivers' limits, whatever people named things.

- A story for many teams said "For A, B, … only." with every team's name: 60 teams of 50
  characters made 3,198 characters, past the 3,000 of Slack's text, and Slack refused the
  announcement on every try. The line names ten teams at most and counts the others.
- The weekly summary's Slack text was cut at 3,000 characters at its end: with long names,
  "Thanked with kudos" and the "and N colleagues" counts went. The longest line now names
  one person fewer (counted among the colleagues) until all the lines fit.
- Slack formatting in people's words still rendered (chat_text's docstring said it did
  not): "*Boss*" bold, "_x_" italic, backticks code, a bare https://… or #channel a link.
  Each marker now sits between word joiners (Slack has no escape for them), the text
  objects are "verbatim" (no automatic links), and Teams' {{DATE(…)}} is broken apart.
  Emoji (a keycap *️⃣ too) and right-to-left text are left as they are.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from test_hostile_edges_19 import announcements
from test_stories import post_story
from test_weekly_summary import Receiver

from firsthand.chat_text import fit, slack_escape, units
from firsthand.db import database
from firsthand.teams import create_team
from firsthand.weekly_summary import Named, Summary
from firsthand.weekly_summary_messages import slack_payload, teams_payload


@pytest.fixture
def receiver_pair(app):
    """One receiver for both channels: Slack at /slack, Teams at /teams."""
    receiver = Receiver()
    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    app.config["TEAMS_WEBHOOK_URL"] = f"{receiver.url}/teams"
    yield receiver
    receiver.close()


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


def _long_summary(name_length: int = 120) -> Summary:
    names = [
        ("Maria-Fernanda " + "de los Santos " * 9)[: name_length - 3] + f" {k}" for k in range(10)
    ]
    return Summary(
        week=date(2026, 11, 16),
        shares=50,
        own_voice=40,
        stories_told=12,
        stories=[("T" * 139 + str(k), 4) for k in range(3)],
        kudos=30,
        badges=12,
        own_voice_people=Named(names, 5),
        badge_people=Named([n + " (First Share)" for n in names], 2),
        thanked_people=Named(names, 9),
    )


def test_long_names_shorten_each_line_of_the_summary_and_every_line_stays():
    summary = _long_summary()
    body = slack_payload(summary)["blocks"][2]["text"]["text"]
    assert units(body) <= 3000
    lines = body.split("\n")
    assert [line.split(":*")[0] for line in lines] == [
        "*Stories told",
        "*In their own voice",
        "*Badges earned",
        "*Thanked with kudos",
    ]
    assert "…" not in body  # nothing cut: names left out whole, and counted
    for line, named in zip(
        lines[1:],
        (summary.own_voice_people, summary.badge_people, summary.thanked_people),
        strict=True,
    ):
        counted = int(re.search(r" and (\d+) colleagues$", line).group(1))
        shown = sum(name in line for name in named.names)
        assert 0 < shown < 10 and shown + counted == named.total
    # Teams has no such limit: everyone named stays named there.
    card = teams_payload(summary)["attachments"][0]["content"]["body"]
    assert all(name in str(card) for name in summary.thanked_people.names)


def test_a_summary_that_fits_is_not_shortened():
    summary = _long_summary(name_length=20)
    body = slack_payload(summary)["blocks"][2]["text"]["text"]
    assert all(name in body for name in summary.thanked_people.names)
    assert body.endswith("and 9 colleagues")


HOSTILE = (
    "*Boss* _x_ ~y~ `z` ```block``` https://evil.example/x www.evil.example #general "
    "{{DATE(2026-11-18T09:00:00Z, SHORT)}} 👩‍👩‍👧‍👦 *️⃣ مرحبا بالعالم"
)
JOINER = "\u2060"  # WORD JOINER
KEYCAP = "*\ufe0f\u20e3"  # *️⃣: an emoji, not a marker


def unguarded(text: str) -> list[str]:
    """The Slack markers in `text` that are not between word joiners."""
    found = re.findall(f"(?<!{JOINER})[*_~`]|[*_~`](?!{JOINER})", text.replace(KEYCAP, ""))
    return found


def test_formatting_in_peoples_words_does_not_render(app, client, make_user, receiver_pair):
    receiver = receiver_pair
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    post_story(client, admin, title=HOSTILE[:140], context=HOSTILE)
    received = dict(receiver.wait_for(2))
    slack, teams = received["/slack"], received["/teams"]
    section = slack["blocks"][1]["text"]
    context = section["text"].split("\n\n*Tell it your way:*")[0]
    assert unguarded(context) == unguarded(slack["text"]) == []
    assert context.replace(JOINER, "") == HOSTILE  # nothing else changed: emoji, Arabic, *️⃣
    assert "👩‍👩‍👧‍👦 *️⃣ مرحبا بالعالم" in context
    assert section["verbatim"] is True  # no link made of https://evil… nor #general
    assert slack["blocks"][-1]["elements"][0]["verbatim"] is True
    assert "<https://acme.example/atlas?ref=home|Read more>" in section["text"]  # ours
    card = teams["attachments"][0]["content"]
    for block in card["body"][:2]:
        assert "{{" not in block["text"] and f"{{{JOINER}{{DATE" in block["text"]
        assert "👩‍👩‍👧‍👦" in block["text"] and "مرحبا" in block["text"]


def test_names_in_the_summary_do_not_format():
    names = ["Sam *Boss* Sales", "_Ivy_", "`rm -rf`", "~Old~ New"]
    summary = Summary(
        week=date(2026, 11, 16),
        shares=4,
        own_voice=4,
        stories_told=0,
        stories=[],
        kudos=4,
        badges=0,
        own_voice_people=Named(names, 0),
        badge_people=Named([], 0),
        thanked_people=Named(names, 0),
    )
    body = slack_payload(summary)["blocks"][2]["text"]
    for line in body["text"].split("\n"):
        people = line.split(":* ", 1)[1]  # after our own bold label
        assert unguarded(people) == []
        assert people.replace(JOINER, "") == "Sam *Boss* Sales, _Ivy_, `rm -rf` and ~Old~ New"
    assert body["verbatim"] is True


def test_a_cut_never_leaves_a_marker_without_its_joiner():
    text = slack_escape("*" * 40)
    for limit in range(1, 60):
        cut = fit(text, limit)
        assert units(cut) <= limit and unguarded(cut.rstrip("…")) == [], limit

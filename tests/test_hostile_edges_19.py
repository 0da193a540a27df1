"""Hostile and careless use, nineteenth round (a cold hunt on the stories' announcements, the
weekly summary and time).

- A week whose summary a channel refused on all of its Monday's runs was never posted: every
  later run posted only its own last week. A run now also retries the four weeks before.
- A webhook that redirects (301/302) counted as delivered: requests followed it as a GET
  without the body, and the new address's 200 marked the week sent. Redirects are failures,
  saying to set the webhook's current address.
- A story's announcement that a channel refused was lost, with a log line only; a story set
  back to draft and published again was announced a second time. Each (story, channel) is
  recorded now: announced once, a failure shown on the story's page, posted again by
  "Announce again" there or by `firsthand announce-stories` (cron) while the story is live.
- A long context cut the Slack section at 3,000 characters after escaping: the questions and
  the link were lost, or the message ended inside "<http…". A long title pushed the start
  time out of the header, its cut splitting a family emoji.
- The weekly summary counted stale shares (which count towards nothing) and named their
  authors, and named a withdrawn story by its title to the whole channel.
- A share's posted_at years before its LinkedIn id was made was taken as said.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from test_stories import log, post_story
from test_weekly_summary import (
    NEXT_MONDAY,
    OWN_WORDS,
    WEEK,
    Receiver,
    set_webhooks,
    summary_posts,
    week_of_stories,  # noqa: F401 - a fixture
)

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.models import User
from firsthand.webhook_models import StoryAnnouncement
from helpers import CLOCK_START, linkedin_url


@pytest.fixture
def receiver():
    hooks = Receiver()
    yield hooks
    hooks.close()


def announcements(app, wait: bool = True) -> list[tuple]:
    """(story, destination, state, attempts), once no announcement is still being sent."""
    deadline = time.monotonic() + 10
    while True:
        with app.app_context(), database.connection_context():
            rows = list(
                StoryAnnouncement.select(
                    StoryAnnouncement.story,
                    StoryAnnouncement.destination,
                    StoryAnnouncement.state,
                    StoryAnnouncement.attempts,
                )
                .order_by(StoryAnnouncement.story, StoryAnnouncement.destination)
                .tuples()
            )
        if not wait or all(r[2] != "sending" for r in rows) or time.monotonic() > deadline:
            return rows
        time.sleep(0.02)


@contextmanager
def slack_channel(app, status: int = 200):
    """A Slack channel on loopback answering `status`, set as the summary's webhook."""
    channel = Receiver(status=status)
    try:
        set_webhooks(app, f"{channel.url}/slack")
        yield channel
    finally:
        channel.close()


# --- The weekly summary -----------------------------------------------------------------


@pytest.mark.usefixtures("week_of_stories")
def test_a_week_refused_on_all_its_mondays_runs_is_posted_by_the_next_week_s_run(
    app, runner, clock
):
    with slack_channel(app, status=500):
        for hour in (8, 9, 10):  # the README's cron line: Mondays 08:00, 09:00 and 10:00
            clock.set(datetime(2026, 11, 23, hour, tzinfo=UTC))
            assert runner.invoke(args=["send-weekly-summary"]).exit_code == 1
    with slack_channel(app) as back:
        clock.set(datetime(2026, 11, 30, 8, tzinfo=UTC))
        result = runner.invoke(args=["send-weekly-summary"])
        assert result.exit_code == 0, result.output
        assert "Posted the summary of the week of 16–22 Nov 2026 to Slack." in result.output
        assert "Posted the summary of the week of 23–29 Nov 2026 to Slack." in result.output
        headings = [body["text"] for _, body in back.received]
        assert headings == [  # oldest first, each once
            "Firsthand weekly recognition: 16–22 Nov 2026",
            "Firsthand weekly recognition: 23–29 Nov 2026",
        ]
        again = runner.invoke(args=["send-weekly-summary"])
        assert again.exit_code == 0 and len(back.received) == 2
        assert [row[2] for row in summary_posts(app)] == ["sent", "sent"]


@pytest.mark.usefixtures("week_of_stories")
def test_a_failed_week_older_than_four_weeks_is_left_to_week(app, runner, clock):
    with slack_channel(app, status=500):
        assert runner.invoke(args=["send-weekly-summary"]).exit_code == 1
    with slack_channel(app) as back:
        clock.set(NEXT_MONDAY + timedelta(weeks=5))  # 16 Nov is now six weeks back
        assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
        # The last week and the four before it, which no run tried (cron was down): 16 Nov
        # is not among them, old news is not posted unasked.
        headings = [body["text"].rsplit(": ", 1)[1] for _, body in back.received]
        assert headings == [
            "23–29 Nov 2026",
            "30 Nov – 6 Dec 2026",
            "7–13 Dec 2026",
            "14–20 Dec 2026",
            "21–27 Dec 2026",
        ]
        retried = runner.invoke(args=["send-weekly-summary", "--week", "2026-W47"])
        assert retried.exit_code == 0 and len(back.received) == 6


@pytest.mark.usefixtures("week_of_stories")
def test_a_redirecting_webhook_is_not_taken_as_delivered(app, runner):
    moved = Receiver(status=302, headers={"Location": "/elsewhere"})
    try:
        set_webhooks(app, f"{moved.url}/slack")
        result = runner.invoke(args=["send-weekly-summary"])
        assert result.exit_code == 1
        assert "Slack answered HTTP 302, a redirect (nothing was posted)" in result.output
        assert [path for path, _ in moved.received] == ["/slack"]  # not followed as a GET
        assert summary_posts(app) == [(WEEK, "slack", "failed", 1)]
    finally:
        moved.close()


def test_the_summary_leaves_out_stale_shares_and_their_authors(
    app, client, runner, make_user, clock, receiver
):
    olga = make_user("olga@example.com", name="Olga Oldposts")
    with app.app_context(), database.connection_context():
        joined = datetime(2026, 1, 1, tzinfo=UTC)  # long before the post: it is old, not hers
        User.update(created_at=joined).where(User.id == olga[0].id).execute()
    old = CLOCK_START - timedelta(days=40)
    body = {"url": linkedin_url(7, old), "network": "linkedin", "text": OWN_WORDS[0]}
    answer = client.post("/api/v1/shares", json=body, headers=olga[1])
    assert answer.status_code == 201 and answer.get_json()["points_awarded"] == 0
    clock.set(NEXT_MONDAY)
    set_webhooks(app, f"{receiver.url}/slack")
    assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
    text = str(receiver.received[0][1])
    assert "Olga" not in text and "*0 shares*" in text and "A quiet week" in text


def test_the_summary_does_not_name_a_withdrawn_story(
    app, client, runner, make_user, clock, receiver
):
    app.config["ANALYTICS_MIN_GROUP"] = 2
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    story = post_story(client, admin, title="Secret acquisition of Foo")
    for n in (1, 2):
        person = make_user(f"p{n}@example.com", team="Sales")[1]
        link = client.get("/api/v1/stories", headers=person).get_json()["data"][0]
        answer = log(client, person, n, text=OWN_WORDS[n - 1] + link["tracked_link"])
        assert answer.status_code == 201
    withdrawn = {"status": "withdrawn"}
    path = f"/api/v1/stories/{story['id']}"
    assert client.patch(path, json=withdrawn, headers=admin).status_code == 200
    clock.set(NEXT_MONDAY)
    set_webhooks(app, f"{receiver.url}/slack")
    assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
    text = str(receiver.received[0][1])
    assert "Secret acquisition" not in text
    assert "*2 stories* told" in text  # its shares still count, unnamed


# --- A story's announcements --------------------------------------------------------------


def test_a_story_published_again_is_not_announced_again(app, client, make_user, clock, receiver):
    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    story = post_story(client, admin, ends_at="2026-11-20T09:00:00Z")
    assert len(receiver.wait_for(1)) == 1
    clock.set(datetime(2026, 11, 21, 9, tzinfo=UTC))  # it ran out: back to draft, then again
    path = f"/api/v1/stories/{story['id']}"
    assert client.patch(path, json={"status": "draft"}, headers=admin).status_code == 200
    again = {"status": "published", "ends_at": "2026-12-20T09:00:00Z"}
    assert client.patch(path, json=again, headers=admin).status_code == 200
    time.sleep(0.3)
    assert len(receiver.received) == 1
    assert announcements(app) == [(story["id"], "slack", "sent", 1)]


def test_a_refused_announcement_is_recorded_and_posted_again_by_the_command(
    app, client, runner, make_user, clock
):
    moved = Receiver(status=301, headers={"Location": "/new-address"})
    app.config["SLACK_WEBHOOK_URL"] = f"{moved.url}/slack"
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    story = post_story(client, admin)
    assert announcements(app) == [(story["id"], "slack", "failed", 1)]
    moved.close()
    back = Receiver()
    try:
        app.config["SLACK_WEBHOOK_URL"] = f"{back.url}/slack"
        result = runner.invoke(args=["announce-stories"])
        assert result.exit_code == 0, result.output
        assert "Announced the story 'Atlas is live' to Slack." in result.output
        assert back.received[0][1]["text"] == "New story to tell: Atlas is live"
        assert announcements(app) == [(story["id"], "slack", "sent", 2)]
        assert "No story announcement is waiting" in runner.invoke(args=["announce-stories"]).output
        assert len(back.received) == 1
    finally:
        back.close()


def test_a_story_that_ran_out_is_not_announced_late(app, client, runner, make_user, clock):
    down = Receiver(status=500)
    app.config["SLACK_WEBHOOK_URL"] = f"{down.url}/slack"
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    post_story(client, admin, ends_at="2026-11-20T09:00:00Z")
    assert announcements(app)[0][2] == "failed"
    down.close()
    back = Receiver()
    try:
        app.config["SLACK_WEBHOOK_URL"] = f"{back.url}/slack"
        clock.set(datetime(2026, 11, 21, tzinfo=UTC))
        assert "No story announcement is waiting" in runner.invoke(args=["announce-stories"]).output
        assert back.received == []
    finally:
        back.close()


def test_the_story_page_shows_a_refused_announcement_and_sends_it_again(
    app, client, make_user, clock
):
    down = Receiver(status=500)
    app.config["SLACK_WEBHOOK_URL"] = f"{down.url}/slack"
    admin = make_user("ada@example.com", role="admin", team="Comms")
    story = post_story(client, admin[1])
    assert announcements(app)[0][2] == "failed"
    down.close()
    sign_in(client, app, admin[0], clock)
    page = client.get(f"/console/stories/{story['id']}").text
    assert "Not announced to Slack</strong>: answered HTTP 500 (1 attempt)" in page
    assert "Announce again" in page
    # Said at the top too (it sat below the fold under a green "posted": a new admin's try),
    # with where the addresses are, for an admin.
    top = page.index("data-not-announced")
    assert top < page.index("What it did") and "Not announced to Slack: see" in page
    assert 'href="/console/settings/"' in page
    back = Receiver()
    try:
        app.config["SLACK_WEBHOOK_URL"] = f"{back.url}/slack"
        path = f"/console/stories/{story['id']}"
        answer = post_form(client, path, f"{path}/announce", {}, follow_redirects=True)
        assert "Announced to Slack." in answer.text
        assert "Announced to Slack on" in answer.text and "Announce again" not in answer.text
        assert len(back.received) == 1
        # It posted in the company's name: the audit log says who did, and where.
        log = unescape(client.get("/console/audit/?action=story.announce").text)
        assert "announced again, to Slack or Teams, the story" in log
        assert "Posted to: Slack" in log and "Refused" not in log
    finally:
        back.close()


def test_a_long_context_keeps_the_questions_and_link_and_a_long_title_the_start(
    app, client, make_user, receiver
):
    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    context = ("Q&A with R&D, P&L <3 " * 200)[:3990]  # each & and < grows when escaped
    family = "👩‍👩‍👧‍👦"
    title = (family * 20 + "x" * 40)[:140]
    post_story(client, admin, context=context, title=title, starts_at="2026-12-01T08:00:00Z")
    body = receiver.wait_for(1)[0][1]
    section = body["blocks"][1]["text"]["text"]
    assert len(section.encode("utf-16-le")) // 2 <= 3000
    assert "*Tell it your way:*" in section and section.endswith("|Read more>")
    cut = section.split("\n\n*Tell it your way:*")[0]
    assert cut.endswith("…") and not cut[:-1].rstrip().endswith(("&", "&a", "&am", "&l", "&g"))
    header = body["blocks"][0]["text"]["text"]
    assert header.endswith(" (from 1 Dec 2026, 08:00 UTC)")
    assert len(header.encode("utf-16-le")) // 2 <= 150
    shown = header.removeprefix("New story to tell: ").split("…")[0]
    assert shown and shown.replace(family, "") == ""  # whole families only


# --- A share's date -----------------------------------------------------------------------


def test_posted_at_before_the_post_id_was_made_is_refused(client, make_user):
    me = make_user("skew@example.com")[1]
    body = {"url": linkedin_url(3), "network": "linkedin", "posted_at": "2001-01-01T00:00:00Z"}
    answer = client.post("/api/v1/shares", json=body, headers=me)
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["message"] == (
        "posted_at is 2001-01-01, before the post existed: its link's id says it was made on "
        "2026-11-18."
    )
    german = client.post("/api/v1/shares", json=body, headers={**me, "Accept-Language": "de"})
    assert "2026-11-18" in german.get_json()["error"]["message"]
    assert client.get("/api/v1/shares", headers=me).get_json()["data"] == []
    body["posted_at"] = "2026-11-17T12:00:00Z"  # within a day of it: clocks disagree
    assert client.post("/api/v1/shares", json=body, headers=me).status_code == 201


def test_a_team_s_story_says_whom_it_is_for_in_the_channel(app, client, make_user, receiver):
    """The Ideas tab shows a team's story to that team alone; the channel is often everyone's,
    and the others were told to open a tab where it never appears."""
    from test_stories import team_id

    app.config["SLACK_WEBHOOK_URL"] = f"{receiver.url}/slack"
    app.config["TEAMS_WEBHOOK_URL"] = f"{receiver.url}/teams"
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    make_user("sam@example.com", team="Sales & Ops")
    post_story(client, admin, everyone=False, team_ids=[team_id(app, "Sales & Ops")])
    received = receiver.by_path() if len(receiver.wait_for(2)) == 2 else {}
    footer = received["/slack"][0]["blocks"][-1]["elements"][0]["text"]
    assert footer.startswith("For Sales &amp; Ops only. Open the Ideas tab")
    card = received["/teams"][0]["attachments"][0]["content"]["body"]
    assert card[-1]["text"] == "For Sales & Ops only."


# --- A new admin's cold try of the README (5 December) ---------------------------------


@pytest.mark.usefixtures("week_of_stories")
def test_a_dry_run_says_when_the_summary_is_off_and_shows_its_last_line(app, runner):
    set_webhooks(app, "https://hooks.slack.com/services/T/B/x", weekly=False)
    result = runner.invoke(args=["send-weekly-summary", "--dry-run"])
    assert result.exit_code == 0
    assert result.output.startswith("The weekly summary is turned off")
    assert "Names appear only for people who show on the leaderboards." in result.output


def test_the_settings_page_shows_a_webhook_s_port():
    from firsthand.console.settings_views import masked

    assert masked("http://127.0.0.1:5072/slack-hook") == "http://127.0.0.1:5072/…hook"
    assert masked("https://hooks.slack.com/services/T0/B0/Xy12") == "https://hooks.slack.com/…Xy12"

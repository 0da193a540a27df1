"""What a Slack or Teams webhook answered, read as it means it, within a deadline for the whole
exchange. Against real HTTP servers on loopback.

- Teams' Office 365 connectors answer HTTP 200 to a message they did not deliver ("Webhook
  message delivery failed with error: … HTTP error 413"): it counted as sent. A 2xx whose
  body is such a refusal, or a web page (a sign-in or captive portal), is a failure now,
  shown as the others are; Slack's "ok", a connector's "1" and a Power Automate workflow's
  202 with no body are still deliveries.
- requests' timeout bounds each wait on the socket: a receiver trickling its answer held
  `send-weekly-summary` (and the console's *Announce again*, the announcement thread) for
  minutes. The whole exchange now ends at the timeout.
"""

from __future__ import annotations

import gzip
import threading
import time

import pytest
from test_hostile_edges_19 import announcements
from test_stories import post_story
from test_weekly_summary import (
    WEEK,
    Receiver,
    set_webhooks,
    summary_posts,
    week_of_stories,  # noqa: F401 - a fixture
)

from console_helpers import post_form, sign_in
from firsthand import stories_webhooks
from firsthand.webhook_claims import post_json

TEAMS_413 = (
    "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error "
    "413 with ContextId tcid=0,server=msgapi-production-eus-azsc1-4-170,cv=deadbeef.0.."
)
SIGN_IN_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head>"
    "<body><form>…</form></body></html>"
)


@pytest.mark.parametrize(
    ("status", "body", "headers", "refused"),
    [
        (200, b"ok", {"Content-Type": "text/html"}, None),  # Slack (its "ok" is text/html)
        (200, b"1", {"Content-Type": "text/plain; charset=utf-8"}, None),  # a Teams connector
        (202, b"", {}, None),  # a Power Automate workflow
        (200, b'{"ok": true}', {"Content-Type": "application/json"}, None),
        (200, TEAMS_413.encode(), {"Content-Type": "text/plain; charset=utf-8"}, "413"),
        (
            200,
            gzip.compress(TEAMS_413.replace("413", "429").encode()),
            {"Content-Type": "text/plain; charset=utf-8", "Content-Encoding": "gzip"},
            "429",
        ),
        (200, SIGN_IN_PAGE.encode(), {"Content-Type": "text/html"}, "web page"),
        (200, b'{"ok": false, "error": "invalid_payload"}', {}, "invalid_payload"),
    ],
)
def test_a_2xx_is_judged_by_its_body(status, body, headers, refused):
    receiver = Receiver(status=status, body=body, headers=headers)
    try:
        error = post_json(f"{receiver.url}/hook", {"text": "hello"}, 5)
    finally:
        receiver.close()
    if refused is None:
        assert error is None
    else:
        assert error.startswith(f"answered HTTP {status} but did not post the message: ")
        assert refused in error and "ContextId" not in error


def test_the_refusal_says_what_teams_said():
    receiver = Receiver(body=TEAMS_413.encode())
    try:
        error = post_json(receiver.url, {"text": "hello"}, 5)
    finally:
        receiver.close()
    assert error == (
        "answered HTTP 200 but did not post the message: “Webhook message delivery failed with "
        "error: Microsoft Teams endpoint returned HTTP error 413” (the message is too large "
        "for Teams)"
    )
    page = Receiver(body=SIGN_IN_PAGE.encode())
    try:
        error = post_json(page.url, {"text": "hello"}, 5)
    finally:
        page.close()
    assert "a web page (“Sign in to your account”), not a webhook's answer" in error


@pytest.mark.usefixtures("week_of_stories")
def test_a_summary_teams_did_not_deliver_is_a_failure_retried_next_run(app, runner):
    slack, teams = Receiver(body=b"ok"), Receiver(body=TEAMS_413.encode())
    try:
        set_webhooks(app, f"{slack.url}/slack", f"{teams.url}/teams")
        result = runner.invoke(args=["send-weekly-summary"])
        assert result.exit_code == 1
        assert "Microsoft Teams answered HTTP 200 but did not post the message" in result.output
        assert "HTTP error 413” (the message is too large for Teams)" in result.output
        assert summary_posts(app) == [(WEEK, "slack", "sent", 1), (WEEK, "teams", "failed", 1)]
        teams.body = b"1"
        again = runner.invoke(args=["send-weekly-summary"])
        assert again.exit_code == 0, again.output
        assert summary_posts(app) == [(WEEK, "slack", "sent", 1), (WEEK, "teams", "sent", 2)]
        assert len(slack.received) == 1 and len(teams.received) == 2
    finally:
        slack.close()
        teams.close()


def test_the_story_page_shows_an_announcement_teams_did_not_deliver(app, client, make_user, clock):
    teams = Receiver(body=TEAMS_413.encode())
    try:
        app.config["TEAMS_WEBHOOK_URL"] = f"{teams.url}/teams"
        admin = make_user("ada@example.com", role="admin", team="Comms")
        story = post_story(client, admin[1])
        assert announcements(app) == [(story["id"], "teams", "failed", 1)]
        sign_in(client, app, admin[0], clock)
        path = f"/console/stories/{story['id']}"
        page = client.get(path).text
        assert "Not announced to Microsoft Teams</strong>: answered HTTP 200 but did not" in page
        answer = post_form(client, path, f"{path}/announce", {}, follow_redirects=True)
        assert "Not announced: Microsoft Teams answered HTTP 200 but did not post" in answer.text
        assert announcements(app) == [(story["id"], "teams", "failed", 2)]
    finally:
        teams.close()


# --- A deadline for the whole exchange ------------------------------------------------------


@pytest.mark.parametrize("trickled", ["headers", "body"])
def test_a_trickled_answer_ends_at_the_timeout(trickled):
    receiver = Receiver(drip=0.1, trickled=trickled)  # a byte every 0.1 s: no wait is long
    try:
        started = time.monotonic()
        error = post_json(receiver.url, {"text": "hello"}, 1)
        took = time.monotonic() - started
    finally:
        receiver.close()
    assert error == "no answer within 1 seconds"
    assert took < 1.5
    # The connection was shut under the post: its thread does not linger until the receiver
    # is done (200 headers' worth of waits, each short of the timeout).
    deadline = time.monotonic() + 2
    while any(t.name == "webhook-post" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the post's thread is still reading"
        time.sleep(0.02)


@pytest.mark.usefixtures("week_of_stories")
def test_the_summary_command_gives_up_on_a_trickling_channel_on_time(app, runner):
    app.config["WEBHOOK_TIMEOUT_SECONDS"] = 1
    slow = Receiver(drip=0.1)
    try:
        set_webhooks(app, f"{slow.url}/slack")
        started = time.monotonic()
        result = runner.invoke(args=["send-weekly-summary"])
        assert time.monotonic() - started < 3
        assert result.exit_code == 1
        assert "Slack no answer within 1 seconds" in result.output
        assert summary_posts(app) == [(WEEK, "slack", "failed", 1)]
    finally:
        slow.close()


def test_announce_again_gives_up_on_a_trickling_channel_on_time(
    app, client, make_user, clock, monkeypatch
):
    monkeypatch.setattr(stories_webhooks, "TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(stories_webhooks, "RETRY_TIMEOUT_SECONDS", 1)
    slow = Receiver(drip=0.1)
    try:
        app.config["SLACK_WEBHOOK_URL"] = f"{slow.url}/slack"
        admin = make_user("ada@example.com", role="admin", team="Comms")
        started = time.monotonic()
        story = post_story(client, admin[1])
        assert announcements(app) == [(story["id"], "slack", "failed", 1)]
        assert time.monotonic() - started < 3  # the announcement's thread gave up too
        sign_in(client, app, admin[0], clock)
        path = f"/console/stories/{story['id']}"
        started = time.monotonic()
        answer = post_form(client, path, f"{path}/announce", {}, follow_redirects=True)
        assert time.monotonic() - started < 3
        assert "Not announced: Slack no answer within 1 seconds" in answer.text
        assert announcements(app) == [(story["id"], "slack", "failed", 2)]
    finally:
        slow.close()

"""The weekly recognition summary to Slack and Microsoft Teams: turned on in the console's
webhook settings, sent by `firsthand send-weekly-summary` (cron), once per week. Tested
against a real HTTP server on loopback that receives the webhooks."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_stories import log, post_story

from console_helpers import post_form, sign_in
from firsthand.db import database
from firsthand.models import User
from firsthand.rules import load_rulebook
from firsthand.stories_models import Story
from firsthand.webhook_models import WebhookSettings, WeeklySummaryPost
from firsthand.weekly_summary import summarise
from firsthand.weekly_summary_messages import week_label
from firsthand.weekly_summary_weeks import parse_week
from helpers import SERVER_POLL_SECONDS, bystanders

WEEK = date(2026, 11, 16)  # the clock starts on Wednesday 18 Nov 2026: this week's Monday
NEXT_MONDAY = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
OWN_WORDS = [
    "I spent three months on the route planner in Atlas, and seeing Dana's team in Lyon "
    "plan a full week in ten minutes made it all worth it. Proud of us! ",
    "My first customer call with Atlas this morning: a rep in Porto told me she got her "
    "Friday afternoons back. That is why I love my job. ",
]


class Receiver:
    """An incoming-webhook endpoint on loopback: records each post, answers `status` (with
    `headers` and `body`) after `delay` seconds (a delay past the client's timeout is a
    timeout). With `drip`, it trickles its answer (its headers, or with trickled="body" its
    body), a byte every `drip` seconds: each wait on the socket is short, the whole answer
    never comes."""

    def __init__(
        self,
        status: int = 200,
        delay: float = 0.0,
        headers: dict | None = None,
        body: bytes = b"",
        drip: float = 0.0,
        trickled: str = "headers",
    ) -> None:
        self.received: list[tuple[str, dict]] = []
        self.status, self.delay, self.headers = status, delay, headers or {}
        self.body, self.drip, self.trickled = body, drip, trickled
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # a body of Content-Length, no close to end it

            def do_POST(self):  # noqa: N802 - the http.server API
                length = int(self.headers["Content-Length"])
                receiver.received.append((self.path, json.loads(self.rfile.read(length))))
                time.sleep(receiver.delay)
                try:
                    if receiver.drip:
                        self.trickle()
                        return
                    self.send_response(receiver.status)
                    for name, value in receiver.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(receiver.body)))
                    self.end_headers()
                    self.wfile.write(receiver.body)
                except OSError:
                    pass  # the client gave up waiting

            def trickle(self):
                if receiver.trickled == "body":  # the headers at once, then the body
                    self.send_response(receiver.status)
                    self.send_header("Content-Length", "10000")
                    self.end_headers()
                    answer = "." * 10_000
                else:
                    answer = f"HTTP/1.1 {receiver.status} OK\r\nX-Slow: " + "." * 10_000
                for char in answer:
                    self.wfile.write(char.encode())
                    self.wfile.flush()
                    time.sleep(receiver.drip)

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        serve = self.server.serve_forever
        threading.Thread(target=serve, args=(SERVER_POLL_SECONDS,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count: int) -> list[tuple[str, dict]]:
        deadline = time.monotonic() + 10
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.received

    def by_path(self) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        for path, body in self.received:
            found.setdefault(path, []).append(body)
        return found


@pytest.fixture
def receiver():
    hooks = Receiver()
    yield hooks
    hooks.close()


def set_webhooks(app, slack=None, teams=None, weekly=True, since=None, teams_since=None) -> None:
    """The console's webhook settings; `since`: when the summary was turned on and the
    addresses set (the Teams address at `teams_since`, when given)."""
    with app.app_context(), database.connection_context():
        WebhookSettings.delete().execute()
        WebhookSettings.create(
            id=1,
            slack_url=slack,
            teams_url=teams,
            weekly_summary=weekly,
            weekly_summary_since=since,
            slack_since=since if slack else None,
            teams_since=(teams_since or since) if teams else None,
        )


def summary_posts(app) -> list[tuple]:
    with app.app_context(), database.connection_context():
        return list(
            WeeklySummaryPost.select(
                WeeklySummaryPost.week,
                WeeklySummaryPost.destination,
                WeeklySummaryPost.state,
                WeeklySummaryPost.attempts,
            )
            .order_by(WeeklySummaryPost.destination)
            .tuples()
        )


@pytest.fixture
def week_of_stories(app, client, make_user, clock):
    """A week with a story told in two people's own words (one opted out of the
    leaderboards), kudos to both, and first-share badges; then the clock moves to the next
    Monday morning, when cron runs. Two people tell the story: the smallest group named is
    two here (test_privacy_aggregates has the default of three)."""
    app.config["ANALYTICS_MIN_GROUP"] = 2
    admin = make_user("ada@example.com", role="admin", team="Comms", name="Ada Admin")
    sam = make_user("sam@example.com", team="Sales", name="Sam <!channel> Sales")
    olive = make_user("olive@example.com", team="Sales", name="Olive Optout")
    bystanders(make_user, client, "Sales", 2)  # not everyone who could tell the story did
    post_story(client, admin[1])
    client.patch("/api/v1/me", json={"leaderboard_opt_out": True}, headers=olive[1])
    for n, person in enumerate((sam, olive), start=1):
        link = client.get("/api/v1/stories", headers=person[1]).get_json()["data"][0]
        answer = log(client, person[1], n, text=OWN_WORDS[n - 1] + link["tracked_link"])
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["story"]["own_voice"] is True
    for person in (sam, olive):
        thanks = {"to_user_id": person[0].id, "message": "Lovely post about Atlas!"}
        assert client.post("/api/v1/kudos", json=thanks, headers=admin[1]).status_code == 201
    clock.set(NEXT_MONDAY)
    return {"admin": admin, "sam": sam, "olive": olive}


def test_week_parsing_and_labels():
    assert parse_week("2026-W47") == WEEK
    assert parse_week("2026-11-22") == WEEK
    assert week_label(WEEK) == "16–22 Nov 2026"
    assert week_label(date(2026, 11, 30)) == "30 Nov – 6 Dec 2026"
    assert week_label(date(2026, 12, 28)) == "28 Dec 2026 – 3 Jan 2027"


def test_summary_reaches_slack_and_teams_once_a_week(app, runner, receiver, week_of_stories):
    set_webhooks(app, f"{receiver.url}/slack", f"{receiver.url}/teams")
    result = runner.invoke(args=["send-weekly-summary"])
    assert result.exit_code == 0, result.output
    assert "Posted the summary of the week of 16–22 Nov 2026 to Slack." in result.output
    assert "to Microsoft Teams." in result.output
    posted = receiver.by_path()
    slack, teams = posted["/slack"], posted["/teams"]
    assert len(slack) == len(teams) == 1

    text = json.dumps(slack[0])
    assert slack[0]["text"] == "Firsthand weekly recognition: 16–22 Nov 2026"
    figures = slack[0]["blocks"][1]["text"]["text"]
    assert figures == "*2 stories* told · *2 shares*, *2* in their own voice · *2 kudos* · " + (
        "*4 badges* earned"
    )
    lines = slack[0]["blocks"][2]["text"]["text"]
    assert "*Stories told:* Atlas is live (2)" in lines
    # Sam is named (and his name cannot ping the channel); Olive opted out: counted, not named.
    assert "*In their own voice:* Sam &lt;!channel&gt; Sales and 1 colleague" in lines
    assert "*Thanked with kudos:* Sam &lt;!channel&gt; Sales and 1 colleague" in lines
    assert "Badges earned:* Sam &lt;!channel&gt; Sales (" in lines
    assert "Olive" not in text and "<!channel>" not in text

    card = teams[0]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    body = card["content"]["body"]
    assert body[0]["text"] == "Firsthand weekly recognition: 16–22 Nov 2026"
    facts = {f["title"]: f["value"] for f in body[1]["facts"]}
    assert facts == {
        "Stories told": "2",
        "Shares": "2",
        "In their own voice": "2",
        "Kudos": "2",
        "Badges earned": "4",
    }
    assert "Olive" not in json.dumps(teams[0])
    assert any("Sam \\<!channel\\> Sales and 1 colleague" in b.get("text", "") for b in body)
    assert summary_posts(app) == [(WEEK, "slack", "sent", 1), (WEEK, "teams", "sent", 1)]

    again = runner.invoke(args=["send-weekly-summary"])
    assert again.exit_code == 0, again.output
    assert "Slack already has the summary of the week of 16–22 Nov 2026" in again.output
    assert len(receiver.received) == 2  # nothing posted twice
    assert summary_posts(app) == [(WEEK, "slack", "sent", 1), (WEEK, "teams", "sent", 1)]


def test_turned_off_nothing_is_sent(app, runner, receiver, week_of_stories):
    set_webhooks(app, f"{receiver.url}/slack", f"{receiver.url}/teams", weekly=False)
    result = runner.invoke(args=["send-weekly-summary"])
    assert result.exit_code == 0
    assert "turned off" in result.output
    time.sleep(0.2)
    assert receiver.received == [] and summary_posts(app) == []


def test_turned_on_without_an_address_is_a_clear_error(app, runner, week_of_stories):
    set_webhooks(app, weekly=True)
    result = runner.invoke(args=["send-weekly-summary"])
    assert result.exit_code == 1
    assert "no Slack or Teams webhook address is set" in result.output
    assert summary_posts(app) == []


@pytest.mark.parametrize("failure", ["500", "timeout", "refused"])
def test_a_failing_receiver_is_a_clear_error_and_the_week_can_be_retried(
    app, runner, week_of_stories, failure
):
    app.config["WEBHOOK_TIMEOUT_SECONDS"] = 0.5
    good = Receiver()
    bad = Receiver(status=500 if failure == "500" else 200, delay=2 if failure == "timeout" else 0)
    bad_url = "http://127.0.0.1:1/nothing-listens" if failure == "refused" else f"{bad.url}/t"
    try:
        set_webhooks(app, f"{good.url}/slack", bad_url)
        result = runner.invoke(args=["send-weekly-summary"])
        assert result.exit_code == 1
        reason = {
            "500": "answered HTTP 500",
            "timeout": "no answer within 0.5 seconds",
            "refused": "could not be reached",
        }[failure]
        assert f"Microsoft Teams {reason}" in result.output
        assert "run the command again to retry" in result.output
        assert summary_posts(app) == [(WEEK, "slack", "sent", 1), (WEEK, "teams", "failed", 1)]

        # The receiver is back: the retry posts to Teams only; Slack is not posted twice.
        fixed = Receiver()
        try:
            set_webhooks(app, f"{good.url}/slack", f"{fixed.url}/t")
            retry = runner.invoke(args=["send-weekly-summary"])
            assert retry.exit_code == 0, retry.output
            assert len(good.received) == 1 and len(fixed.received) == 1
            assert summary_posts(app) == [(WEEK, "slack", "sent", 1), (WEEK, "teams", "sent", 2)]
        finally:
            fixed.close()
    finally:
        good.close()
        bad.close()


def test_a_run_in_flight_is_not_doubled_and_a_crashed_one_is_taken_over(
    app, runner, receiver, week_of_stories, clock
):
    """Two cron runs at once post once; a claim left by a run that crashed mid-post is taken
    over once it is stale, so the week is not lost."""
    set_webhooks(app, f"{receiver.url}/slack")
    with app.app_context(), database.connection_context():
        WeeklySummaryPost.create(
            week=WEEK, destination="slack", state="sending", claimed_at=clock(), attempts=1
        )
    busy = runner.invoke(args=["send-weekly-summary"])
    assert busy.exit_code == 0 and "Another run is posting" in busy.output
    assert receiver.received == []
    clock.advance(minutes=11)
    taken_over = runner.invoke(args=["send-weekly-summary"])
    assert taken_over.exit_code == 0, taken_over.output
    assert len(receiver.received) == 1
    assert summary_posts(app) == [(WEEK, "slack", "sent", 2)]


def test_a_chosen_week_and_a_quiet_week(app, runner, receiver, week_of_stories):
    set_webhooks(app, f"{receiver.url}/slack")
    quiet = runner.invoke(args=["send-weekly-summary", "--week", "2026-W46"])
    assert quiet.exit_code == 0, quiet.output
    ((_, body),) = receiver.received
    assert body["text"] == "Firsthand weekly recognition: 9–15 Nov 2026"
    assert "A quiet week" in body["blocks"][2]["text"]["text"]
    bad = runner.invoke(args=["send-weekly-summary", "--week", "last tuesday"])
    assert bad.exit_code == 1 and "ISO week such as 2026-W47" in bad.output


def test_dry_run_prints_and_records_nothing(app, runner, receiver, week_of_stories):
    set_webhooks(app, f"{receiver.url}/slack")
    result = runner.invoke(args=["send-weekly-summary", "--dry-run"])
    assert result.exit_code == 0
    assert "Firsthand weekly recognition: 16–22 Nov 2026\n" in result.output  # a whole week
    assert "and 1 colleague" in result.output and "Olive" not in result.output
    assert receiver.received == [] and summary_posts(app) == []


def test_deactivated_people_are_not_named(app, runner, receiver, week_of_stories):
    with app.app_context(), database.connection_context():
        User.update(deactivated_at=NEXT_MONDAY).where(User.email == "sam@example.com").execute()
    set_webhooks(app, f"{receiver.url}/slack")
    assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
    text = json.dumps(receiver.received[0][1])
    assert "Sam" not in text and "*In their own voice:* 2 colleagues" in text


def test_console_webhook_settings(app, client, make_user, clock, receiver):
    admin = make_user("ada@example.com", role="admin", team="Comms", name="Ada Admin")[0]
    manager = make_user("max@example.com", role="manager", team="Sales")[0]
    sign_in(client, app, manager, clock)
    assert client.get("/console/settings/").status_code == 403
    admin_client = app.test_client()
    sign_in(admin_client, app, admin, clock)
    page = admin_client.get("/console/settings/")
    assert page.status_code == 200 and "Weekly recognition summary" in page.text
    slack_url = f"{receiver.url}/services/T0/B0/secretpart1234"
    saved = post_form(
        admin_client,
        "/console/settings/",
        "/console/settings/",
        {"slack_url": slack_url, "weekly_summary": "on"},
        follow_redirects=True,
    )
    assert "Webhook settings saved." in saved.text
    assert "secretpart" not in saved.text and "…1234" in saved.text  # masked
    with app.app_context(), database.connection_context():
        row = WebhookSettings.get_by_id(1)
        assert (row.slack_url, row.teams_url, row.weekly_summary) == (slack_url, None, True)
    refused = post_form(
        admin_client, "/console/settings/", "/console/settings/", {"teams_url": "ftp://x"}
    )
    assert refused.status_code == 422 and "must be a web address" in refused.text
    removed = post_form(
        admin_client,
        "/console/settings/",
        "/console/settings/",
        {"slack_remove": "on"},
        follow_redirects=True,
    )
    assert "Not set: nothing is posted to Slack" in removed.text
    with app.app_context(), database.connection_context():
        row = WebhookSettings.get_by_id(1)
        assert (row.slack_url, row.weekly_summary) == (None, False)  # unticked: turned off
    audit = admin_client.get("/console/audit/").text
    assert "changed the webhook settings" in audit and "secretpart" not in audit


def test_an_address_set_in_the_console_takes_the_place_of_the_environments(
    app, client, make_user, receiver, monkeypatch
):
    monkeypatch.setenv("FIRSTHAND_SLACK_WEBHOOK_URL", f"{receiver.url}/from-env")
    set_webhooks(app, slack=f"{receiver.url}/from-console", weekly=False)
    admin = make_user("ada@example.com", role="admin", team="Comms")[1]
    post_story(client, admin)
    assert [path for path, _ in receiver.wait_for(1)] == ["/from-console"]


def test_stories_told_as_often_are_listed_by_title_as_a_reader_expects(
    app, client, make_user, clock
):
    # By code point "Équipe" came after "Zoe"; folded, it comes first (as in the console).
    app.config["ANALYTICS_MIN_GROUP"] = 2
    admin = make_user("ada@example.com", role="admin", team="Comms", name="Ada Admin")
    tellers = [make_user(f"p{n}@example.com", team="Sales", name=f"P {n}") for n in range(2)]
    bystanders(make_user, client, "Sales", 2)
    titles = ["Zoe joins the board", "Équipe Lyon opens", "atlas ships"]
    SEEN = [
        "Monday started with a surprise at the depot: coffee and croissants for everyone.",
        "Our Tuesday stand-up ran long because nobody wanted to stop talking about it.",
        "I read the announcement twice on the train and grinned all the way to Brussels.",
        "Wednesday evening my daughter asked why I was so happy at dinner, so I told her.",
        "Three customers wrote to me before lunch to say they had heard the news already.",
        "Friday felt like the end of a long season, the good kind of tired after a climb.",
    ]
    stories = [
        post_story(client, admin[1], title=title, link=f"https://acme.example/{n}")
        for n, title in enumerate(titles)
    ]
    n = 0
    for story in stories:
        for person in tellers:
            n += 1
            # Each post in words of its own: the same words again would be a repeat post.
            body = {"text": f"{SEEN[n - 1]} {OWN_WORDS[n % 2]}", "story_id": story["id"]}
            assert log(client, person[1], n, **body).status_code == 201
    with app.app_context(), database.connection_context():
        summary = summarise(WEEK, load_rulebook(app.config["DATA_DIR"]))
    assert summary.stories == [
        ("atlas ships", 2),
        ("Équipe Lyon opens", 2),
        ("Zoe joins the board", 2),
    ]


def test_a_story_not_started_yet_is_not_named(app, week_of_stories, clock):
    """Shares a story took before it started (logged before a share could only tell a
    started story): the summary does not name it while it is under embargo, nor in the
    summary of a week that ended before it started."""
    book = load_rulebook(app.config["DATA_DIR"])
    with app.app_context(), database.connection_context():
        assert summarise(WEEK, book).stories == [("Atlas is live", 2)]
        for starts in (datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC)):
            Story.update(starts_at=starts).execute()
            summary = summarise(WEEK, book)
            assert summary.stories == [] and summary.stories_told == 2  # counted, unnamed


# --- Weeks missed: caught up, never before a channel was set up ---------------------------


SET_UP = datetime(2026, 11, 16, 9, tzinfo=UTC)  # the summary on, the channels set: that Monday


def headings(receiver, path: str) -> list[str]:
    """The weeks posted to `path`, by their headings' labels (Slack's text, Teams' card)."""
    found = []
    for posted, body in receiver.received:
        if posted == path:
            text = body.get("text") or body["attachments"][0]["content"]["body"][0]["text"]
            found.append(text.rsplit(": ", 1)[1])
    return found


def test_a_week_no_run_tried_is_posted_by_the_next_run(
    app, runner, receiver, week_of_stories, clock
):
    """Cron (or the server) was down for the whole of Monday 23 November: the run of the
    next Monday posted only its own week, and 16–22 Nov never reached the channel."""
    set_webhooks(app, f"{receiver.url}/slack", since=SET_UP)
    clock.set(datetime(2026, 11, 30, 8, tzinfo=UTC))
    result = runner.invoke(args=["send-weekly-summary"])
    assert result.exit_code == 0, result.output
    assert headings(receiver, "/slack") == ["16–22 Nov 2026", "23–29 Nov 2026"]  # oldest first
    again = runner.invoke(args=["send-weekly-summary"])
    assert again.exit_code == 0 and len(receiver.received) == 2


def test_a_channel_is_caught_up_on_what_it_missed_and_only_from_when_it_was_set_up(
    app, runner, receiver, week_of_stories, clock
):
    """Slack took 16–22 Nov; the run then died before Teams (set up before that week) was
    posted to, and no run came on 30 Nov. The next run posts to each what it has not had,
    and a Teams address set on 25 Nov gets no week that ended before."""
    slack, teams = f"{receiver.url}/slack", f"{receiver.url}/teams"
    set_webhooks(app, slack, teams, since=SET_UP)
    with app.app_context(), database.connection_context():
        WeeklySummaryPost.create(
            week=WEEK, destination="slack", state="sent", claimed_at=clock(), attempts=1
        )
    clock.set(datetime(2026, 12, 7, 8, tzinfo=UTC))
    assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
    assert headings(receiver, "/slack") == ["23–29 Nov 2026", "30 Nov – 6 Dec 2026"]
    assert headings(receiver, "/teams") == [
        "16–22 Nov 2026",  # the crash's
        "23–29 Nov 2026",
        "30 Nov – 6 Dec 2026",
    ]

    receiver.received.clear()
    with app.app_context(), database.connection_context():
        WeeklySummaryPost.delete().where(WeeklySummaryPost.destination == "teams").execute()
    set_webhooks(
        app,
        slack,
        teams,
        since=SET_UP,
        teams_since=datetime(2026, 11, 25, tzinfo=UTC),  # a channel added on 25 Nov
    )
    assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
    assert headings(receiver, "/teams") == ["23–29 Nov 2026", "30 Nov – 6 Dec 2026"]
    assert headings(receiver, "/slack") == []  # it has them all


def test_a_week_a_channel_refused_is_retried_to_that_channel_only(
    app, runner, week_of_stories, clock
):
    """Slack refused 16–22 Nov; Teams was added since. The retry went to every channel, so a
    week from before Teams was set up was posted there."""
    down, fine = Receiver(status=500), Receiver()
    try:
        set_webhooks(app, f"{down.url}/slack", since=SET_UP)
        assert runner.invoke(args=["send-weekly-summary"]).exit_code == 1
        clock.set(datetime(2026, 11, 30, 8, tzinfo=UTC))
        set_webhooks(
            app,
            f"{fine.url}/slack",
            f"{fine.url}/teams",
            since=SET_UP,
            teams_since=datetime(2026, 11, 25, tzinfo=UTC),
        )
        assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
        assert headings(fine, "/slack") == ["16–22 Nov 2026", "23–29 Nov 2026"]
        assert headings(fine, "/teams") == ["23–29 Nov 2026"]
    finally:
        down.close()
        fine.close()


def test_no_week_is_caught_up_before_the_summary_was_turned_on(
    app, client, runner, receiver, week_of_stories, clock
):
    """Turned on (in the console) on 1 Dec after a pause: the weeks of the pause are not
    posted, only the last one; the times are the console's."""
    admin = week_of_stories["admin"][0]
    with app.app_context(), database.connection_context():
        WeeklySummaryPost.create(
            week=date(2026, 11, 9), destination="slack", state="sent", claimed_at=clock()
        )
    clock.set(datetime(2026, 12, 1, 9, tzinfo=UTC))
    sign_in(client, app, admin, clock)
    form = {"slack_url": f"{receiver.url}/slack", "weekly_summary": "on"}
    post_form(client, "/console/settings/", "/console/settings/", form)
    with app.app_context(), database.connection_context():
        saved = WebhookSettings.get_by_id(1)
        assert saved.weekly_summary_since == saved.slack_since == clock()
    assert runner.invoke(args=["send-weekly-summary"]).exit_code == 0
    assert headings(receiver, "/slack") == ["23–29 Nov 2026"]
    post_form(client, "/console/settings/", "/console/settings/", {"slack_remove": "on"})
    with app.app_context(), database.connection_context():
        saved = WebhookSettings.get_by_id(1)
        assert (saved.weekly_summary_since, saved.slack_since) == (None, None)


def test_a_preview_of_a_week_not_over_says_so(app, runner):
    """On Wednesday 18 Nov the preview of this week printed "16–22 Nov 2026" as if the whole
    week were in its figures (a quiet week, it said)."""
    preview = runner.invoke(args=["send-weekly-summary", "--dry-run", "--week", "2026-W47"])
    assert preview.exit_code == 0, preview.output
    heading = "Firsthand weekly recognition: 16–22 Nov 2026, so far (to 18 Nov 2026, 09:00 UTC)"
    assert heading in preview.output and "A quiet week so far." in preview.output
    later = runner.invoke(args=["send-weekly-summary", "--dry-run", "--week", "2026-W49"])
    assert "Firsthand weekly recognition: 30 Nov – 6 Dec 2026 (not begun yet)" in later.output


def test_a_channel_first_seen_in_the_environment_gets_the_last_week_only(
    app, runner, receiver, week_of_stories, clock, monkeypatch
):
    """The summary on for months (Slack set in the console, every week sent); an operator then
    adds a Teams address through the environment: it has no time of its own and no run has
    posted to it, so it is new, not four weeks behind (a code review: it got five weeks)."""
    set_webhooks(app, f"{receiver.url}/slack", since=datetime(2026, 1, 1, tzinfo=UTC))
    with app.app_context(), database.connection_context():
        for monday in (date(2026, 11, 2), date(2026, 11, 9), WEEK, date(2026, 11, 23)):
            WeeklySummaryPost.create(
                week=monday, destination="slack", state="sent", claimed_at=clock(), attempts=1
            )
    monkeypatch.setenv("FIRSTHAND_TEAMS_WEBHOOK_URL", f"{receiver.url}/teams")
    clock.set(datetime(2026, 12, 7, 8, tzinfo=UTC))
    result = runner.invoke(args=["send-weekly-summary"])
    assert result.exit_code == 0, result.output
    assert headings(receiver, "/teams") == ["30 Nov – 6 Dec 2026"]
    assert headings(receiver, "/slack")[-1:] == ["30 Nov – 6 Dec 2026"]

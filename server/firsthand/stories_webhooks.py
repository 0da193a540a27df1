"""Tell the team where they already are: a newly published story is posted to a Slack and/or
Microsoft Teams channel through their incoming webhooks (set in the console's webhook
settings, or FIRSTHAND_SLACK_WEBHOOK_URL / FIRSTHAND_TEAMS_WEBHOOK_URL). Sent after the
story is saved, from a background thread with a short timeout, so a slow or broken webhook
never delays or fails the admin's request; each (story, channel) is recorded as the weekly
summary's weeks are (webhook_claims), so it is announced once and a failure is retried.
The story's words are escaped for each (chat_text): an employee's suggestion line may become
its title and context. The weekly recognition summary is weekly_summary.py."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime

from flask import current_app

from .chat_text import fit, slack_escape, slack_text, teams_escape, units
from .db import database
from .models import Team
from .stories_models import Story, StoryTeam
from .webhook_claims import STALE_CLAIM, claim, finish, post_json
from .webhook_models import StoryAnnouncement, WebhookSettings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5  # the whole post, from the announcement's thread
RETRY_TIMEOUT_SECONDS = 10  # from `announce-stories` and the console's Announce again
SETTINGS = {"slack": "SLACK_WEBHOOK_URL", "teams": "TEAMS_WEBHOOK_URL"}


def settings() -> WebhookSettings:
    """The console's webhook settings (defaults when never saved)."""
    return WebhookSettings.get_or_none(WebhookSettings.id == 1) or WebhookSettings(id=1)


def configured_url(kind: str) -> str | None:
    """A kind's address as deployed: app config first, then the environment."""
    name = SETTINGS[kind]
    return current_app.config.get(name) or os.environ.get(f"FIRSTHAND_{name}") or None


def webhook_urls(saved: WebhookSettings | None = None) -> dict[str, str]:
    """The webhooks to post to, by kind: the console's address, else the deployed one."""
    saved = saved or settings()
    found = {}
    for kind in SETTINGS:
        url = getattr(saved, f"{kind}_url") or configured_url(kind)
        if url:
            found[kind] = url
    return found


def _heading(story: Story, now: datetime, title: str, limit: int | None = None) -> str:
    """ "New story to tell: <title> (from …)"; with a limit, the title is cut to fit it, so
    that the start time stays (a long title pushed it out)."""
    when = "" if story.starts_at <= now else f" (from {story.starts_at:%-d %b %Y, %H:%M} UTC)"
    lead = "New story to tell: "
    if limit is not None:
        title = fit(title, limit - units(lead) - units(when))
    return f"{lead}{title}{when}"


NAMED_TEAMS = 10  # teams named in "For X, Y … only."; the others are counted
NAMED_TEAMS_UNITS = 1000  # and their names take at most this (Slack's text limit is 3,000)


def _for_whom(story: Story, escape=str) -> str:
    """ "For Sales and Support only. ", when the story is for teams: a channel is often the
    whole company, and the Ideas tab shows a team's story to that team alone. Many teams are
    "For A, B and 58 other teams only.": listed whole, 60 long names went past Slack's limit,
    and the channel refused the announcement every time it was tried."""
    if story.everyone:
        return ""
    names = [
        escape(team.name)
        for team in Team.select(Team.name)
        .join(StoryTeam, on=StoryTeam.team == Team.id)
        .where(StoryTeam.story == story.id)
        .order_by(Team.name)
    ]
    if not names:
        return ""
    shown = min(len(names), NAMED_TEAMS)
    while shown > 1 and units(", ".join(names[:shown])) > NAMED_TEAMS_UNITS:
        shown -= 1
    others = len(names) - shown
    if others:
        listed = f"{', '.join(names[:shown])} and {others} other team{'s' if others > 1 else ''}"
    elif shown == 1:
        listed = names[0]
    else:
        listed = f"{', '.join(names[:-1])} and {names[-1]}"
    return f"For {listed} only. "


SLACK_SECTION = 3000  # Slack's limit on a section's text
SLACK_HEADER = 150


def slack_payload(story: Story, now: datetime) -> dict:
    asks = "\n".join(f"• {fit(slack_escape(q), 400)}" for q in story.question_list)
    tail = f"\n\n*Tell it your way:*\n{asks}"
    link = f"\n<{slack_escape(story.link)}|Read more>" if story.link else ""
    if units(tail + link) > SLACK_SECTION // 2:
        link = ""  # a very long link: a button below instead (its own limit)
    # The context is cut, never the questions and the link after it (cut at the end, a long
    # context lost them, or ended the message inside "<http…").
    context = fit(slack_escape(story.context), SLACK_SECTION - units(tail + link))
    whom = _for_whom(story, slack_escape)
    footer = f"{whom}Open the Ideas tab of your Firsthand extension to write your post."
    blocks = [
        {
            "type": "header",  # plain text: shown as written, never read as markup
            "text": {"type": "plain_text", "text": _heading(story, now, story.title, SLACK_HEADER)},
        },
        {"type": "section", "text": slack_text(context + tail + link)},
    ]
    if story.link and not link:
        button = {"type": "button", "text": {"type": "plain_text", "text": "Read more"}}
        blocks.append({"type": "actions", "elements": [button | {"url": story.link}]})
    blocks.append({"type": "context", "elements": [slack_text(footer)]})
    return {
        "text": _heading(story, now, slack_escape(story.title)),  # the notification's text
        "blocks": blocks,
    }


def teams_payload(story: Story, now: datetime) -> dict:
    heading = _heading(story, now, teams_escape(story.title))
    questions = [teams_escape(q) for q in story.question_list]
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {
                "type": "TextBlock",
                "text": heading,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "TextBlock", "text": teams_escape(story.context), "wrap": True},
            {"type": "TextBlock", "text": "Tell it your way:", "weight": "Bolder", "wrap": True},
            {"type": "TextBlock", "text": "\n".join(f"- {q}" for q in questions), "wrap": True},
        ],
    }
    whom = _for_whom(story, teams_escape)
    if whom:
        card["body"].append(
            {
                "type": "TextBlock",
                "text": whom.strip(),
                "isSubtle": True,
                "wrap": True,
            }
        )
    if story.link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Read more", "url": story.link}]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }


PAYLOADS = {"slack": slack_payload, "teams": teams_payload}


def announce(story: Story, now: datetime) -> threading.Thread | None:
    """Post a just-published story to every configured webhook that has not had it, in the
    background. Each channel is claimed first (StoryAnnouncement): a story published again
    after it ran out is not announced twice, and one a channel did not take is recorded as
    failed, for `firsthand announce-stories` to retry and the story's page to show."""
    sends = [
        (kind, url)
        for kind, url in webhook_urls().items()
        if claim(StoryAnnouncement, {"story": story.id, "destination": kind}, now) == "claimed"
    ]
    if not sends:
        return None
    payloads = [(kind, url, PAYLOADS[kind](story, now)) for kind, url in sends]
    app = current_app._get_current_object()
    target = database.obj

    def send() -> None:
        for kind, url, payload in payloads:
            error = post_json(url, payload, TIMEOUT_SECONDS)
            if error:
                log.warning("%s webhook: story %s %s", kind, story.id, error)
            if database.obj is not target:
                return  # rebound to another database meanwhile (tests): not this one's rows
            try:
                with app.app_context(), database.connection_context():
                    key = {"story": story.id, "destination": kind}
                    finish(StoryAnnouncement, key, app.config["CLOCK"](), error)
            except Exception as failure:  # noqa: BLE001 - a stale claim is retried later
                log.warning("%s webhook: story %s not recorded (%s)", kind, story.id, failure)

    thread = threading.Thread(target=send, name="story-webhooks", daemon=True)
    thread.start()
    return thread


@dataclass
class Retried:
    story: Story
    destination: str
    error: str | None


def retry_announcements(now: datetime, story_id: int | None = None) -> list[Retried]:
    """Post again each announcement a channel did not take (or a run left half done), of
    the stories still live (or of one); the others' moment has passed. Channels removed
    since are skipped (their rows stay failed)."""
    urls = webhook_urls()
    rows = (
        StoryAnnouncement.select(StoryAnnouncement, Story)
        .join(Story)
        .where(
            (StoryAnnouncement.state == "failed")
            | (
                (StoryAnnouncement.state == "sending")
                & (StoryAnnouncement.claimed_at < now - STALE_CLAIM)
            ),
            StoryAnnouncement.destination.in_(list(urls) or [""]),
            Story.published_at.is_null(False),
            Story.withdrawn_at.is_null(),
            Story.ends_at.is_null() | (Story.ends_at > now),
        )
        .order_by(Story.id, StoryAnnouncement.destination)
    )
    if story_id is not None:
        rows = rows.where(Story.id == story_id)
    done = []
    for row in rows:
        key = {"story": row.story.id, "destination": row.destination}
        if claim(StoryAnnouncement, key, now) != "claimed":
            continue  # another run took it meanwhile
        payload = PAYLOADS[row.destination](row.story, now)
        error = post_json(urls[row.destination], payload, RETRY_TIMEOUT_SECONDS)
        finish(StoryAnnouncement, key, current_app.config["CLOCK"](), error)
        done.append(Retried(row.story, row.destination, error))
    return done


def announcements_of(story: Story) -> list[StoryAnnouncement]:
    """The story's announcements, by channel (for its page)."""
    return list(
        StoryAnnouncement.select()
        .where(StoryAnnouncement.story == story.id)
        .order_by(StoryAnnouncement.destination)
    )

"""Tell the team where they already are: a newly published story is posted to a Slack and/or
Microsoft Teams channel through their incoming webhooks (set in the console's webhook
settings, or FIRSTHAND_SLACK_WEBHOOK_URL / FIRSTHAND_TEAMS_WEBHOOK_URL). Sent after the
story is saved, from a background thread with a short timeout, so a slow or broken webhook
never delays or fails the admin's request. The story's words are escaped for each (chat_text):
an employee's suggestion line may become its title and context. The weekly recognition
summary is weekly_summary.py."""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime

import requests
from flask import current_app

from .chat_text import slack_escape, teams_escape
from .stories_models import Story
from .webhook_models import WebhookSettings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5
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


def _heading(story: Story, now: datetime, title: str) -> str:
    when = "" if story.starts_at <= now else f" (from {story.starts_at:%-d %b %Y, %H:%M} UTC)"
    return f"New story to tell: {title}{when}"


def slack_payload(story: Story, now: datetime) -> dict:
    asks = "\n".join(f"• {slack_escape(q)}" for q in story.question_list)
    body = f"{slack_escape(story.context)}\n\n*Tell it your way:*\n{asks}"
    if story.link:  # a link holds no < > or | (web_address); its & is escaped as any
        body += f"\n<{slack_escape(story.link)}|Read more>"
    footer = "Open the Ideas tab of your Firsthand extension to write your post."
    return {
        "text": _heading(story, now, slack_escape(story.title)),  # the notification's text
        "blocks": [
            {
                "type": "header",  # plain text: shown as written, never read as markup
                "text": {"type": "plain_text", "text": _heading(story, now, story.title)[:150]},
            },
            {"type": "section", "text": {"type": "mrkdwn", "text": body[:3000]}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]},
        ],
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
    if story.link:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Read more", "url": story.link}]
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }


def announce(story: Story, now: datetime) -> threading.Thread | None:
    """Post a just-published story to every configured webhook, in the background."""
    urls = webhook_urls()
    if not urls:
        return None
    payloads = {
        kind: (url, (slack_payload if kind == "slack" else teams_payload)(story, now))
        for kind, url in urls.items()
    }

    def send() -> None:
        for kind, (url, payload) in payloads.items():
            try:
                answer = requests.post(url, json=payload, timeout=TIMEOUT_SECONDS)
                if answer.status_code >= 300:
                    log.warning("%s webhook answered %s", kind, answer.status_code)
            except requests.RequestException as error:
                log.warning("%s webhook failed: %s", kind, error)

    thread = threading.Thread(target=send, name="story-webhooks", daemon=True)
    thread.start()
    return thread

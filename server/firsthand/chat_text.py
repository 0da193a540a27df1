"""People's words in a Slack or Microsoft Teams message (the story announcements and the
weekly summary): escaped, so a name, title or context can neither ping a channel (Slack's
<!channel>) nor turn into a link or formatting that reads as something else."""

from __future__ import annotations

import re


def slack_escape(text: str) -> str:
    """Slack's mrkdwn: &, < and > must be escaped (<!channel> would ping, <url|text> link)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def teams_escape(text: str) -> str:
    """Adaptive Cards' Markdown: no links or emphasis from people's words."""
    return re.sub(r"([\\*_\[\]()<>`#~])", r"\\\1", text)

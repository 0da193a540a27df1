"""The weekly recognition summary as Slack blocks and a Microsoft Teams Adaptive Card.

Names and titles come from people: they are escaped so they can neither ping a channel
(Slack's <!channel>) nor turn into links or formatting (Teams' Markdown)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .chat_text import fit, slack_escape, teams_escape

if TYPE_CHECKING:
    from .weekly_summary import Named, Summary

LABELS = {"slack": "Slack", "teams": "Microsoft Teams"}


def week_label(week: date) -> str:
    last = week + timedelta(days=6)
    if week.month == last.month:
        return f"{week.day}–{last.day} {last:%b %Y}"
    if week.year == last.year:
        return f"{week.day} {week:%b} – {last.day} {last:%b %Y}"
    return f"{week.day} {week:%b %Y} – {last.day} {last:%b %Y}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _people(named: Named, escape) -> str:
    parts = [escape(name) for name in named.names]
    if named.folded:
        parts.append(_plural(named.folded, "colleague"))
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _so_far(summary: Summary) -> str:
    """What a week not over yet is (a --dry-run preview): its figures are so far, or none."""
    moment = summary.so_far
    if moment is None:
        return ""
    if moment.date() < summary.week:
        return " (not begun yet)"
    return f", so far (to {moment.day} {moment:%b %Y, %H:%M} UTC)"


def _lines(summary: Summary, escape, bold) -> tuple[str, list[str], list[str]]:
    """The heading, the figures and the recognition lines of a summary."""
    heading = f"Firsthand weekly recognition: {week_label(summary.week)}{_so_far(summary)}"
    figures = [
        f"{bold(_plural(summary.stories_told, 'story', 'stories'))} told",
        f"{bold(_plural(summary.shares, 'share'))}, "
        f"{bold(f'{summary.own_voice:,}')} in their own voice",
        f"{bold(_plural(summary.kudos, 'kudos', 'kudos'))}",
        f"{bold(_plural(summary.badges, 'badge'))} earned",
    ]
    lines = []
    if summary.quiet:
        lines.append(
            f"A quiet week{' so far' if summary.so_far else ''}. What did you learn, build or "
            "see this week? The Ideas tab of your Firsthand extension has questions to start "
            "from."
        )
    if summary.stories:
        told = ", ".join(f"{escape(t)} ({n:,})" for t, n in summary.stories)
        lines.append(f"{bold('Stories told:')} {told}")
    if summary.own_voice_people.total:
        lines.append(f"{bold('In their own voice:')} {_people(summary.own_voice_people, escape)}")
    if summary.badge_people.total:
        lines.append(f"{bold('Badges earned:')} {_people(summary.badge_people, escape)}")
    if summary.thanked_people.total:
        lines.append(f"{bold('Thanked with kudos:')} {_people(summary.thanked_people, escape)}")
    return heading, figures, lines


def slack_payload(summary: Summary) -> dict:
    heading, figures, lines = _lines(summary, slack_escape, lambda t: f"*{t}*")
    footer = "Names appear only for people who show on the leaderboards."
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": fit(heading, 150)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": " · ".join(figures)}},
    ]
    if lines:
        body = fit("\n".join(lines), 3000)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": body}})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": footer}]})
    return {"text": heading, "blocks": blocks}


def teams_payload(summary: Summary) -> dict:
    heading, _, lines = _lines(summary, teams_escape, lambda t: f"**{t}**")
    facts = [
        ("Stories told", summary.stories_told),
        ("Shares", summary.shares),
        ("In their own voice", summary.own_voice),
        ("Kudos", summary.kudos),
        ("Badges earned", summary.badges),
    ]
    body = [
        {"type": "TextBlock", "text": heading, "weight": "Bolder", "size": "Medium", "wrap": True},
        {
            "type": "FactSet",
            "facts": [{"title": title, "value": f"{value:,}"} for title, value in facts],
        },
        *({"type": "TextBlock", "text": line, "wrap": True} for line in lines),
        {
            "type": "TextBlock",
            "text": "Names appear only for people who show on the leaderboards.",
            "isSubtle": True,
            "size": "Small",
            "wrap": True,
        },
    ]
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }


PAYLOADS = {"slack": slack_payload, "teams": teams_payload}

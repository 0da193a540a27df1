"""The weekly recognition summary as Slack blocks and a Microsoft Teams Adaptive Card.

Names and titles come from people: they are escaped so they can neither ping a channel
(Slack's <!channel>) nor turn into links or formatting (Teams' Markdown)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .chat_text import fit, slack_escape, slack_text, teams_escape, units

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


def _people(named: Named, escape, shown: int | None = None) -> str:
    """The named people, the first `shown` of them (all by default), the rest counted."""
    shown = len(named.names) if shown is None else shown
    parts = [escape(name) for name in named.names[:shown]]
    folded = named.folded + len(named.names) - shown
    if folded:
        parts.append(_plural(folded, "colleague"))
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


PEOPLE_LINES = {
    "own_voice_people": "In their own voice:",
    "badge_people": "Badges earned:",
    "thanked_people": "Thanked with kudos:",
}


def _lines(
    summary: Summary, escape, bold, shown: dict[str, int] | None = None
) -> tuple[str, list[str], list[str]]:
    """The heading, the figures and the recognition lines of a summary (`shown`: how many
    people a line names, when not all of them)."""
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
    for key, label in PEOPLE_LINES.items():
        named = getattr(summary, key)
        if named.total:
            people = _people(named, escape, (shown or {}).get(key))
            lines.append(f"{bold(label)} {people}")
    return heading, figures, lines


SLACK_TEXT = 3000  # Slack's limit on a section's text


def _slack_lines(summary: Summary, bold) -> list[str]:
    """The recognition lines within Slack's limit: long names make the line that is longest
    name one person fewer (counted among the colleagues) until they fit, so that every line
    is there. Cut at the end instead, "Thanked with kudos" and the counts went."""
    shown = {key: len(getattr(summary, key).names) for key in PEOPLE_LINES}
    while True:
        lines = _lines(summary, slack_escape, bold, shown)[2]
        if units("\n".join(lines)) <= SLACK_TEXT:
            return lines
        longest = {
            key: units(next(line for line in lines if line.startswith(bold(label))))
            for key, label in PEOPLE_LINES.items()
            if shown[key]
        }
        if not longest:  # nobody left to fold (three very long story titles)
            return [fit("\n".join(lines), SLACK_TEXT)]
        shown[max(longest, key=longest.get)] -= 1


def slack_payload(summary: Summary) -> dict:
    bold = lambda t: f"*{t}*"  # noqa: E731
    heading, figures, _ = _lines(summary, slack_escape, bold)
    lines = _slack_lines(summary, bold)
    footer = "Names appear only for people who show on the leaderboards."
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": fit(heading, 150)}},
        {"type": "section", "text": slack_text(" · ".join(figures))},
    ]
    if lines:
        body = "\n".join(lines)
        blocks.append({"type": "section", "text": slack_text(body)})
    blocks.append({"type": "context", "elements": [slack_text(footer)]})
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

"""Which weeks the weekly summary posts, and to which channels.

A run without --week posts the last whole week to every channel, and catches up each
channel on the CAUGHT_UP_WEEKS before it that it has not had: a week a channel refused (or a
run that died mid-post left claimed), and a week no run ever tried (cron or the server down
for the whole of its Monday, or a crash between one channel and the next). A channel is never
caught up on a week that ended before it was set up for the summary (`since`): a channel
added today gets last week's summary, not a month of old news, and neither does a summary
turned on again after a pause. A week a channel refused is the exception: it is retried to the
channel's address as it is now (most often the address mended after the refusal).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from .clock import WEEK, monday_of
from .errors import ApiError
from .stories_webhooks import settings, webhook_urls
from .webhook_claims import STALE_CLAIM
from .webhook_models import WebhookSettings, WeeklySummaryPost

CAUGHT_UP_WEEKS = 4  # how far back a run looks for weeks a channel has not had


def last_complete_week(now: datetime) -> date:
    """The Monday of the last whole ISO week (UTC) before now."""
    return monday_of(now.date()) - WEEK


def window(week: date) -> tuple[datetime, datetime]:
    start = datetime.combine(week, time(), UTC)
    return start, start + WEEK


def since(saved: WebhookSettings, destination: str) -> datetime | None:
    """From when the channel is known to be set up for the summary: the latest of when the
    summary was turned on, when the console's address was set, and the end of the first week
    a run tried to post to it (an address from the environment has no time of its own). None:
    unknown, so no week before the last is caught up: a channel with neither time of its own
    (an environment address no run has posted to yet) is new, whenever the summary was on."""
    known = [saved.weekly_summary_since]
    if getattr(saved, f"{destination}_url"):
        known.append(getattr(saved, f"{destination}_since"))
    first = (
        WeeklySummaryPost.select(WeeklySummaryPost.week)
        .where(WeeklySummaryPost.destination == destination)
        .order_by(WeeklySummaryPost.week)
        .first()
    )
    if first is not None:
        known.append(window(first.week)[1])
    if all(moment is None for moment in known[1:]):
        return None
    known = [moment for moment in known if moment is not None]
    return max(known)


def weeks_due(now: datetime) -> list[tuple[date, list[str]]]:
    """The weeks a run without --week posts, oldest first, each with its channels: the last
    whole week to every channel, and the CAUGHT_UP_WEEKS before it to each channel that has
    not had them (module docstring)."""
    last = last_complete_week(now)
    saved = settings()
    due: dict[date, list[str]] = {last: list(webhook_urls(saved))}
    for destination in due[last]:
        rows = {
            row.week: row
            for row in WeeklySummaryPost.select().where(
                WeeklySummaryPost.destination == destination,
                WeeklySummaryPost.week >= last - CAUGHT_UP_WEEKS * WEEK,
                WeeklySummaryPost.week < last,
            )
        }
        floor = since(saved, destination)
        for back in range(CAUGHT_UP_WEEKS, 0, -1):
            week = last - back * WEEK
            row = rows.get(week)
            if row is None:
                missed = floor is not None and window(week)[1] > floor
            else:
                stale = row.state == "sending" and row.claimed_at < now - STALE_CLAIM
                missed = row.state == "failed" or stale
            if missed:
                due.setdefault(week, []).append(destination)
    return sorted(due.items())


def parse_week(text: str) -> date:
    """`2026-W47` (an ISO week) or any date in the week (`2026-11-18`) → its Monday."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-W\d{2}", text, re.IGNORECASE):
            year, week = text.upper().split("-W")
            monday = date.fromisocalendar(int(year), int(week), 1)
        else:
            monday = monday_of(date.fromisoformat(text))
    except ValueError as error:
        raise ApiError(
            422, f"--week must be an ISO week such as 2026-W47 or a date, not {text!r}."
        ) from error
    if monday > date.max - WEEK:  # 9999-12-27's week ends in the year 10000
        raise ApiError(422, f"--week {text!r} is a week that ends after the year 9999.")
    return monday


def check_over(week: date, now: datetime) -> None:
    """Refuse the summary of a week that has not ended: posted, it would be marked sent, and
    the run after the week's end would post nothing (it "already has the summary")."""
    if window(week)[1] > now:
        raise ApiError(
            422,
            f"The week of {week:%-d %b %Y} is not over yet: its summary can be posted from "
            f"{week + WEEK:%A %-d %b %Y}, 00:00 UTC (use --dry-run to preview it).",
            code="week_not_over",
        )

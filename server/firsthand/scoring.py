"""Scoring a share: the facts a points rule can test, the points, and the counters they move.

Logging and re-scoring both go through `score_next`, so a replay scores exactly as logging
did. Counters move in memory here; the caller saves them in its write transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol

from .canonical import id_posted_at
from .clock import WEEK, monday_of
from .models import PeriodStats, PointsEntry, Share, User, UserStats
from .rules import RuleBook

DAILY_CAP_RULE = "daily_cap"
STALE_RULE = "stale_post"


class Scorable(Protocol):
    """What scoring reads of a share: a request being logged or a stored row being replayed."""

    network: str
    voice: str | None
    is_clone: bool | None


def score_next(
    stats: UserStats,
    share: Scorable,
    canonical: str,
    user: User,
    book: RuleBook,
    now: datetime,
    stale: bool | None = None,
) -> tuple[list[tuple[str, int]], bool]:
    """The points breakdown of the user's next share, and whether it counts (not stale).

    Moves the in-memory counters for a counted share. `stale` given (a replay) keeps the
    verdict the share was logged with instead of judging its post id again.
    """
    if is_stale(canonical, user, now, book.stale_post_days) if stale is None else stale:
        return [(STALE_RULE, 0)], False
    today = now.date()
    known = facts(stats, share, today)
    capped = stats.scored_day == today and stats.scored_today >= book.daily_cap
    breakdown = [(DAILY_CAP_RULE, 0)] if capped else book.score(known)
    _count(stats, share, known["streak_weeks"], sum(p for _, p in breakdown), capped, today)
    return breakdown, True


def is_stale(canonical: str, user: User, now: datetime, max_age_days: int) -> bool:
    """A LinkedIn or X post dated (by its post id) before the user joined, or too old."""
    dated = id_posted_at(canonical)
    if dated is None:
        return False
    posted = dated[1]
    return posted < user.created_at or now - posted > timedelta(days=max_age_days)


def facts(stats: UserStats, share: Scorable, today: date) -> dict:
    """The facts a points rule may test, as they stand before this share.

    The data-file schema (schemas/data/points_rules.schema.json) lists the same names; a
    test keeps the two equal, so an admin is never told about a fact that does not exist.
    """
    this_week = monday_of(today)
    last = stats.last_share_week
    first_of_week = last != this_week
    extends = last == this_week - WEEK
    streak = stats.streak_weeks if not first_of_week else (stats.streak_weeks + 1 if extends else 1)
    return {
        "shares_before": stats.shares,
        "streak_weeks": streak,
        "streak_extra_weeks": max(streak - 1, 0),
        "extends_streak": extends,
        "first_share_of_week": first_of_week,
        "network": share.network,
        "voice": share.voice,
        "is_clone": share.is_clone,
    }


def counts_as_personal(share: Scorable) -> bool:
    """A personal share: read as the employee's own voice and no copy of a colleague's recent
    share (a copy is not their voice, whatever its words read like; it earns a re-share's
    points). What personal_shares, the storyteller badge and the own-voice figures count."""
    return share.voice == "personal" and not share.is_clone


def _count(
    stats: UserStats, share: Scorable, streak: int, points: int, capped: bool, today: date
) -> None:
    stats.points += points
    stats.shares += 1
    stats.personal_shares += counts_as_personal(share)
    stats.original_shares += share.is_clone is False
    stats.count_network(share.network, 1)
    stats.streak_weeks = streak
    stats.longest_streak_weeks = max(stats.longest_streak_weeks, streak)
    stats.last_share_week = monday_of(today)
    if not capped:
        stats.scored_today = stats.scored_today + 1 if stats.scored_day == today else 1
        stats.scored_day = today


def was_counted(share: Share) -> bool:
    """Whether a stored share counted towards counters and badges (stale ones did not)."""
    return not (
        PointsEntry.select()
        .where(PointsEntry.share == share.id, PointsEntry.rule == STALE_RULE)
        .exists()
    )


def uncount(stats: UserStats, user: User, share: Share) -> None:
    """Take a deleted, counted share out of the counters (its points are reversed apart).

    The streak is rebuilt from the weeks that still hold a counted share: deleting the only
    share of a week breaks the run it was part of, and the next streak bonus must see that.
    """
    stats.shares -= 1
    stats.personal_shares -= counts_as_personal(share)
    stats.original_shares -= share.is_clone is False
    stats.count_network(share.network, -1)
    # The weekly period totals count each week's counted live shares (the caller has already
    # taken this share out of its week): one row a week, not one a share.
    weekly = PeriodStats.select(PeriodStats.period).where(
        (PeriodStats.user == user.id)
        & PeriodStats.period.startswith("week:")
        & (PeriodStats.shares > 0)
    )
    weeks = sorted(_monday_of_key(row.period) for row in weekly)
    runs = _streak_runs(weeks)
    stats.last_share_week = weeks[-1] if weeks else None
    stats.streak_weeks = runs[-1] if runs else 0
    stats.longest_streak_weeks = max(runs, default=0)


def release_daily_slot(stats: UserStats, share: Share) -> None:
    """Give back the daily-cap slot of a deleted share that used one today.

    Its points are reversed, so the day's cap must count it no more: otherwise deleting a
    mistaken log and logging the right post would leave the right post at 0 points. A share
    capped at 0 or stale never took a slot; one logged on an earlier day holds none now.
    """
    if stats.scored_day != share.logged_at.date() or stats.scored_today <= 0:
        return
    took_slot = not (
        PointsEntry.select()
        .where(PointsEntry.share == share.id, PointsEntry.rule.in_((DAILY_CAP_RULE, STALE_RULE)))
        .exists()
    )
    if took_slot:
        stats.scored_today -= 1


def _monday_of_key(key: str) -> date:
    """The Monday of a weekly period key ("week:2026-W47")."""
    year, week = key.removeprefix("week:").split("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def _streak_runs(weeks: list[date]) -> list[int]:
    """Lengths of the runs of consecutive ISO weeks (Mondays, sorted), oldest run first."""
    runs: list[int] = []
    for i, week in enumerate(weeks):
        if i and week - weeks[i - 1] == WEEK:
            runs[-1] += 1
        else:
            runs.append(1)
    return runs

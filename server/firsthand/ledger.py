"""Writing points: ledger rows and the period totals that follow them, in one transaction."""

from __future__ import annotations

from datetime import datetime

from peewee import EXCLUDED

from .clock import as_utc
from .models import PeriodStats, PointsEntry, User

PERIODS = ("week", "month", "all")


def period_key(period: str, moment: datetime) -> str:
    """The key of the ISO week, calendar month (UTC) or all time that a moment falls in."""
    moment = as_utc(moment)
    if period == "week":
        iso = moment.isocalendar()
        return f"week:{iso[0]}-W{iso[1]:02d}"
    if period == "month":
        return f"month:{moment:%Y-%m}"
    return "all"


def append(
    user: User,
    entries: list[tuple[str, int]],
    now: datetime,
    *,
    share=None,
    effective_at: datetime | None = None,
    shares: int = 0,
    personal: int = 0,
) -> int:
    """Append ledger rows and move the user's period totals; return the points added.

    Call inside the write transaction that changes the user's counters.
    """
    effective_at = effective_at or now
    if entries:
        PointsEntry.insert_many(
            [
                {
                    "user": user.id,
                    "share": share,
                    "rule": rule,
                    "points": points,
                    "created_at": now,
                    "effective_at": effective_at,
                }
                for rule, points in entries
            ]
        ).execute()
    total = sum(points for _, points in entries)
    if total or shares or personal:
        _add(user, [period_key(p, effective_at) for p in PERIODS], total, shares, personal)
    return total


def _add(user: User, keys: list[str], points: int, shares: int, personal: int) -> None:
    """Upsert the user's rows of these periods in one statement."""
    rows = [
        {
            "user": user.id,
            "period": key,
            "team": user.team_id,
            "hidden": user.hidden_from_boards,
            "points": points,
            "shares": shares,
            "personal_shares": personal,
        }
        for key in keys
    ]
    PeriodStats.insert_many(rows).on_conflict(
        conflict_target=[PeriodStats.user, PeriodStats.period],
        update={
            PeriodStats.points: PeriodStats.points + EXCLUDED.points,
            PeriodStats.shares: PeriodStats.shares + EXCLUDED.shares,
            PeriodStats.personal_shares: PeriodStats.personal_shares + EXCLUDED.personal_shares,
        },
    ).execute()

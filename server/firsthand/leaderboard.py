"""Ranked standings per period and scope, read from the period totals."""

from __future__ import annotations

from datetime import datetime

from peewee import JOIN, fn

from .db import write_transaction
from .errors import ApiError
from .ledger import period_key
from .models import COMPANY, PeriodStats, RankHistogram, Team, User

SCOPES = ("team", "company")


def standings(user: User, period: str, scope: str, limit: int, now: datetime) -> dict:
    """Top entries of a period's leaderboard, plus the caller's own standing."""
    key = period_key(period, now)
    rows = PeriodStats.select().join(User).where(PeriodStats.period == key)
    if scope == "team":
        if not user.team_id:
            raise ApiError(
                422,
                "You are not in a team yet, so there is no team leaderboard: "
                "ask an admin to set your team.",
                code="no_team",
            )
        rows = rows.where(PeriodStats.team == user.team_id)
    visible = rows.where(PeriodStats.hidden == False)  # noqa: E712 (peewee expression)
    top = (
        visible.select(
            PeriodStats.user.alias("user_id"),
            User.name,
            Team.name.alias("team"),
            PeriodStats.points,
            PeriodStats.shares,
            PeriodStats.personal_shares,
        )
        .join(Team, join_type=JOIN.LEFT_OUTER, on=PeriodStats.team == Team.id)
        .order_by(PeriodStats.points.desc(), PeriodStats.shares.desc(), PeriodStats.user)
        .limit(limit)
        .dicts()
    )
    entries, rank, last_points = [], 0, None
    for position, row in enumerate(top, start=1):
        if row["points"] != last_points:
            rank, last_points = position, row["points"]
        entries.append(_entry(row, rank, user))
    mine = PeriodStats.get_or_none((PeriodStats.user == user.id) & (PeriodStats.period == key))
    points = mine.points if mine else 0
    ahead = people_above(key, user.team_id if scope == "team" else COMPANY, points)
    return {
        "period": period,
        "scope": scope,
        "team": user.team_name if scope == "team" else None,
        "entries": entries,
        "you": {
            "rank": ahead + 1,
            "points": points,
            "shares": mine.shares if mine else 0,
            "personal_share_ratio": _ratio(mine.shares, mine.personal_shares) if mine else 0.0,
            "opted_out": user.leaderboard_opt_out,
        },
    }


def people_above(period_key: str, team_key: int, points: int) -> int:
    """How many visible people of the board have more points: a sum over the histogram's
    buckets above `points` (one per distinct points value), whatever the board's size."""
    return (
        RankHistogram.select(fn.COALESCE(fn.SUM(RankHistogram.people), 0))
        .where(
            RankHistogram.period == period_key,
            RankHistogram.team_key == team_key,
            RankHistogram.points > points,
        )
        .scalar()
    )


def _entry(row: dict, rank: int, caller: User) -> dict:
    return {
        "rank": rank,
        "user_id": row["user_id"],
        "name": row["name"],
        "team": row["team"],
        "points": row["points"],
        "shares": row["shares"],
        "personal_share_ratio": _ratio(row["shares"], row["personal_shares"]),
        "is_you": row["user_id"] == caller.id,
    }


def _ratio(shares: int, personal: int) -> float:
    return round(personal / shares, 2) if shares > 0 else 0.0


def set_opt_out(user: User, opted_out: bool) -> None:
    """Hide or show the user on everyone else's leaderboards (all periods at once)."""
    with write_transaction():
        User.update(leaderboard_opt_out=opted_out).where(User.id == user.id).execute()
        user.leaderboard_opt_out = opted_out
        hidden = user.hidden_from_boards
        PeriodStats.update(hidden=hidden).where(PeriodStats.user == user.id).execute()

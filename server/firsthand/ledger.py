"""Writing points: ledger rows and the period totals that follow them, in one transaction."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from . import rollups
from .clock import as_utc
from .db import database
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
        share_id = share.id if hasattr(share, "id") else share
        created, effective = _moment(now), _moment(effective_at)
        sql = _statements()["ledger"]
        cursor = database.cursor()
        for rule, points in entries:
            cursor.execute(sql, (user.id, share_id, rule, points, created, effective))
    total = sum(points for _, points in entries)
    if total or shares or personal:
        _add(user, [period_key(p, effective_at) for p in PERIODS], total, shares, personal)
    return total


def _add(user: User, keys: list[str], points: int, shares: int, personal: int) -> None:
    """Upsert the user's rows of these periods in one statement."""
    row = (user.id, user.team_id, rollups.team_key(user.team_id), user.hidden_from_boards)
    params = [v for key in keys for v in (row[0], key, *row[1:], points, shares, personal)]
    moved = database.execute_sql(_statements()[f"periods{len(keys)}"], params).fetchall()
    rollups.periods_moved(user.id, moved, shares, personal)


_moment = PointsEntry.created_at.db_value


@cache
def _statements_for(param: str) -> dict[str, str]:
    # The same statements every time: written once, not rebuilt by the ORM on each award
    # while the write lock is held.
    ledger = (
        f"INSERT INTO {PointsEntry._meta.table_name} "
        "(user_id, share_id, rule, points, created_at, effective_at) "
        f"VALUES ({', '.join([param] * 6)})"
    )
    table = PeriodStats._meta.table_name
    row = f"({', '.join([param] * 8)})"
    statements = {"ledger": ledger}
    for count in range(1, len(PERIODS) + 1):
        statements[f"periods{count}"] = (
            f"INSERT INTO {table} "
            "(user_id, period, team_id, home_team_key, hidden, points, shares, personal_shares) "
            f"VALUES {', '.join([row] * count)} "
            "ON CONFLICT (user_id, period) DO UPDATE SET "
            f"points = {table}.points + excluded.points, "
            f"shares = {table}.shares + excluded.shares, "
            f"personal_shares = {table}.personal_shares + excluded.personal_shares "
            # What the program's rollups need to see a period start or stop having shares.
            "RETURNING period, shares, personal_shares, home_team_key"
        )
    return statements


def _statements() -> dict[str, str]:
    return _statements_for(database.param)

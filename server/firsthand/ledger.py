"""Writing points: ledger rows and the period totals that follow them, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from . import rollups
from .clock import as_utc
from .db import backend_name, database
from .models import PeriodStats, PointsEntry, User
from .rollup_models import NO_TEAM

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
    carried: Sequence[tuple[str, list]] = (),
) -> int:
    """Append ledger rows and move the user's period totals; return the points added.

    Call inside the write transaction that changes the user's counters. `carried`: writes
    made ready before (statement, parameters) whose results nobody reads, such as the
    counters' update (`statements.save_statement`): run first, and on PostgreSQL sent with
    the ledger rows inside the period totals' statement (data-modifying WITH clauses on
    other tables, no triggers between them): one round trip instead of three.
    """
    effective_at = effective_at or now
    writes = list(carried)
    if entries:
        share_id = share.id if hasattr(share, "id") else share
        created, effective = _moment(now), _moment(effective_at)
        params = [
            value
            for rule, points in entries
            for value in (user.id, share_id, rule, points, created, effective)
        ]
        writes.append((_ledger_sql(database.param, len(entries)), params))
    total = sum(points for _, points in entries)
    if total or shares or personal:
        _add(user, [period_key(p, effective_at) for p in PERIODS], total, shares, personal, writes)
    else:
        for sql, params in writes:
            database.execute_sql(sql, params)
    return total


def _add(
    user: User, keys: list[str], points: int, shares: int, personal: int, writes: list
) -> None:
    """Upsert the user's rows of these periods in one statement (after `writes`)."""
    # Their team and hidden flag: from their row as it is now, not as the request read it
    # (an opt-out, a move or a team merge committed between the two).
    params = [v for key in keys for v in (user.id, key, *[user.id] * 3, points, shares, personal)]
    sql = _statements()[f"periods{len(keys)}"]
    if writes and backend_name() == "postgresql":
        ahead = ", ".join(f"carried{n} AS ({write})" for n, (write, _) in enumerate(writes))
        sql, params = f"WITH {ahead} {sql}", [v for _, ps in writes for v in ps] + params
    else:
        for write, write_params in writes:
            database.execute_sql(write, write_params)
    moved = database.execute_sql(sql, params).fetchall()
    rollups.periods_moved(user.id, moved, shares, personal)


@cache
def _ledger_sql(param: str, rows: int) -> str:
    # The same statement every time: written once, not rebuilt by the ORM on each award
    # while the write lock is held.
    row = f"({', '.join([param] * 6)})"
    return (
        f"INSERT INTO {PointsEntry._meta.table_name} "
        "(user_id, share_id, rule, points, created_at, effective_at) "
        f"VALUES {', '.join([row] * rows)}"
    )


_moment = PointsEntry.created_at.db_value


@cache
def _statements_for(param: str) -> dict[str, str]:
    table = PeriodStats._meta.table_name

    def of_user(column: str) -> str:
        return f'(SELECT {column} FROM "user" u WHERE u.id = {param})'

    team = of_user("u.team_id")
    home_team_key = of_user(f"COALESCE(u.team_id, {NO_TEAM})")  # rollups.team_key
    hidden = of_user("u.leaderboard_opt_out OR u.deactivated_at IS NOT NULL")
    row = f"({', '.join([param] * 2 + [team, home_team_key, hidden] + [param] * 3)})"
    statements = {}
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

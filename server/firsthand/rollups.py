"""The program's rollups per team and day, moved in the transaction of every write that
changes them: invite, connect, disconnect (tokens revoked or expired), deactivate,
reactivate, team move or merge, share, deleted share, erasure. Tables and what each holds:
rollup_models.py. `rebuild()` recomputes them all from the raw rows (membership history,
period totals, shares, people) in SQL.

Every writer gathers its changes in a `Changes` and applies them in one sorted pass, so
concurrent PostgreSQL writers lock shared rollup rows in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache

from peewee import SqliteDatabase, fn

from .clock import as_utc, week_start
from .db import database, insert_rows
from .models import PeriodStats, Share
from .rollup_models import (
    KEYS,
    NO_TEAM,
    CohortActive,
    CohortSize,
    LastShareHour,
    Membership,
    TeamDay,
    TeamPeriod,
    TeamTotal,
)

ROLLED_PERIODS = ("week:", "month:")
_UNREAD = object()


def day_number(moment: datetime) -> int:
    return int(as_utc(moment).timestamp()) // 86400


def hour_number(moment: datetime) -> int:
    return int(as_utc(moment).timestamp()) // 3600


def program_weeks(now: datetime, weeks: int) -> list[datetime]:
    """The starts of the last `weeks` ISO weeks, from the program's first on: the week of its
    first membership change (its first person invited, or the demo admin made). A program
    begun last week showed eleven weeks of zeros from before it existed."""
    starts = [week_start(now) - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
    first = TeamDay.select(fn.MIN(TeamDay.day)).scalar()  # the key's first column: one probe
    began = week_start(now if first is None else datetime.fromtimestamp(first * 86400, UTC))
    return [start for start in starts if start >= began] or starts[-1:]


def team_key(team_id: int | None) -> int:
    return team_id or NO_TEAM


class Changes:
    """Rollup deltas gathered during one write, applied together (sorted) by `apply()`."""

    def __init__(self) -> None:
        self.rows: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, model, key: tuple, **deltas: int) -> None:
        row = self.rows[(model._meta.table_name, key)]
        for column, delta in deltas.items():
            row[column] += delta

    def apply(self) -> None:
        """One upsert per table and set of columns, its rows in sorted order (fewer round
        trips while the write lock is held; PostgreSQL locks the rows in VALUES order)."""
        groups: dict[tuple, list] = defaultdict(list)
        for (table, key), deltas in sorted(self.rows.items()):
            if any(deltas.values()):
                groups[(table, tuple(deltas))].append([*key, *deltas.values()])
        for (table, columns), rows in groups.items():
            sql = _upsert_sql(table, columns, len(rows), database.param)
            database.execute_sql(sql, [value for row in rows for value in row])
        self.rows.clear()


@cache
def _upsert_sql(table: str, columns: tuple[str, ...], count: int, param: str) -> str:
    keys = KEYS[table]
    names = ", ".join([*keys, *columns])
    marks = "(" + ", ".join([param] * (len(keys) + len(columns))) + ")"
    sets = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in columns)
    return (
        f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * count)} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}"
    )


# --- membership history ---------------------------------------------------------------


def _membership_moved(changes: Changes, stint: dict, moment: datetime, sign: int) -> None:
    members = sign * int(stint["active"])
    connected = sign * int(stint["active"] and stint["connected"])
    changes.add(
        TeamDay, (day_number(moment), stint["team_key"]), members=members, connected=connected
    )
    changes.add(TeamTotal, (stint["team_key"],), people=sign, members=members, connected=connected)


def _open(changes: Changes, user_id: int, stint: dict, moment: datetime) -> None:
    Membership.insert(user=user_id, started_at=moment, **stint).execute()
    _membership_moved(changes, stint, moment, +1)


def _current(user_id: int) -> Membership | None:
    query = Membership.select().where((Membership.user == user_id) & Membership.ended_at.is_null())
    if not isinstance(database.obj, SqliteDatabase):
        query = query.for_update()
    return query.order_by(Membership.id.desc()).first()


def _state(stint: Membership) -> dict:
    return {"team_key": stint.team_key, "connected": stint.connected, "active": stint.active}


def _change(changes: Changes, user_id: int, moment: datetime, **state) -> None:
    """Close the person's open stretch and open the next one, in the new state."""
    current = _current(user_id)
    if current is None:
        return
    old = _state(current)
    new = old | state
    if new == old:
        return
    Membership.update(ended_at=moment).where(Membership.id == current.id).execute()
    _membership_moved(changes, old, moment, -1)
    _open(changes, user_id, new, moment)


# --- the latest share of each live person (the three groups) ----------------------------


# What `bucket_of` reads, from "user" u (the share writer reads it with the counters).
LATEST_SHARE_COLUMNS = (
    "u.team_id, u.connected_at, u.deactivated_at, u.erased_at, "
    "(SELECT s.logged_at FROM share s WHERE s.user_id = u.id AND s.deleted_at IS NULL "
    "ORDER BY s.logged_at DESC LIMIT 1)"
)


def bucket_of(row: tuple) -> tuple[int, int, bool] | None:
    """(team key, hour of their latest live share, connected) of a live person who shared."""
    if row[2] is not None or row[3] is not None or row[4] is None:
        return None
    return team_key(row[0]), hour_number(Share.logged_at.python_value(row[4])), row[1] is not None


def latest_share_bucket(user_id: int) -> tuple[int, int, bool] | None:
    sql = f'SELECT {LATEST_SHARE_COLUMNS} FROM "user" u WHERE u.id = {database.param}'
    row = database.execute_sql(sql, (user_id,)).fetchone()
    return None if row is None else bucket_of(row)


@contextmanager
def tracked(user_id: int, *, locked=False, before: object = _UNREAD, new_share_at=None):
    """Gather the rollup changes of one write to a person (yielded), with the move of
    their latest share between buckets; apply them all when the write's code is done.
    Use inside the write transaction; `locked`: it already holds their counters' row lock;
    `before`: their `bucket_of` as read under it. `new_share_at`: the write only adds a live
    share logged then, so their latest share afterwards is known without reading it again."""
    changes = Changes()
    if not locked and not isinstance(database.obj, SqliteDatabase):
        # Writes to one person are serialised on their counters' row (SQLite's writers hold
        # the database's write lock), so the "before" read stays true.
        p = database.param
        database.execute_sql(f"SELECT 1 FROM user_stats WHERE user_id = {p} FOR UPDATE", (user_id,))
    before = latest_share_bucket(user_id) if before is _UNREAD else before
    yield changes
    if new_share_at is None or before is None:
        after = latest_share_bucket(user_id)
    else:
        after = (before[0], max(before[1], hour_number(new_share_at)), before[2])
    if before != after:
        for bucket, sign in ((before, -1), (after, +1)):
            if bucket is not None:
                team, hour, connected = bucket
                changes.add(
                    LastShareHour, (hour, team), people=sign, connected=sign * int(connected)
                )
    changes.apply()


# --- the events ---------------------------------------------------------------------------


def invited(changes: Changes, user_id: int, team_id: int | None, moment: datetime) -> None:
    _open(
        changes,
        user_id,
        {"team_key": team_key(team_id), "connected": False, "active": True},
        moment,
    )


def invited_many(people: list[tuple[int, int | None]], moment: datetime) -> None:
    """Many people invited at once (an import): their stretches in one bulk insert."""
    changes = Changes()
    stints = []
    for user_id, team_id in people:
        stint = {"team_key": team_key(team_id), "connected": False, "active": True}
        stints.append({"user": user_id, "started_at": moment, **stint})
        _membership_moved(changes, stint, moment, +1)
    insert_rows(Membership, stints)
    changes.apply()


def connected(changes: Changes, user_id: int, moment: datetime) -> None:
    """They connected: a connected stretch, and (the first time) their retention cohort,
    with the months they already shared in."""
    first = _cohort_of(user_id) is None
    _change(changes, user_id, moment, connected=True)
    cohort = _cohort_of(user_id) if first else None
    if cohort is None:
        return
    team, month = cohort
    changes.add(CohortSize, (month, team), people=1)
    months = PeriodStats.select(PeriodStats.period).where(
        (PeriodStats.user == user_id)
        & PeriodStats.period.startswith("month:")
        & (PeriodStats.shares > 0)
    )
    for (period,) in months.tuples():
        changes.add(CohortActive, (month, period.removeprefix("month:"), team), people=1)


def disconnected(changes: Changes, user_id: int, moment: datetime) -> None:
    """Their tokens were revoked or their newest expired: a stretch not connected."""
    _change(changes, user_id, moment, connected=False)


def activated(changes: Changes, user_id: int, active: bool, moment: datetime) -> None:
    _change(changes, user_id, moment, active=active)


def moved(changes: Changes, user_id: int, team_id: int | None, moment: datetime) -> None:
    _change(changes, user_id, moment, team_key=team_key(team_id))


def _cohort_of(user_id: int) -> tuple[int, str] | None:
    """(team key, month) of the person's first connected stretch: their retention cohort."""
    first = (
        Membership.select(Membership.team_key, Membership.started_at)
        .where((Membership.user == user_id) & (Membership.connected == True))  # noqa: E712
        .order_by(Membership.id)
        .first()
    )
    return None if first is None else (first.team_key, f"{first.started_at:%Y-%m}")


def periods_moved(user_id: int, rows: list[tuple], shares: int, personal: int) -> None:
    """Period totals changed by (shares, personal): `rows` are (period, shares,
    personal_shares, home_team_key) after the change. Applied at once (ledger.py)."""
    if not shares and not personal:
        return
    changes = Changes()
    cohort = False
    for period, now_shares, now_personal, home in rows:
        if not period.startswith(ROLLED_PERIODS):
            continue
        sharer = (now_shares > 0) - (now_shares - shares > 0)
        own = (now_personal > 0) - (now_personal - personal > 0)
        changes.add(
            TeamPeriod,
            (period, home),
            sharers=sharer,
            own_voice_sharers=own,
            shares=shares,
            personal_shares=personal,
        )
        if sharer and period.startswith("month:"):
            cohort = _cohort_of(user_id) if cohort is False else cohort
            if cohort is not None:
                team, month = cohort
                changes.add(
                    CohortActive, (month, period.removeprefix("month:"), team), people=sharer
                )
    changes.apply()


def erased(changes: Changes, user_id: int, moment: datetime) -> None:
    """Before their period totals are deleted: they leave the rollups of their periods
    and cohort; their stretch in the program ends (membership history stays, anonymous)."""
    cohort = _cohort_of(user_id)
    rows = PeriodStats.select(
        PeriodStats.period,
        PeriodStats.shares,
        PeriodStats.personal_shares,
        PeriodStats.home_team_key,
    ).where(PeriodStats.user == user_id)
    for period, shares, personal, home in rows.tuples():
        if not period.startswith(ROLLED_PERIODS) or not (shares or personal):
            continue
        changes.add(
            TeamPeriod,
            (period, home),
            sharers=-int(shares > 0),
            own_voice_sharers=-int(personal > 0),
            shares=-shares,
            personal_shares=-personal,
        )
        if shares > 0 and period.startswith("month:") and cohort is not None:
            changes.add(
                CohortActive, (cohort[1], period.removeprefix("month:"), cohort[0]), people=-1
            )
    current = _current(user_id)
    if current is not None:
        Membership.update(ended_at=moment).where(Membership.id == current.id).execute()
        _membership_moved(changes, _state(current), moment, -1)


# Rebuilding from the raw rows, and merging two teams' rollups, live beside this module (kept
# short); re-exported here.
from .rollups_merge import teams_merged  # noqa: E402, F401
from .rollups_rebuild import rebuild, rebuild_statements, stored  # noqa: E402, F401

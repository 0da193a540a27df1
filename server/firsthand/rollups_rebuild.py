"""Rebuilding the program's rollups (rollups.py) from the raw rows in SQL: for repairs,
restores, the 0012 upgrade and the benchmark's generated data."""

from __future__ import annotations

from peewee import Database, SqliteDatabase

from .db import database
from .rollup_models import (
    ALL,
    KEYS,
    columns_of,
)

# --- rebuilding from the raw rows -----------------------------------------------------------


def _sql_time(db: Database) -> dict[str, str]:
    if isinstance(db, SqliteDatabase):
        return {
            "day": "(CAST(strftime('%s', {0}) AS INTEGER) / 86400)",
            "hour": "(CAST(strftime('%s', {0}) AS INTEGER) / 3600)",
            "month": "strftime('%Y-%m', {0})",
        }
    return {
        "day": "CAST(FLOOR(EXTRACT(EPOCH FROM {0}) / 86400) AS INTEGER)",
        "hour": "CAST(FLOOR(EXTRACT(EPOCH FROM {0}) / 3600) AS INTEGER)",
        "month": "to_char({0}, 'YYYY-MM')",
    }


def rebuild_statements(db: Database) -> list[str]:
    """The SQL that recomputes every rollup from the raw rows (after emptying them)."""
    t = _sql_time(db)
    day, hour, month = (lambda c, f=t[k]: f.format(c) for k in ("day", "hour", "month"))
    active = "CASE WHEN active THEN 1 ELSE 0 END"
    both = "CASE WHEN active AND connected THEN 1 ELSE 0 END"
    first = (
        "(SELECT m.user_id, m.team_key, m.started_at FROM membership m JOIN "
        "(SELECT user_id, MIN(id) AS id FROM membership WHERE connected GROUP BY user_id) f "
        "ON f.id = m.id)"
    )
    return [
        *[f"DELETE FROM {m._meta.table_name}" for m in ALL],
        "INSERT INTO team_total (team_key, people, members, connected) "
        f"SELECT team_key, COUNT(*), SUM({active}), SUM({both}) FROM membership "
        "WHERE ended_at IS NULL GROUP BY team_key",
        "INSERT INTO team_day (day, team_key, members, connected) "
        "SELECT day, team_key, SUM(m), SUM(c) FROM ("
        f"SELECT {day('started_at')} AS day, team_key, {active} AS m, {both} AS c "
        "FROM membership UNION ALL "
        f"SELECT {day('ended_at')}, team_key, -{active}, -{both} FROM membership "
        "WHERE ended_at IS NOT NULL) d GROUP BY day, team_key "
        "HAVING SUM(m) <> 0 OR SUM(c) <> 0",
        "INSERT INTO team_period "
        "(period, team_key, sharers, own_voice_sharers, shares, personal_shares) "
        "SELECT period, home_team_key, SUM(CASE WHEN shares > 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN personal_shares > 0 THEN 1 ELSE 0 END), SUM(shares), "
        "SUM(personal_shares) FROM period_stats "
        "WHERE (substr(period, 1, 5) = 'week:' OR substr(period, 1, 6) = 'month:') "
        "AND (shares <> 0 OR personal_shares <> 0) GROUP BY period, home_team_key",
        "INSERT INTO cohort_size (cohort, team_key, people) "
        f"SELECT {month('fc.started_at')}, fc.team_key, COUNT(*) FROM {first} fc "
        "GROUP BY 1, 2",
        "INSERT INTO cohort_active (cohort, month, team_key, people) "
        f"SELECT {month('fc.started_at')}, substr(p.period, 7), fc.team_key, COUNT(*) "
        f"FROM period_stats p JOIN {first} fc ON fc.user_id = p.user_id "
        "WHERE substr(p.period, 1, 6) = 'month:' AND p.shares > 0 GROUP BY 1, 2, 3",
        "INSERT INTO last_share_hour (hour, team_key, people, connected) "
        f"SELECT {hour('s.last')}, COALESCE(u.team_id, 0), COUNT(*), "
        "SUM(CASE WHEN u.connected_at IS NOT NULL THEN 1 ELSE 0 END) "
        'FROM "user" u JOIN (SELECT user_id, MAX(logged_at) AS last FROM share '
        "WHERE deleted_at IS NULL GROUP BY user_id) s ON s.user_id = u.id "
        "WHERE u.deactivated_at IS NULL AND u.erased_at IS NULL GROUP BY 1, 2",
    ]


def rebuild(db: Database | None = None) -> None:
    """Recompute every rollup from the raw rows, in one transaction."""
    target = db or database.obj
    with target.atomic():
        for statement in rebuild_statements(target):
            target.execute_sql(statement)


def stored() -> dict[str, dict[tuple, tuple]]:
    """Every rollup's non-zero rows, by table: {key: values} (what tests compare)."""
    tables = {}
    for model in ALL:
        table = model._meta.table_name
        keys = KEYS[table]
        values = [c for c in columns_of(table) if c not in keys]
        rows = database.execute_sql(f"SELECT {', '.join([*keys, *values])} FROM {table}").fetchall()
        tables[table] = {
            tuple(r[: len(keys)]): tuple(int(v) for v in r[len(keys) :])
            for r in rows
            if any(r[len(keys) :])
        }
    return tables

"""Merging two teams' rollups (rollups.py): everything counted in the team going away counts
in the team it is merged into, in every rollup table, the membership history and the period
totals' home teams. Kept beside rollups.py, which re-exports it."""

from __future__ import annotations

from .db import database
from .models import PeriodStats
from .rollup_models import KEYS, Membership, columns_of


def teams_merged(source_id: int, into_id: int) -> None:
    """Everything counted in `source` counts in `into` (the source team is going away)."""
    run = database.execute_sql
    p = database.param
    for table, keys in KEYS.items():
        values = [c for c in columns_of(table) if c not in keys]
        others = [k for k in keys if k != "team_key"]
        names = ", ".join([*others, "team_key", *values])
        sets = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in values)
        run(
            f"INSERT INTO {table} ({names}) "
            f"SELECT {', '.join([*others, p, *values])} FROM {table} WHERE team_key = {p} "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}",
            (into_id, source_id),
        )
        run(f"DELETE FROM {table} WHERE team_key = {p}", (source_id,))
    Membership.update(team_key=into_id).where(Membership.team_key == source_id).execute()
    PeriodStats.update(home_team_key=into_id).where(
        PeriodStats.home_team_key == source_id
    ).execute()

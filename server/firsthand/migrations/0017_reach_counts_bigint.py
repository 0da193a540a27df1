"""Reach counts as 64-bit integers on PostgreSQL. A reading may carry counts up to 10^12
(reach-reading.request) and a month's rollup adds up every share's, but the columns were
INTEGER (at most 2^31 - 1): a post read at 3 billion impressions, or a team's month passing
2^31, answered 500, and every later reading that added to that rollup row failed with it.
SQLite's integers are 64-bit already."""

from peewee import PostgresqlDatabase

METRICS = ("reactions", "comments", "reposts", "impressions")
COLUMNS = {
    "reach_snapshot": METRICS,
    "share_reach": METRICS + tuple(f"latest_{m}" for m in METRICS),
    "reach_rollup": METRICS,
    "user_stats": ("best_post_comments", "best_post_reactions"),
}


def _retype(db, sql_type: str) -> None:
    if not isinstance(db, PostgresqlDatabase):
        return
    for table, columns in COLUMNS.items():
        changes = ", ".join(f'ALTER COLUMN "{c}" TYPE {sql_type}' for c in columns)
        db.execute_sql(f'ALTER TABLE "{table}" {changes}')


def up(migrator, db):
    _retype(db, "BIGINT")


def down(migrator, db):
    _retype(db, "INTEGER")  # fails, changing nothing, if a count no longer fits

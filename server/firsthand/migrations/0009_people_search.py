"""PostgreSQL: trigram indexes for the console's people search.

The people list searches names and emails by substring (ILIKE '%…%'), which no B-tree can
answer: PostgreSQL scanned all 100,000 people per search (~0.4 s), SQLite does the same scan in
~20 ms. pg_trgm's GIN indexes answer it from the index. The extension lives in `public` so
that it outlives any one schema; where the database user may not create extensions the
search keeps working without the index, and a warning says how to add it.
"""

import logging

from peewee import PostgresqlDatabase

log = logging.getLogger(__name__)


def up(migrator, db):
    if not isinstance(db, PostgresqlDatabase):
        return
    try:
        with db.atomic():  # a savepoint: a refusal must not abort the migration
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    except Exception as exc:  # noqa: BLE001 - any refusal leaves search unindexed, not broken
        log.warning(
            "people search stays unindexed: could not enable pg_trgm (%s); a superuser can run "
            "CREATE EXTENSION pg_trgm WITH SCHEMA public, then restart Firsthand's migration",
            exc,
        )
        return
    for column in ("name", "email"):
        db.execute_sql(
            f'CREATE INDEX IF NOT EXISTS "user_{column}_trgm" ON "user" '
            f'USING gin ("{column}" public.gin_trgm_ops)'
        )

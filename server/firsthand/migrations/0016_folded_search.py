"""Searches that ignore case and accents in every script (folding.py): a folded copy of
people's names and of the audit log's labels, filled here for the rows already there and
written with the names from now on. On PostgreSQL the people search's trigram index moves
from the name to its folded copy."""

import logging

from peewee import SQL, PostgresqlDatabase, TextField

from firsthand.folding import fold

log = logging.getLogger(__name__)
CHUNK = 1000

COLUMNS = {
    "user": {"name": "name_folded"},
    "audit_event": {"actor_label": "actor_label_folded", "target_label": "target_label_folded"},
}


def _fill(db, table: str, columns: dict[str, str]) -> None:
    """Each row's folded copies, a chunk of rows (in id order) at a time."""
    p = db.param
    sources = ", ".join(f'"{s}"' for s in columns)
    sets = ", ".join(f'"{t}" = {p}' for t in columns.values())
    last = 0
    while True:
        rows = db.execute_sql(
            f'SELECT id, {sources} FROM "{table}" WHERE id > {p} ORDER BY id LIMIT {CHUNK}',
            (last,),
        ).fetchall()
        if not rows:
            return
        values = [(*(fold(v or "") for v in row[1:]), row[0]) for row in rows]
        db.cursor().executemany(f'UPDATE "{table}" SET {sets} WHERE id = {p}', values)
        last = rows[-1][0]


def _has_trigrams(db) -> bool:
    found = db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
    return found is not None


def up(migrator, db):
    migrator.migrate(
        *(
            # A default in the database too, not only peewee's: a writer that does not name
            # the column (a worker of the previous version during a rolling restart, a raw
            # INSERT) still writes its row.
            migrator.add_column(
                table, target, TextField(default="", constraints=[SQL("DEFAULT ''")])
            )
            for table, columns in COLUMNS.items()
            for target in columns.values()
        )
    )
    for table, columns in COLUMNS.items():
        _fill(db, table, columns)
    if not isinstance(db, PostgresqlDatabase):
        return
    db.execute_sql('DROP INDEX IF EXISTS "user_name_trgm"')
    if not _has_trigrams(db):
        log.warning("people search stays unindexed: pg_trgm is not enabled (see 0009)")
        return
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "user_name_folded_trgm" ON "user" '
        'USING gin ("name_folded" public.gin_trgm_ops)'
    )


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql('DROP INDEX IF EXISTS "user_name_folded_trgm"')
        if _has_trigrams(db):
            db.execute_sql(
                'CREATE INDEX IF NOT EXISTS "user_name_trgm" ON "user" '
                'USING gin ("name" public.gin_trgm_ops)'
            )
    migrator.migrate(
        *(
            migrator.drop_column(table, target)
            for table, columns in COLUMNS.items()
            for target in columns.values()
        )
    )

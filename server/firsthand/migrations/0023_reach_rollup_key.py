"""One reach rollup row per month, team, network and voice. The row was looked up and, when
missing, created: two first readings of the same key at once on PostgreSQL (nothing to lock
yet) made two rows. Totals stayed right, but a recount compared per key disagreed and every
later reading moved only one of them. Rows already doubled are added together here, then a
unique index (no team counts as team 0: NULLs are never equal in an index) keeps it so."""

KEY = "month, COALESCE(team_id, 0), network, voice"
SUMS = ("shares", "reactions", "comments", "reposts", "impressions")
SAME_KEY = (
    "r.month = reach_rollup.month AND COALESCE(r.team_id, 0) = COALESCE(reach_rollup.team_id, 0)"
    " AND r.network = reach_rollup.network AND r.voice = reach_rollup.voice"
)
FIRSTS = f"SELECT MIN(id) FROM reach_rollup GROUP BY {KEY}"


def up(migrator, db):
    totals = ", ".join(
        f"{name} = (SELECT SUM(r.{name}) FROM reach_rollup r WHERE {SAME_KEY})" for name in SUMS
    )
    db.execute_sql(f"UPDATE reach_rollup SET {totals} WHERE id IN ({FIRSTS} HAVING COUNT(*) > 1)")
    db.execute_sql(f"DELETE FROM reach_rollup WHERE id NOT IN ({FIRSTS})")
    db.execute_sql('DROP INDEX IF EXISTS "reachrollup_month_team_id_network_voice"')
    db.execute_sql(f'CREATE UNIQUE INDEX "reach_rollup_key" ON "reach_rollup" ({KEY})')


def down(migrator, db):
    db.execute_sql('DROP INDEX "reach_rollup_key"')
    db.execute_sql(
        'CREATE INDEX "reachrollup_month_team_id_network_voice" ON "reach_rollup"'
        " (month, team_id, network, voice)"
    )

"""Rank histogram: how many visible people stand on each points value, per period and scope
(team id, or 0 for the whole company). "My rank" is then 1 + the people on higher values, a
sum over the distinct points values rather than over colleagues.

Triggers on period_stats keep it exact in the transaction of every change to a period total
(shares, deletes, kudos, rescore, opt-out, deactivation, team moves and merges, erasure):
no code path has to remember it.

Counters for the share list and deletes: user_stats.listed_shares (live shares, GET /shares'
total) and user_stats.network_counts (counted live shares per network), so neither lists nor
deletes count a person's shares.
"""

from peewee import *

# The changes one period_stats row makes, as (period, team key, points, ±1): leaving its old
# bucket(s) and entering its new one(s), company (team key 0) and team. The net change per
# bucket is applied in one upsert, buckets in (team, points) order so that concurrent
# PostgreSQL writers lock shared bucket rows in the same order.


def _upsert(sides):
    """sides: (row reference prefix, +1 or -1, "is the row visible" expression) each."""
    selects = []
    for ref, sign, visible in sides:
        columns = f"{ref}period AS period, {{team}} AS team_key, {ref}points AS points"
        selects.append(f"SELECT {columns.format(team=0)}, {sign} AS delta WHERE {visible}")
        selects.append(
            f"SELECT {columns.format(team=ref + 'team_id')}, {sign} AS delta "
            f"WHERE {visible} AND {ref}team_id IS NOT NULL"
        )
    return f"""
    INSERT INTO rank_histogram (period, team_key, points, people)
    SELECT c.period, c.team_key, c.points, SUM(c.delta) FROM ({" UNION ALL ".join(selects)}) AS c
    WHERE 1 = 1
    GROUP BY c.period, c.team_key, c.points HAVING SUM(c.delta) <> 0
    ORDER BY c.team_key, c.points
    ON CONFLICT (period, team_key, points)
    DO UPDATE SET people = rank_histogram.people + excluded.people
    """


_OLD = ("OLD.", -1, "NOT OLD.hidden")
_NEW = ("NEW.", 1, "NOT NEW.hidden")
_CHANGED = (
    "OLD.points <> NEW.points OR OLD.hidden <> NEW.hidden OR OLD.period <> NEW.period"
    " OR OLD.team_id IS NOT NEW.team_id"
)


def _sqlite(db):
    run = db.execute_sql
    run(
        "CREATE TRIGGER period_stats_rank_insert AFTER INSERT ON period_stats "
        f"BEGIN {_upsert([_NEW])}; END"
    )
    run(
        "CREATE TRIGGER period_stats_rank_delete AFTER DELETE ON period_stats "
        f"BEGIN {_upsert([_OLD])}; END"
    )
    run(
        "CREATE TRIGGER period_stats_rank_update AFTER UPDATE ON period_stats "
        f"WHEN {_CHANGED} BEGIN {_upsert([_OLD, _NEW])}; END"
    )


def _postgresql(db):
    upsert = _upsert([("o_", -1, "o_on"), ("n_", 1, "n_on")])
    db.execute_sql(
        f"""
        CREATE FUNCTION period_stats_rank() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            o_on boolean := false; o_period varchar; o_team_id integer; o_points integer;
            n_on boolean := false; n_period varchar; n_team_id integer; n_points integer;
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                o_on := NOT OLD.hidden; o_period := OLD.period;
                o_team_id := OLD.team_id; o_points := OLD.points;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                n_on := NOT NEW.hidden; n_period := NEW.period;
                n_team_id := NEW.team_id; n_points := NEW.points;
            END IF;
            {upsert};
            RETURN NULL;
        END $$
        """
    )
    db.execute_sql(
        "CREATE TRIGGER period_stats_rank_insert_delete AFTER INSERT OR DELETE ON period_stats "
        "FOR EACH ROW EXECUTE FUNCTION period_stats_rank()"
    )
    changed = _CHANGED.replace("IS NOT", "IS DISTINCT FROM")
    db.execute_sql(
        "CREATE TRIGGER period_stats_rank_update AFTER UPDATE ON period_stats "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION period_stats_rank()"
    )


def up(migrator, db):
    class RankHistogram(Model):
        period = CharField(max_length=16)
        team_key = IntegerField()  # the team's id, or 0: the whole company
        points = IntegerField()
        people = IntegerField()

        class Meta:
            database = db
            table_name = "rank_histogram"
            primary_key = CompositeKey("period", "team_key", "points")

    db.create_tables([RankHistogram])
    db.execute_sql(
        "INSERT INTO rank_histogram (period, team_key, points, people) "
        "SELECT period, 0, points, COUNT(*) FROM period_stats WHERE NOT hidden "
        "GROUP BY period, points"
    )
    db.execute_sql(
        "INSERT INTO rank_histogram (period, team_key, points, people) "
        "SELECT period, team_id, points, COUNT(*) FROM period_stats "
        "WHERE NOT hidden AND team_id IS NOT NULL GROUP BY period, team_id, points"
    )
    if isinstance(db, SqliteDatabase):
        _sqlite(db)
    else:
        _postgresql(db)
    _share_counters(migrator, db)
    _board_indexes(db)


# Redundant indexes: each is the first column of a composite index on the same table, which
# answers the same look-ups (and the foreign keys' cascades); every write paid for them.
_COVERED = {
    "kudos": ("kudos_giver_id", "kudos_receiver_id"),
    "period_stats": ("periodstats_user_id", "period_stats_user_id"),
    "points_entry": ("pointsentry_user_id", "points_entry_user_id"),
    "share": ("share_user_id",),
    "user_badge": ("userbadge_user_id", "user_badge_user_id"),
}
# The boards' indexes, replaced by ones in the leaderboard's full order (points, then shares,
# then user id), so the top 10 is read off the index even when thousands tie on points.
_OLD_BOARD = (
    "periodstats_period_hidden_points",
    "period_stats_period_hidden_points",
    "periodstats_period_team_id_hidden_points",
    "period_stats_period_team_id_hidden_points",
)


def _board_indexes(db):
    for name in _OLD_BOARD + tuple(n for names in _COVERED.values() for n in names):
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    db.execute_sql(
        "CREATE INDEX period_stats_board ON period_stats "
        "(period, hidden, points DESC, shares DESC, user_id)"
    )
    db.execute_sql(
        "CREATE INDEX period_stats_team_board ON period_stats "
        "(period, team_id, hidden, points DESC, shares DESC, user_id)"
    )


def _share_counters(migrator, db):
    migrator.migrate(
        migrator.add_column("user_stats", "listed_shares", IntegerField(default=0)),
        migrator.add_column("user_stats", "network_counts", CharField(default="", max_length=200)),
    )
    db.execute_sql(
        "UPDATE user_stats SET listed_shares = (SELECT COUNT(*) FROM share "
        "WHERE share.user_id = user_stats.user_id AND share.deleted_at IS NULL)"
    )
    counted = db.execute_sql(
        "SELECT user_id, network, COUNT(*) FROM share WHERE deleted_at IS NULL AND id NOT IN "
        "(SELECT share_id FROM points_entry WHERE rule = 'stale_post' AND share_id IS NOT NULL) "
        "GROUP BY user_id, network ORDER BY user_id, network"
    ).fetchall()
    per_user = {}
    for user_id, network, count in counted:
        per_user.setdefault(user_id, []).append((network, count))
    p = db.param
    for user_id, networks in per_user.items():
        db.execute_sql(
            f"UPDATE user_stats SET network_counts = {p}, networks = {p} WHERE user_id = {p}",
            (
                ",".join(f"{n}:{c}" for n, c in networks),
                ",".join(n for n, _ in networks),
                user_id,
            ),
        )


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS period_stats_board")
    db.execute_sql("DROP INDEX IF EXISTS period_stats_team_board")
    db.execute_sql(
        "CREATE INDEX period_stats_period_hidden_points ON period_stats (period, hidden, points)"
    )
    db.execute_sql(
        "CREATE INDEX period_stats_period_team_id_hidden_points "
        "ON period_stats (period, team_id, hidden, points)"
    )
    for table, names in _COVERED.items():
        column = "giver_id" if table == "kudos" else "user_id"
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{names[0]}" ON "{table}" ({column})')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "kudos_receiver_id" ON kudos (receiver_id)')
    if isinstance(db, SqliteDatabase):
        for name in ("insert", "delete", "update"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS period_stats_rank_{name}")
    else:
        db.execute_sql("DROP TRIGGER IF EXISTS period_stats_rank_insert_delete ON period_stats")
        db.execute_sql("DROP TRIGGER IF EXISTS period_stats_rank_update ON period_stats")
        db.execute_sql("DROP FUNCTION IF EXISTS period_stats_rank()")
    migrator.migrate(
        migrator.drop_column("user_stats", "network_counts"),
        migrator.drop_column("user_stats", "listed_shares"),
        migrator.drop_table("rank_histogram"),
    )

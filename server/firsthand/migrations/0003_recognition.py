"""Recognition: leaderboard opt-out and period totals, kudos, verifiable badge assertions,
deleted shares, and the ledger's effective times. Existing data is carried over: badges get
assertion ids, ledger entries count at their creation time, period totals are rebuilt."""

import datetime
import secrets
from collections import defaultdict

from peewee import *


def _periods(moment):
    iso = moment.isocalendar()
    return [f"week:{iso[0]}-W{iso[1]:02d}", f"month:{moment:%Y-%m}", "all"]


def _as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Share(Model):
        class Meta:
            database = db
            table_name = "share"

    class PeriodStats(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        period = CharField(max_length=16)
        team = CharField(null=True, max_length=120)
        hidden = BooleanField(default=False)
        points = IntegerField(default=0)
        shares = IntegerField(default=0)
        personal_shares = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "period_stats"
            indexes = (
                (("user", "period"), True),
                (("period", "hidden", "points"), False),
                (("period", "team", "hidden", "points"), False),
            )

    class Kudos(Model):
        giver = ForeignKeyField(User, on_delete="CASCADE")
        receiver = ForeignKeyField(User, on_delete="CASCADE")
        share = ForeignKeyField(Share, null=True, on_delete="SET NULL")
        message = CharField(max_length=280)
        leadership = BooleanField(default=False)
        points = IntegerField(default=0)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "kudos"
            indexes = (
                (("receiver", "created_at"), False),
                (("giver", "receiver", "created_at"), False),
            )

    db.create_tables([PeriodStats, Kudos])
    migrator.migrate(
        migrator.add_column("user", "leaderboard_opt_out", BooleanField(default=False)),
        migrator.add_column("user_stats", "kudos_received", IntegerField(default=0)),
        migrator.add_column("user_stats", "leadership_kudos", IntegerField(default=0)),
        migrator.add_column("share", "deleted_at", DateTimeField(null=True)),
        migrator.add_column("points_entry", "effective_at", DateTimeField(null=True)),
        migrator.add_column("user_badge", "uid", CharField(max_length=32, null=True)),
        migrator.add_column("user_badge", "salt", CharField(max_length=32, null=True)),
        migrator.add_column("user_badge", "revoked_at", DateTimeField(null=True)),
        migrator.add_column("user_badge", "revoked_reason", CharField(max_length=200, null=True)),
    )
    db.execute_sql("UPDATE points_entry SET effective_at = created_at")
    for (badge_id,) in db.execute_sql("SELECT id FROM user_badge").fetchall():
        db.execute_sql(
            "UPDATE user_badge SET uid = %s, salt = %s WHERE id = %s".replace("%s", db.param),
            (secrets.token_hex(16), secrets.token_hex(16), badge_id),
        )
    migrator.migrate(
        migrator.add_not_null("points_entry", "effective_at"),
        migrator.add_not_null("user_badge", "uid"),
        migrator.add_not_null("user_badge", "salt"),
        migrator.add_index("user_badge", ("uid",), True),
    )
    _rebuild_periods(db)


def _rebuild_periods(db):
    totals = defaultdict(lambda: [0, 0, 0])
    for user_id, points, at in db.execute_sql(
        "SELECT user_id, points, effective_at FROM points_entry"
    ).fetchall():
        for key in _periods(_as_datetime(at)):
            totals[(user_id, key)][0] += points
    for user_id, voice, at in db.execute_sql(
        "SELECT user_id, voice, logged_at FROM share WHERE deleted_at IS NULL"
    ).fetchall():
        for key in _periods(_as_datetime(at)):
            totals[(user_id, key)][1] += 1
            totals[(user_id, key)][2] += voice == "personal"
    teams = dict(db.execute_sql('SELECT id, team FROM "user"').fetchall())
    insert = (
        "INSERT INTO period_stats (user_id, period, team, hidden, points, shares, "
        "personal_shares) VALUES (%s, %s, %s, %s, %s, %s, %s)"
    ).replace("%s", db.param)
    for (user_id, key), (points, shares, personal) in totals.items():
        db.execute_sql(insert, (user_id, key, teams.get(user_id), False, points, shares, personal))


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("user_badge", "revoked_reason"),
        migrator.drop_column("user_badge", "revoked_at"),
        migrator.drop_column("user_badge", "salt"),
        migrator.drop_column("user_badge", "uid"),
        migrator.drop_column("points_entry", "effective_at"),
        migrator.drop_column("share", "deleted_at"),
        migrator.drop_column("user_stats", "leadership_kudos"),
        migrator.drop_column("user_stats", "kudos_received"),
        migrator.drop_column("user", "leaderboard_opt_out"),
        migrator.drop_table("kudos"),
        migrator.drop_table("period_stats"),
    )

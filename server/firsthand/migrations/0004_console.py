"""The program console: teams as a table (the free-text user.team values become teams, names
that differ only in case or spacing become one), managers linked to their teams, each
person's status (connected, deactivated, erased), the audit log, console sign-in links and
CSV imports. Period totals point at the team too, so team boards keep working.

People who logged a share before this migration must have connected: their connected_at is
the moment of their first share. Others count as invited until they next use a connect link.
"""

import datetime
from collections import Counter

from peewee import *


def _key(name):
    return " ".join(name.split()).lower()


def up(migrator, db):
    class Team(Model):
        name = CharField(unique=True, max_length=120)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "team"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    db.create_tables([Team])
    p = db.param
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)

    # One team per distinct name (ignoring case and spacing), spelt as most people wrote it.
    spellings = {}
    for (raw,) in db.execute_sql('SELECT team FROM "user" WHERE team IS NOT NULL').fetchall():
        name = " ".join(raw.split())
        if name:
            spellings.setdefault(_key(name), Counter())[name] += 1
    team_ids = {}
    for key, counter in sorted(spellings.items()):
        name = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[0][0]
        team_ids[key] = Team.insert(name=name[:120], created_at=now).execute()

    migrator.migrate(
        migrator.add_column(
            "user",
            "team_id",
            ForeignKeyField(Team, null=True, field=Team.id, on_delete="SET NULL"),
        ),
        migrator.add_column("user", "connected_at", DateTimeField(null=True)),
        migrator.add_column("user", "deactivated_at", DateTimeField(null=True)),
        migrator.add_column("user", "erased_at", DateTimeField(null=True)),
        migrator.add_column(
            "period_stats",
            "team_id",
            ForeignKeyField(Team, null=True, field=Team.id, on_delete="SET NULL"),
        ),
    )
    for user_id, raw in db.execute_sql('SELECT id, team FROM "user"').fetchall():
        team_id = team_ids.get(_key(raw)) if raw and raw.strip() else None
        if team_id is not None:
            db.execute_sql(f'UPDATE "user" SET team_id = {p} WHERE id = {p}', (team_id, user_id))
    db.execute_sql(
        'UPDATE period_stats SET team_id = (SELECT team_id FROM "user" '
        'WHERE "user".id = period_stats.user_id)'
    )
    db.execute_sql(
        'UPDATE "user" SET connected_at = (SELECT MIN(logged_at) FROM share '
        'WHERE share.user_id = "user".id)'
    )
    migrator.migrate(
        migrator.drop_index("period_stats", "periodstats_period_team_hidden_points"),
        migrator.drop_column("period_stats", "team"),
        migrator.drop_column("user", "team"),
        migrator.add_index("period_stats", ("period", "team_id", "hidden", "points"), False),
        migrator.add_index("user", ("name", "id"), False),
        migrator.add_index("user", ("team_id", "name", "id"), False),
        migrator.add_index("user", ("role", "name", "id"), False),
        migrator.add_index("share", ("logged_at",), False),
    )

    class TeamManager(Model):
        team = ForeignKeyField(Team, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "team_manager"
            indexes = ((("team", "user"), True), (("user", "team"), False))

    class AuditEvent(Model):
        at = DateTimeField()
        actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
        actor_label = CharField(max_length=400)
        action = CharField(max_length=40)
        target_type = CharField(max_length=20)
        target_id = IntegerField(null=True)
        target_label = CharField(max_length=400)
        details = TextField(default="{}")

        class Meta:
            database = db
            table_name = "audit_event"
            indexes = (
                (("at", "id"), False),
                (("actor", "id"), False),
                (("action", "id"), False),
                (("target_type", "target_id", "id"), False),
            )

    class SignInLink(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        secret_hash = CharField(unique=True, max_length=64)
        created_at = DateTimeField()
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "sign_in_link"

    class ImportBatch(Model):
        actor = ForeignKeyField(User, on_delete="CASCADE")
        created_at = DateTimeField()
        filename = CharField(max_length=200)
        rows = TextField()
        applied_at = DateTimeField(null=True)
        invited = TextField(default="[]")

        class Meta:
            database = db
            table_name = "import_batch"

    db.create_tables([TeamManager, AuditEvent, SignInLink, ImportBatch])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table("import_batch"),
        migrator.drop_table("sign_in_link"),
        migrator.drop_table("audit_event"),
        migrator.drop_table("team_manager"),
        migrator.add_column("user", "team", CharField(null=True, max_length=120)),
        migrator.add_column("period_stats", "team", CharField(null=True, max_length=120)),
    )
    db.execute_sql(
        'UPDATE "user" SET team = (SELECT name FROM team WHERE team.id = "user".team_id)'
    )
    db.execute_sql(
        "UPDATE period_stats SET team = (SELECT name FROM team WHERE team.id = period_stats.team_id)"
    )
    migrator.migrate(
        migrator.drop_index("period_stats", "period_stats_period_team_id_hidden_points"),
        migrator.drop_index("user", "user_name_id"),
        migrator.drop_index("user", "user_team_id_name_id"),
        migrator.drop_index("user", "user_role_name_id"),
        migrator.drop_index("share", "share_logged_at"),
        migrator.drop_column("period_stats", "team_id"),
        migrator.drop_column("user", "team_id"),
        migrator.drop_column("user", "connected_at"),
        migrator.drop_column("user", "deactivated_at"),
        migrator.drop_column("user", "erased_at"),
        migrator.add_index("period_stats", ("period", "team", "hidden", "points"), False),
        migrator.drop_table("team"),
    )

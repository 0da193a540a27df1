"""Impact (issue 15): reach snapshots per share, each share's highest and latest counts,
their monthly rollups, the "what holds you back" answers and the admin's guidelines
page; two counters for impact badges."""

from peewee import *


def up(migrator, db):
    class Team(Model):
        class Meta:
            database = db
            table_name = "team"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Share(Model):
        class Meta:
            database = db
            table_name = "share"

    class ReachSnapshot(Model):
        share = ForeignKeyField(Share, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        hour = DateTimeField()
        seen_at = DateTimeField()
        received_at = DateTimeField()
        source = CharField(max_length=16)
        reactions = IntegerField(null=True)
        comments = IntegerField(null=True)
        reposts = IntegerField(null=True)
        impressions = IntegerField(null=True)
        raw = TextField(default="{}")

        class Meta:
            database = db
            table_name = "reach_snapshot"
            indexes = ((("share", "hour"), True), (("user", "seen_at"), False))

    class ShareReach(Model):
        share = ForeignKeyField(Share, primary_key=True, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        month = CharField(max_length=7)
        team = ForeignKeyField(Team, null=True, on_delete="SET NULL")
        network = CharField(max_length=16)
        voice = CharField(max_length=16)
        reactions = IntegerField(null=True)
        comments = IntegerField(null=True)
        reposts = IntegerField(null=True)
        impressions = IntegerField(null=True)
        latest_reactions = IntegerField(null=True)
        latest_comments = IntegerField(null=True)
        latest_reposts = IntegerField(null=True)
        latest_impressions = IntegerField(null=True)
        dropped = CharField(default="", max_length=64)
        snapshots = IntegerField(default=0)
        first_seen_at = DateTimeField()
        last_seen_at = DateTimeField()

        class Meta:
            database = db
            table_name = "share_reach"
            indexes = ((("user", "month"), False), (("month", "comments"), False))

    class ReachRollup(Model):
        month = CharField(max_length=7)
        team = ForeignKeyField(Team, null=True, on_delete="SET NULL")
        network = CharField(max_length=16)
        voice = CharField(max_length=16)
        shares = IntegerField(default=0)
        reactions = IntegerField(default=0)
        comments = IntegerField(default=0)
        reposts = IntegerField(default=0)
        impressions = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "reach_rollup"
            indexes = ((("month", "team", "network", "voice"), False),)

    class HoldBackAnswer(Model):
        user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE")
        answer = CharField(max_length=24)
        answered_at = DateTimeField()

        class Meta:
            database = db
            table_name = "hold_back_answer"

    class ProgramPage(Model):
        slug = CharField(unique=True, max_length=40)
        title = CharField(max_length=200)
        body = TextField()
        updated_at = DateTimeField()
        published = BooleanField(default=True)

        class Meta:
            database = db
            table_name = "program_page"

    db.create_tables([ReachSnapshot, ShareReach, ReachRollup, HoldBackAnswer, ProgramPage])
    migrator.migrate(
        migrator.add_column("user_stats", "best_post_comments", IntegerField(default=0)),
        migrator.add_column("user_stats", "best_post_reactions", IntegerField(default=0)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("user_stats", "best_post_comments"),
        migrator.drop_column("user_stats", "best_post_reactions"),
        migrator.drop_table("program_page"),
        migrator.drop_table("hold_back_answer"),
        migrator.drop_table("reach_rollup"),
        migrator.drop_table("share_reach"),
        migrator.drop_table("reach_snapshot"),
    )

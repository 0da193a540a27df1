"""Initial schema: users, counters, shares, the points ledger, earned badges."""

from peewee import *


def up(migrator, db):
    class User(Model):
        email = CharField(unique=True, max_length=254)
        name = CharField(max_length=120)
        team = CharField(null=True, max_length=120)
        role = CharField(max_length=16, default="employee")
        token_generation = IntegerField(default=0)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "user"

    db.create_tables([User])

    class Share(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        url = TextField()
        canonical_url = CharField(unique=True, max_length=512)
        network = CharField(max_length=16)
        text = TextField(null=True)
        posted_at = DateTimeField(null=True)
        logged_at = DateTimeField()
        source = CharField(null=True, max_length=40)
        idempotency_key = CharField(null=True, max_length=128)
        points = IntegerField(default=0)
        voice = CharField(null=True, max_length=16)
        is_clone = BooleanField(null=True)

        class Meta:
            database = db
            table_name = "share"
            indexes = ((("user", "idempotency_key"), True), (("user", "logged_at"), False))

    db.create_tables([Share])

    class PointsEntry(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        share = ForeignKeyField(Share, null=True, on_delete="SET NULL")
        rule = CharField(max_length=40)
        points = IntegerField()
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "points_entry"
            indexes = ((("user", "created_at"), False),)

    db.create_tables([PointsEntry])

    class UserBadge(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        badge_id = CharField(max_length=40)
        share = ForeignKeyField(Share, null=True, on_delete="SET NULL")
        earned_at = DateTimeField()

        class Meta:
            database = db
            table_name = "user_badge"
            indexes = ((("user", "badge_id"), True),)

    db.create_tables([UserBadge])

    class UserStats(Model):
        user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE")
        points = IntegerField(default=0)
        shares = IntegerField(default=0)
        personal_shares = IntegerField(default=0)
        original_shares = IntegerField(default=0)
        networks = CharField(max_length=64, default="")
        streak_weeks = IntegerField(default=0)
        longest_streak_weeks = IntegerField(default=0)
        last_share_week = DateField(null=True)
        scored_day = DateField(null=True)
        scored_today = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "user_stats"

    db.create_tables([UserStats])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("user_stats"))
    migrator.migrate(migrator.drop_table("user_badge"))
    migrator.migrate(migrator.drop_table("points_entry"))
    migrator.migrate(migrator.drop_table("share"))
    migrator.migrate(migrator.drop_table("user"))

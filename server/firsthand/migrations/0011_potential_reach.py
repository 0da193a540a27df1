"""Potential reach (issue 15): the connection or follower counts employees choose to enter,
per network, kept apart from impressions and clicks."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class PotentialReach(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        network = CharField(max_length=16)
        audience = IntegerField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "potential_reach"
            indexes = ((("user", "network"), True),)

    db.create_tables([PotentialReach])


def down(migrator, db):
    db.execute_sql('DROP TABLE IF EXISTS "potential_reach"')

"""Sketches of logged share texts, for the clone check (near-identical copy)."""

from peewee import *


def up(migrator, db):
    class Share(Model):
        class Meta:
            database = db
            table_name = "share"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class ShareSketch(Model):
        share = ForeignKeyField(Share, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        hash = BigIntegerField()
        logged_at = DateTimeField()

        class Meta:
            database = db
            table_name = "share_sketch"
            indexes = ((("hash", "logged_at"), False),)

    db.create_tables([ShareSketch])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("share_sketch"))

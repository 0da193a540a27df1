"""Connect links work once: each invite carries the user's count of used invites, and using
one bumps the count (and remembers when, so a second use can say so)."""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("user", "invites_used", IntegerField(default=0)),
        migrator.add_column("user", "invite_used_at", DateTimeField(null=True)),
    )

"""A badge `firsthand rescore` awards after a rules edit (a lower target, a new badge) is
marked: it was not earned by anything done that week, and the weekly summary left it in
"Badges earned" (seven people "earned" Amplifier the week its target went from 25 to 2).
Badges awarded before this migration are taken as earned."""

from peewee import BooleanField


def up(migrator, db):
    migrator.migrate(migrator.add_column("user_badge", "by_rescore", BooleanField(default=False)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user_badge", "by_rescore"))

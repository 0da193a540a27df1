"""Signing out of the console ends that session on the server (cold trial, finding 4): the
session cookie names the sign-in link that began it, and `sign_in_link.signed_out_at` marks
the session signed out, so a copy of the cookie saved before "Sign out" no longer opens the
console. Sessions begun before this migration name no link: they end, and people sign in once
more."""

from peewee import DateTimeField


def up(migrator, db):
    migrator.migrate(migrator.add_column("sign_in_link", "signed_out_at", DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("sign_in_link", "signed_out_at"))

"""A connect link pressed twice still connects the browser that pressed it: a double click or
a resent POST found the link spent by the first press, and its "already used" replaced the
first answer's result, so the person got no token. `user.invite_spent_by` keeps a hash of the
connect page's CSRF token (one per page, in that browser's cookie) that spent the last link:
the same page pressing it again is answered as the first press was (auth.use_invite)."""

from peewee import CharField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("user", "invite_spent_by", CharField(null=True, max_length=64))
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user", "invite_spent_by"))

"""A person is "connected" while a browser holds a token of theirs that still works: revoking
their tokens ends it (accounts.revoke_tokens), and so does their newest token growing older
than the token lifetime (token_expiry.expire_connections). `user.token_signed_at` is when the
newest token a browser used was signed.

People connected before this migration take their connected_at: the newest token they used
is at least that recent. One whose token is newer and still works is marked connected again
by their next request, which records that token's time."""

from peewee import DateTimeField

INDEX = "user_token_signed_at"


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("user", "token_signed_at", DateTimeField(null=True)),
        migrator.add_index("user", ("token_signed_at",), False),
    )
    db.execute_sql(
        'UPDATE "user" SET token_signed_at = connected_at WHERE connected_at IS NOT NULL'
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("user", INDEX),
        migrator.drop_column("user", "token_signed_at"),
    )

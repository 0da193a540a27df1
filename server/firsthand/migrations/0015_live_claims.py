"""A post is claimed by its live share only: deleting a share releases the post for a
colleague (its real author, say), while the one who deleted it can never log it again.

The unique index on share.canonical_url becomes two: unique among live shares (partial, on
both backends), and unique per employee whatever the state (so a deleted share still blocks
its own employee's re-log, race-free, and lookups by post keep an index)."""


def up(migrator, db):
    db.execute_sql('DROP INDEX "share_canonical_url"')
    db.execute_sql(
        'CREATE UNIQUE INDEX "share_canonical_url_user_id" ON "share" ("canonical_url", "user_id")'
    )
    db.execute_sql(
        'CREATE UNIQUE INDEX "share_canonical_url_live" ON "share" ("canonical_url") '
        'WHERE "deleted_at" IS NULL'
    )


def down(migrator, db):
    db.execute_sql('DROP INDEX "share_canonical_url_live"')
    db.execute_sql('DROP INDEX "share_canonical_url_user_id"')
    db.execute_sql('CREATE UNIQUE INDEX "share_canonical_url" ON "share" ("canonical_url")')

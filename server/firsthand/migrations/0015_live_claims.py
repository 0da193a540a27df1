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
    # Before 0015 a post had one row whatever its state: once a released post was logged
    # again by a colleague it has two, and the old unique index cannot be built over them.
    twice = db.execute_sql(
        'SELECT COUNT(*) FROM (SELECT "canonical_url" FROM "share" '
        'GROUP BY "canonical_url" HAVING COUNT(*) > 1) AS logged_again'
    ).fetchone()[0]
    if twice:
        raise RuntimeError(
            f"cannot undo 0015_live_claims: {twice} post(s) were logged by a colleague after "
            "a deleted share released them, which the older schema cannot hold; restore a "
            "backup taken before the upgrade instead"
        )
    db.execute_sql('DROP INDEX "share_canonical_url_live"')
    db.execute_sql('DROP INDEX "share_canonical_url_user_id"')
    db.execute_sql('CREATE UNIQUE INDEX "share_canonical_url" ON "share" ("canonical_url")')

"""A logged share's sketch is of its prose as a draft's is (clones.share_sketch: no links or
hashtags, invisible characters and look-alike letters undone): of the raw text, the same post
pasted with its link and hashtags was not found to be a copy. Re-sketched here: the shares of the
last 60 days (the clone window is 30) with a text; older sketches no draft is compared with."""

from datetime import UTC, datetime, timedelta


def up(migrator, db):
    from firsthand.clones import share_sketch  # the rule the server uses from now on

    p = db.param
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=60)
    rows = db.execute_sql(
        'SELECT "id", "user_id", "text", "logged_at" FROM "share" WHERE "text" IS NOT NULL '
        f'AND "deleted_at" IS NULL AND "logged_at" >= {p}',
        [since],
    ).fetchall()
    for share_id, user_id, text, logged_at in rows:
        db.execute_sql(f'DELETE FROM "share_sketch" WHERE "share_id" = {p}', [share_id])
        values = share_sketch(text)
        if not values:
            continue
        # One statement a share (at most fingerprint.K rows), not one a hash.
        places = ", ".join([f"({p}, {p}, {p}, {p})"] * len(values))
        params = [part for value in values for part in (share_id, user_id, value, logged_at)]
        db.execute_sql(
            'INSERT INTO "share_sketch" ("share_id", "user_id", "hash", "logged_at") '
            f"VALUES {places}",
            params,
        )


def down(migrator, db):
    pass  # a sketch of the prose still finds what one of the raw text found

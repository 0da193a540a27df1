"""A logged share's sketch is of its prose (without links and hashtags), as a draft's is
(clones.share_sketch): of the raw text, the same post pasted with its link and hashtags was not
found to be a copy. Re-sketched here: the shares of the last 60 days (the clone window is 30)
whose text holds a link or a hashtag, the only ones whose sketch changes."""

from datetime import UTC, datetime, timedelta


def up(migrator, db):
    from firsthand.clones import share_sketch  # the rule the server uses from now on

    p = db.param
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=60)
    rows = db.execute_sql(
        'SELECT "id", "user_id", "text", "logged_at" FROM "share" WHERE "text" IS NOT NULL '
        f'AND "deleted_at" IS NULL AND "logged_at" >= {p} '
        f'AND ("text" LIKE {p} OR "text" LIKE {p} OR "text" LIKE {p})',
        [since, "%#%", "%://%", "%www.%"],
    ).fetchall()
    for share_id, user_id, text, logged_at in rows:
        db.execute_sql(f'DELETE FROM "share_sketch" WHERE "share_id" = {p}', [share_id])
        for value in share_sketch(text):
            db.execute_sql(
                'INSERT INTO "share_sketch" ("share_id", "user_id", "hash", "logged_at") '
                f"VALUES ({p}, {p}, {p}, {p})",
                [share_id, user_id, value, logged_at],
            )


def down(migrator, db):
    pass  # a sketch of the prose still finds what one of the raw text found

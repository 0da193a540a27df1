"""Stored Facebook share links without their parameters: a share link (/share/p/ID, /share/r/ID,
/share/v/ID or /share/ID) names its post by the ID alone, and its query (mibextid, rdid,
share_url…) only says who shared it and how; canonical.FACEBOOK_SHARE now drops it, so the
same link logged again with other parameters would be a second share of the stored one.

A row whose new spelling another row already holds, where the unique indexes would refuse it
(the same person's, or two live shares), keeps its old one, as 0018 and 0029 did: no share is
merged or lost. The pattern is copied here, frozen."""

import re

PREFIX = "https://www.facebook.com/share/"
SHARE_PATH = re.compile(r"/share/(?:[prv]/)?[A-Za-z0-9_-]+", re.A)


def up(migrator, db):
    p = db.param
    rows = db.execute_sql(
        'SELECT "id", "user_id", "canonical_url", "deleted_at" IS NULL FROM "share" '
        f'WHERE "network" = \'facebook\' AND "canonical_url" LIKE {p}',
        [PREFIX + "%"],
    ).fetchall()
    for share_id, user_id, canonical, live in sorted(rows):
        link, mark, _ = canonical.partition("?")
        path = link[len("https://www.facebook.com") :]
        if not mark or not link.startswith(PREFIX) or not SHARE_PATH.fullmatch(path):
            continue
        taken = db.execute_sql(
            f'SELECT 1 FROM "share" WHERE "canonical_url" = {p} AND ("user_id" = {p} '
            f'OR ("deleted_at" IS NULL AND {p}))',
            [link, user_id, bool(live)],
        ).fetchone()
        if taken is None:
            db.execute_sql(
                f'UPDATE "share" SET "canonical_url" = {p} WHERE "id" = {p}', [link, share_id]
            )


def down(migrator, db):
    pass  # the links without parameters are valid in the older rules too

"""Stored post links with a '%' that escapes nothing (…/50%, …/a%zz) in the spelling
canonical.tidy_path now gives them, %25, as the query always wrote one: a later log of the
same link finds its share instead of logging the post again.

Only links of networks without a post id are read (LinkedIn and X links are rebuilt from
their ids), and only those holding a '%'. As in 0018, a row whose new spelling another row
already holds, where the unique indexes would refuse it, keeps its old one, and so does one
the new spelling would make longer than the column. Frozen copy of the rule."""

import re

STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
MAX_CANONICAL_LENGTH = 512


def up(migrator, db):
    p = db.param
    rows = db.execute_sql(
        'SELECT "id", "user_id", "canonical_url", "deleted_at" IS NULL FROM "share" '
        "WHERE \"network\" NOT IN ('linkedin', 'x') "
        f"AND \"canonical_url\" LIKE {p} ESCAPE '!'",
        ["%!%%"],
    ).fetchall()
    for share_id, user_id, canonical, live in sorted(rows):
        # The host and the query hold no bare '%' (the query is re-encoded whole).
        respelt = STRAY_PERCENT.sub("%25", canonical)
        if respelt == canonical or len(respelt) > MAX_CANONICAL_LENGTH:
            continue
        taken = db.execute_sql(
            f'SELECT 1 FROM "share" WHERE "canonical_url" = {p} AND ("user_id" = {p} '
            f'OR ("deleted_at" IS NULL AND {p}))',
            [respelt, user_id, bool(live)],
        ).fetchone()
        if taken is None:
            db.execute_sql(
                f'UPDATE "share" SET "canonical_url" = {p} WHERE "id" = {p}', [respelt, share_id]
            )


def down(migrator, db):
    pass  # %25 is a valid spelling under the older rules too

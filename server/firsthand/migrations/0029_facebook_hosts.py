"""Stored Facebook post links on www.facebook.com: links logged from web.facebook.com,
free.facebook.com, fb.com or www.fb.com kept that host (canonical.FACEBOOK_ALIASES now
respells them), so the same post logged again from www.facebook.com was a second share.

A row whose new spelling another row already holds, where the unique indexes would refuse it
(the same person's, or two live shares), keeps its old one, as 0018 did: no share is merged
or lost. The hosts are copied here, frozen: a migration must give the same result whatever
canonical.py becomes."""

HOSTS = ("web.facebook.com", "free.facebook.com", "fb.com", "www.fb.com")
TARGET = "https://www.facebook.com/"


def up(migrator, db):
    p = db.param
    prefixes = [f"https://{host}/" for host in HOSTS]
    rows = db.execute_sql(
        'SELECT "id", "user_id", "canonical_url", "deleted_at" IS NULL FROM "share" '
        "WHERE \"network\" = 'facebook' AND ("
        + " OR ".join([f'"canonical_url" LIKE {p}'] * len(prefixes))
        + ")",
        [prefix + "%" for prefix in prefixes],
    ).fetchall()
    for share_id, user_id, canonical, live in rows:
        prefix = next((pre for pre in prefixes if canonical.startswith(pre)), None)
        if prefix is None:  # LIKE ignores case in SQLite; canonical hosts are lower case
            continue
        respelt = TARGET + canonical[len(prefix) :]
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
    pass  # the www.facebook.com links are valid in the older rules too; the old host is not kept

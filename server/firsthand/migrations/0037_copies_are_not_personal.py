"""A copy of a colleague's recent share (is_clone) is not the copier's own voice: it no longer
counts as a personal share (scoring.counts_as_personal). The live, counted shares read as
"personal" that were copies are taken out of the counters they were added to (the person's
personal_shares, their week, month and all-time totals), and the program's rollups are rebuilt
from those totals. Their reach is filed with the re-shares (share_reach.voice, as reach.voice_of
files it now), and the reach rollups are rebuilt from the per-share rows. Their points stay as
logged until `firsthand rescore` re-prices them under the rules file (the shipped one gives a
copy no `own_voice`); badges already earned stay."""

from collections import Counter

METRICS = ("reactions", "comments", "reposts", "impressions")


def up(migrator, db):
    _file_copies_reach_with_reshares(db)
    _uncount_copies(db)


def _file_copies_reach_with_reshares(db) -> None:
    p = db.param
    filed = db.execute_sql(
        'UPDATE "share_reach" SET "voice" = \'corporate\' WHERE "voice" = \'personal\' AND '
        f'"share_id" IN (SELECT "id" FROM "share" WHERE "is_clone" = {p})',
        [True],
    )
    if not filed.rowcount:
        return
    sums = ", ".join(f'COALESCE(SUM("{m}"), 0)' for m in METRICS)
    db.execute_sql('DELETE FROM "reach_rollup"')
    db.execute_sql(
        'INSERT INTO "reach_rollup" ("month", "team_id", "network", "voice", "shares", '
        + ", ".join(f'"{m}"' for m in METRICS)
        + f') SELECT "month", "team_id", "network", "voice", COUNT("share_id"), {sums} '
        'FROM "share_reach" GROUP BY "month", "team_id", "network", "voice"'
    )


def _uncount_copies(db) -> None:
    from firsthand.fields import UTCDateTimeField
    from firsthand.ledger import PERIODS, period_key
    from firsthand.rollups import rebuild_statements

    p = db.param
    copies = db.execute_sql(
        'SELECT s."user_id", s."logged_at" FROM "share" s WHERE s."deleted_at" IS NULL '
        f'AND s."voice" = \'personal\' AND s."is_clone" = {p} AND NOT EXISTS (SELECT 1 FROM '
        '"points_entry" e WHERE e."share_id" = s."id" AND e."rule" = \'stale_post\')',
        [True],
    ).fetchall()
    if not copies:
        return
    moment = UTCDateTimeField().python_value
    people, periods = Counter(), Counter()
    for user_id, logged_at in copies:
        people[user_id] += 1
        for period in PERIODS:
            periods[(user_id, period_key(period, moment(logged_at)))] += 1
    for user_id, count in people.items():
        db.execute_sql(
            f'UPDATE "user_stats" SET "personal_shares" = "personal_shares" - {p} '
            f'WHERE "user_id" = {p}',
            [count, user_id],
        )
    for (user_id, key), count in periods.items():
        db.execute_sql(
            f'UPDATE "period_stats" SET "personal_shares" = "personal_shares" - {p} '
            f'WHERE "user_id" = {p} AND "period" = {p}',
            [count, user_id, key],
        )
    for statement in rebuild_statements(db):
        db.execute_sql(statement)


def down(migrator, db):
    pass  # a copy counted as personal was the defect

"""A copy of a colleague's recent share (is_clone) is not the copier's own voice: it no longer
counts as a personal share (scoring.counts_as_personal). The live, counted shares read as
"personal" that were copies are taken out of the counters they were added to (the person's
personal_shares, their week, month and all-time totals), and the program's rollups are rebuilt
from those totals. Their points stay as logged until `firsthand rescore` re-prices them under
the rules file (the shipped one gives a copy no `own_voice`); badges already earned stay."""

from collections import Counter


def up(migrator, db):
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

"""Stored addresses in their one spelling (addresses.normalise_email: NFKC, then lower case).
Before, a full-width ａｎｎ@x.test or a decomposed zoë was stored as typed, a second account
beside ann@x.test. An address whose spelling another account already holds keeps its own (two
people are never merged; typing it now finds the other account). Frozen: NFKC of the
stored, already trimmed and lower-cased address."""

import unicodedata


def up(migrator, db):
    p = db.param
    for user_id, email in db.execute_sql('SELECT "id", "email" FROM "user"').fetchall():
        spelt = unicodedata.normalize("NFKC", email).strip().lower()
        if spelt == email:
            continue
        taken = db.execute_sql('SELECT 1 FROM "user" WHERE "email" = ' + p, [spelt]).fetchone()
        if taken is None:
            db.execute_sql(f'UPDATE "user" SET "email" = {p} WHERE "id" = {p}', [spelt, user_id])


def down(migrator, db):
    pass  # the one spelling is a valid address in the older rules; the typed one is not kept

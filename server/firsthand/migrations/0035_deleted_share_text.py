"""A deleted share keeps no words: its text is cleared and its link reduced to the post's
canonical address, as sharing.delete_share now does (the row stays, so the post can never be
logged again and a retried request is answered as deleted)."""


def up(migrator, db):
    db.execute_sql(
        'UPDATE "share" SET "text" = NULL, "url" = "canonical_url" WHERE "deleted_at" IS NOT NULL'
    )


def down(migrator, db):
    pass  # the words are gone

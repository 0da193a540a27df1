"""The "Appreciated" badge counts colleagues, not kudos: ten kudos with different words from
one colleague in a burst earned it (points were capped per giver and week, the badge was
not). `user_stats.kudos_givers` counts the distinct colleagues who ever thanked a person,
filled here from the kudos kept (kudos from a since-erased colleague stay, with their
anonymised row: still one colleague each)."""

from peewee import IntegerField


def up(migrator, db):
    migrator.migrate(migrator.add_column("user_stats", "kudos_givers", IntegerField(default=0)))
    db.execute_sql(
        "UPDATE user_stats SET kudos_givers = (SELECT COUNT(DISTINCT k.giver_id) FROM kudos k"
        " WHERE k.receiver_id = user_stats.user_id)"
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user_stats", "kudos_givers"))

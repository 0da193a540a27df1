"""The "Appreciated" badge is for thanks from colleagues: a manager's or admin's kudos is
leadership recognition, which the "Recognized" badge counts, and counted toward both one kudos
earned twice. `user_stats.colleague_givers` counts the distinct colleagues who ever thanked a
person outside leadership kudos (`kudos.leadership` false), filled here from the kudos kept.
Badges already earned stay earned.

A default in the database too, not only peewee's: a writer that does not name the column (a
worker of the previous version during a rolling restart, a raw INSERT) still writes its row."""

from peewee import SQL, IntegerField


def up(migrator, db):
    column = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])
    migrator.migrate(migrator.add_column("user_stats", "colleague_givers", column))
    db.execute_sql(
        "UPDATE user_stats SET colleague_givers = (SELECT COUNT(DISTINCT k.giver_id) FROM kudos k"
        " WHERE k.receiver_id = user_stats.user_id AND k.leadership = %s)".replace("%s", db.param),
        (False,),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("user_stats", "colleague_givers"))

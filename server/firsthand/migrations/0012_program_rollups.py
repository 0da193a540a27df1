"""At scale (issue 15): the program's membership history and its rollups per team and day,
so that every analytics figure reads rows per day and team (rollup_models.py).

The history of people already there is rebuilt from what their row says (invited, connected,
deactivated, deleted, in their current team: earlier team moves were not recorded), and
each period total starts in its person's current team.
"""

from datetime import UTC

from peewee import *

from firsthand import rollups
from firsthand.fields import UTCDateTimeField


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Membership(Model):
        user = ForeignKeyField(User, on_delete="CASCADE", index=False)
        team_key = IntegerField()
        connected = BooleanField()
        active = BooleanField()
        started_at = UTCDateTimeField()
        ended_at = UTCDateTimeField(null=True)

        class Meta:
            database = db
            table_name = "membership"
            indexes = ((("user", "ended_at"), False), (("team_key",), False))

    def rollup(name, keys, columns):
        fields = {
            k: CharField(max_length=16) if k in ("period", "cohort", "month") else IntegerField()
            for k in keys
        }
        fields |= {c: IntegerField(default=0) for c in columns}
        meta = {"database": db, "table_name": name}
        if len(keys) > 1:
            meta["primary_key"] = CompositeKey(*keys)
        else:
            fields[keys[0]] = IntegerField(primary_key=True)
        return type(name, (Model,), {**fields, "Meta": type("Meta", (), meta)})

    tables = [
        Membership,
        rollup("team_day", ("day", "team_key"), ("members", "connected")),
        rollup("team_total", ("team_key",), ("people", "members", "connected")),
        rollup(
            "team_period",
            ("period", "team_key"),
            ("sharers", "own_voice_sharers", "shares", "personal_shares"),
        ),
        rollup("cohort_size", ("cohort", "team_key"), ("people",)),
        rollup("cohort_active", ("cohort", "month", "team_key"), ("people",)),
        rollup("last_share_hour", ("hour", "team_key"), ("people", "connected")),
    ]
    db.create_tables(tables)
    # Plain SQL: peewee's SQLite migrator would rebuild the table for a NOT NULL column and
    # lose the rank histogram's triggers (0006).
    db.execute_sql("ALTER TABLE period_stats ADD COLUMN home_team_key INTEGER NOT NULL DEFAULT 0")
    db.execute_sql("UPDATE period_stats SET home_team_key = COALESCE(team_id, 0)")
    _backfill_history(db, Membership)
    for statement in rollups.rebuild_statements(db):
        db.execute_sql(statement)


def _backfill_history(db, Membership):
    """One stretch per state each person went through, from their row's moments."""
    field = UTCDateTimeField()
    rows = db.execute_sql(
        'SELECT id, team_id, created_at, connected_at, deactivated_at, erased_at FROM "user" '
        "ORDER BY id"
    ).fetchall()
    stints = []
    for user_id, team, *moments in rows:
        created, connected, deactivated, erased = (
            field.python_value(m) if m is not None else None for m in moments
        )
        if created is None:
            continue
        events = sorted(
            (moment, order, kind)
            for moment, order, kind in (
                (connected, 0, "connected"),
                (deactivated, 1, "deactivated"),
            )
            if moment is not None
        )
        state = {"connected": False, "active": True}
        start = created
        for moment, _, kind in events:
            moment = max(moment, start)
            stints.append((user_id, team or 0, state, start, moment))
            state = state | ({"connected": True} if kind == "connected" else {"active": False})
            start = moment
        stints.append((user_id, team or 0, state, start, erased))
    for first in range(0, len(stints), 1000):
        Membership.insert_many(
            [
                {
                    "user": user_id,
                    "team_key": team,
                    "connected": state["connected"],
                    "active": state["active"],
                    "started_at": start.astimezone(UTC),
                    "ended_at": end.astimezone(UTC) if end else None,
                }
                for user_id, team, state, start, end in stints[first : first + 1000]
            ]
        ).execute()


def down(migrator, db):
    for table in (
        "last_share_hour",
        "cohort_active",
        "cohort_size",
        "team_period",
        "team_total",
        "team_day",
        "membership",
    ):
        db.execute_sql(f"DROP TABLE IF EXISTS {table}")
    db.execute_sql("ALTER TABLE period_stats DROP COLUMN home_team_key")

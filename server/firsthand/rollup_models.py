"""The program's history and its rollups per team and day (issue 15, "At scale").

`membership` is the raw history: one row per stretch of time a person spent in one state
(team, connected or not, deactivated or not); every change of state closes the open row and
opens the next, so a person who moves from Sales to Engineering is in Sales before the move
and in Engineering after it. The other tables are rollups of the raw rows, moved in the
transaction of each write that changes them (rollups.py) and rebuilt from the raw rows by
`firsthand rebuild-rollups`:

- team_day: per team and day, how many people entered (+) or left (-) the program, and
  the connected among them; team_total: each team's counts now. A week's membership is
  the total now minus the changes since, so it reads only the days shown.
- team_period: per team and ISO week or month, people who shared, people who shared in their
  own voice, shares and own-voice shares (from period_stats, each period in the team the
  person was in when it began).
- cohort_size / cohort_active: per team, people who connected in a month, and how many of
  them shared in each later month (the team they connected in).
- last_share_hour: per team and hour, the live people whose latest live share was logged in
  that hour (the three groups: who shared in the last 30 days).

A team key is the team's id, or 0 for people without a team. Days and hours are counted
from 1970-01-01 UTC (integers, the same in SQLite and PostgreSQL).
"""

from __future__ import annotations

from peewee import BooleanField, CharField, CompositeKey, ForeignKeyField, IntegerField

from .fields import UTCDateTimeField
from .models import BaseModel, User

NO_TEAM = 0


class Membership(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", index=False)
    team_key = IntegerField()
    connected = BooleanField()
    active = BooleanField()  # not deactivated
    started_at = UTCDateTimeField()
    ended_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("user", "ended_at"), False), (("team_key",), False))


class TeamDay(BaseModel):
    team_key = IntegerField()
    day = IntegerField()
    members = IntegerField(default=0)  # change in people in the program (invited, active)
    connected = IntegerField(default=0)  # change in connected people in the program

    class Meta:
        primary_key = CompositeKey("day", "team_key")


class TeamTotal(BaseModel):
    team_key = IntegerField(primary_key=True)
    people = IntegerField(default=0)  # in the team now, deactivated or not (not deleted)
    members = IntegerField(default=0)  # in the program now (not deactivated)
    connected = IntegerField(default=0)


class TeamPeriod(BaseModel):
    team_key = IntegerField()
    period = CharField(max_length=16)  # period_stats' key: "week:2026-W47", "month:2026-11"
    sharers = IntegerField(default=0)
    own_voice_sharers = IntegerField(default=0)
    shares = IntegerField(default=0)
    personal_shares = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("period", "team_key")


class CohortSize(BaseModel):
    team_key = IntegerField()
    cohort = CharField(max_length=7)  # month of connecting, "2026-11"
    people = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("cohort", "team_key")


class CohortActive(BaseModel):
    team_key = IntegerField()
    cohort = CharField(max_length=7)
    month = CharField(max_length=7)
    people = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("cohort", "month", "team_key")


class LastShareHour(BaseModel):
    team_key = IntegerField()
    hour = IntegerField()
    people = IntegerField(default=0)
    connected = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("hour", "team_key")


ROLLUP_MODELS = [TeamDay, TeamTotal, TeamPeriod, CohortSize, CohortActive, LastShareHour]
HISTORY_MODELS = [Membership, *ROLLUP_MODELS]


# The rollup tables, their key columns, and their columns in order (rollups.py, rollups_rebuild.py).
ALL = [TeamDay, TeamTotal, TeamPeriod, CohortSize, CohortActive, LastShareHour]
KEYS = {
    TeamDay._meta.table_name: ("day", "team_key"),
    TeamTotal._meta.table_name: ("team_key",),
    TeamPeriod._meta.table_name: ("period", "team_key"),
    CohortSize._meta.table_name: ("cohort", "team_key"),
    CohortActive._meta.table_name: ("cohort", "month", "team_key"),
    LastShareHour._meta.table_name: ("hour", "team_key"),
}


def columns_of(table: str) -> list[str]:
    model = {m._meta.table_name: m for m in ALL}[table]
    return [f.column_name for f in model._meta.sorted_fields]

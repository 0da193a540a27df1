"""Impact tables: what logged posts did (reach snapshots), their rollups, and the
program's questions (what holds people back, the guidelines page).

Kept apart from models.py so the reach feature stays in its own files.
"""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .fields import UTCDateTimeField
from .models import BaseModel, Share, Team, User

# What the extension reads off a post. Impressions are what LinkedIn shows the author;
# they are never mixed with potential reach (connections) or tracked-link clicks.
METRICS = ("reactions", "comments", "reposts", "impressions")


class ReachSnapshot(BaseModel):
    """One reading of a post's visible counts, at most one per share per hour.

    A count the page did not show is NULL (unknown), never 0. The raw text each number was
    parsed from is kept (JSON object metric -> text) so a parser fix can be replayed.
    """

    share = ForeignKeyField(Share, backref="reach_snapshots", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    hour = UTCDateTimeField()  # seen_at truncated to the hour: the idempotency bucket
    seen_at = UTCDateTimeField()
    received_at = UTCDateTimeField()
    source = CharField(max_length=16)  # feed, activity, post, analytics
    reactions = BigIntegerField(null=True)
    comments = BigIntegerField(null=True)
    reposts = BigIntegerField(null=True)
    impressions = BigIntegerField(null=True)
    raw = TextField(default="{}")

    class Meta:
        indexes = ((("share", "hour"), True), (("user", "seen_at"), False))


class ShareReach(BaseModel):
    """A share's reach as shown: the highest reading of each count, and the latest.

    Updated in the transaction that stores a snapshot. A later, lower reading lowers
    `latest_*` but never the max; `dropped` says that it happened, so nothing is silent.
    """

    share = ForeignKeyField(Share, primary_key=True, backref="reach_row", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    month = CharField(max_length=7)  # the month the share was logged, "2026-11"
    # Where its reach counts in the console: the author's team at the first reading, the
    # share's network and voice. The rollup groups by these, so it always equals the rows.
    team = ForeignKeyField(Team, null=True, on_delete="SET NULL")
    network = CharField(max_length=16)
    voice = CharField(max_length=16)  # personal, corporate, unknown
    reactions = BigIntegerField(null=True)
    comments = BigIntegerField(null=True)
    reposts = BigIntegerField(null=True)
    impressions = BigIntegerField(null=True)
    latest_reactions = BigIntegerField(null=True)
    latest_comments = BigIntegerField(null=True)
    latest_reposts = BigIntegerField(null=True)
    latest_impressions = BigIntegerField(null=True)
    dropped = CharField(default="", max_length=64)  # metrics whose latest is below the max
    snapshots = IntegerField(default=0)
    first_seen_at = UTCDateTimeField()
    last_seen_at = UTCDateTimeField()

    class Meta:
        indexes = ((("user", "month"), False), (("month", "comments"), False))


class ReachRollup(BaseModel):
    """Sums of ShareReach maxima per month of logging, team, network and voice.

    Moved by the same transaction as ShareReach (and by share deletion and erasure), so
    the console reads a few rows per month instead of scanning shares; a test proves it
    equal to a recomputation from the raw rows, and `reach.rebuild_rollups` rebuilds it.
    """

    month = CharField(max_length=7)
    team = ForeignKeyField(Team, null=True, on_delete="SET NULL")
    network = CharField(max_length=16)
    voice = CharField(max_length=16)  # personal, corporate, unknown
    shares = IntegerField(default=0)  # shares with at least one reading
    reactions = BigIntegerField(default=0)
    comments = BigIntegerField(default=0)
    reposts = BigIntegerField(default=0)
    impressions = BigIntegerField(default=0)

    # Unique on (month, COALESCE(team_id, 0), network, voice): migration 0023.


class HoldBackAnswer(BaseModel):
    """The one-tap answer to "what holds you back?", asked once after 30 quiet days."""

    user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE")
    answer = CharField(max_length=24)
    answered_at = UTCDateTimeField()


class ProgramPage(BaseModel):
    """An admin-written page shown to employees, e.g. the posting guidelines."""

    slug = CharField(unique=True, max_length=40)
    title = CharField(max_length=200)
    body = TextField()
    updated_at = UTCDateTimeField()
    published = BooleanField(default=True)


REACH_MODELS = [ReachSnapshot, ShareReach, ReachRollup, HoldBackAnswer, ProgramPage]

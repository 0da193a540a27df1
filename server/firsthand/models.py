"""Tables: teams, users with their counters, shares, the points ledger and earned badges.
The console's own tables (manager links, audit log, sign-in links, imports): admin_models.py."""

from __future__ import annotations

from datetime import date

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)

from .canonical import MAX_CANONICAL_LENGTH
from .clock import WEEK, iso, monday_of
from .db import database
from .errors import PersonErased
from .fields import UTCDateTimeField
from .folding import FoldedColumns

ROLES = ("employee", "manager", "admin")


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Team(BaseModel):
    name = CharField(unique=True, max_length=120)  # unique ignoring case (teams.py checks)
    created_at = UTCDateTimeField()


class User(FoldedColumns, BaseModel):
    email = CharField(unique=True, max_length=254)
    name = CharField(max_length=120)
    name_folded = TextField(default="")  # fold(name), written with it: search, name order
    team = ForeignKeyField(Team, null=True, backref="members", on_delete="SET NULL")
    role = CharField(default="employee", max_length=16)
    # Bumped by `firsthand revoke`: every token carries the generation it was
    # signed under, so one increment invalidates them all.
    token_generation = IntegerField(default=0)
    created_at = UTCDateTimeField()  # when they were invited
    leaderboard_opt_out = BooleanField(default=False)
    connected_at = UTCDateTimeField(null=True, index=True)  # a browser uses a working token
    token_signed_at = UTCDateTimeField(null=True, index=True)  # of the newest token used
    # Connect links work once: a link carries this count, using it bumps the count.
    invites_used = IntegerField(default=0)
    invite_used_at = UTCDateTimeField(null=True)
    invite_spent_by = CharField(null=True, max_length=64)  # auth.use_invite: which browser
    deactivated_at = UTCDateTimeField(null=True)  # tokens refused, off leaderboards, history kept
    # Deleted: the row stays, anonymised, so kudos they gave and the audit log keep a reference.
    erased_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = (
            (("name_folded", "id"), False),  # the people list, keyset-paged by folded name
            (("team", "name_folded", "id"), False),
            (("role", "name_folded", "id"), False),
        )

    folded = {"name": "name_folded"}

    @property
    def team_name(self) -> str | None:
        return self.team.name if self.team_id else None

    @property
    def hidden_from_boards(self) -> bool:
        """Off everyone else's leaderboards: opted out, or deactivated."""
        return self.leaderboard_opt_out or self.deactivated_at is not None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "email": self.email,
            "name": self.name,
            "team": self.team_name,
            "role": self.role,
        }


# Their counters while they are not erased (UserStats.locked).
LIVE_COUNTERS = '"user_id" = {p} AND NOT EXISTS (SELECT 1 FROM "user" u WHERE u.id = {p}' + (
    " AND u.erased_at IS NOT NULL)"
)


class UserStats(BaseModel):
    """Per-user counters, changed only in the transaction that writes the ledger."""

    user = ForeignKeyField(User, primary_key=True, backref="stats_row", on_delete="CASCADE")
    points = IntegerField(default=0)
    shares = IntegerField(default=0)
    personal_shares = IntegerField(default=0)
    original_shares = IntegerField(default=0)
    networks = CharField(default="", max_length=64)  # comma-separated, sorted
    # Counted live shares per network ("linkedin:3,x:1"): deleting a share updates
    # `networks` without reading the person's shares.
    network_counts = CharField(default="", max_length=200)
    listed_shares = IntegerField(default=0)  # live shares, stale ones too: GET /shares' total
    streak_weeks = IntegerField(default=0)
    longest_streak_weeks = IntegerField(default=0)
    last_share_week = DateField(null=True)  # Monday of the ISO week of the last share
    scored_day = DateField(null=True)  # UTC day the daily cap counts for
    scored_today = IntegerField(default=0)
    kudos_received = IntegerField(default=0)
    leadership_kudos = IntegerField(default=0)
    # Distinct people who ever thanked them (one colleague's burst of kudos is one), and those
    # of them outside leadership kudos: colleagues' thanks, the "Appreciated" badge's.
    kudos_givers = IntegerField(default=0)
    colleague_givers = IntegerField(default=0)
    # Impact badges: the most comments / reactions any one of their posts drew (reach.py).
    best_post_comments = BigIntegerField(default=0)  # a reading's counts reach 10**12
    best_post_reactions = BigIntegerField(default=0)

    @classmethod
    def locked(cls, user_id: int) -> UserStats:
        """Read a user's counters, locking the row until the transaction ends. Every write
        for a person takes this lock: one for a person erased since the request read them
        raises PersonErased (PostgreSQL: the erasure held the lock and deleted the row;
        SQLite: it committed before BEGIN)."""
        # SQL written once: this runs on every write, under the lock.
        from .statements import get_one

        # SQLite locks the whole database instead.
        lock = "" if isinstance(database.obj, SqliteDatabase) else " FOR UPDATE"
        row = get_one(cls, LIVE_COUNTERS, user_id, user_id, suffix=lock)
        if row is None:
            raise PersonErased()
        return row

    def network_set(self) -> set[str]:
        return {n for n in self.networks.split(",") if n}

    def count_network(self, network: str, change: int) -> None:
        """Add `change` counted shares on `network`; `networks` lists those with any."""
        counts = dict(
            (name, int(n))
            for name, n in (p.split(":") for p in self.network_counts.split(",") if p)
        )
        counts[network] = counts.get(network, 0) + change
        kept = sorted((name, n) for name, n in counts.items() if n > 0)
        self.network_counts = ",".join(f"{name}:{n}" for name, n in kept)
        self.networks = ",".join(name for name, _ in kept)

    def current_streak(self, today: date) -> int:
        """Weeks in the streak that is still alive (a share this or last ISO week)."""
        if self.last_share_week is None:
            return 0
        this_week = monday_of(today)
        return self.streak_weeks if this_week - self.last_share_week <= WEEK else 0


class Share(BaseModel):
    user = ForeignKeyField(User, backref="share_rows", on_delete="CASCADE", index=False)
    url = TextField()
    # One live share per post (a partial unique index, below): a post has one author, so a
    # second employee cannot claim a colleague's post while their share of it stands.
    canonical_url = CharField(max_length=MAX_CANONICAL_LENGTH)
    network = CharField(max_length=16)
    text = TextField(null=True)
    posted_at = UTCDateTimeField(null=True)
    logged_at = UTCDateTimeField()
    source = CharField(null=True, max_length=40)
    idempotency_key = CharField(null=True, max_length=128)
    points = IntegerField(default=0)
    voice = CharField(null=True, max_length=16)
    is_clone = BooleanField(null=True)
    # Kept, so the one who deleted it cannot log the post again; it releases the claim.
    deleted_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = (
            (("canonical_url", "user"), True),  # deleted or not: never twice by one person
            (("user", "idempotency_key"), True),
            (("user", "logged_at"), False),
            (("logged_at",), False),  # who shared in the last 30 days (console)
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "network": self.network,
            "text": self.text,
            "posted_at": iso(self.posted_at),
            "logged_at": iso(self.logged_at),
            "source": self.source,
            "points": self.points,
            "voice": self.voice,
        }


Share.add_index(
    Share.index(Share.canonical_url, unique=True, name="share_canonical_url_live").where(
        Share.deleted_at.is_null()
    )
)


class PointsEntry(BaseModel):
    """The append-only ledger: every award, with the rule and share behind it."""

    user = ForeignKeyField(User, backref="ledger", on_delete="CASCADE", index=False)
    share = ForeignKeyField(Share, null=True, backref="ledger", on_delete="SET NULL")
    rule = CharField(max_length=40)
    points = IntegerField()
    created_at = UTCDateTimeField()
    # The moment the points count for in period totals: a reversal or re-score counts in the
    # period of the share it corrects, so this week's leaderboard never pays for last month.
    effective_at = UTCDateTimeField()

    class Meta:
        indexes = ((("user", "created_at"), False),)


class UserBadge(BaseModel):
    user = ForeignKeyField(User, backref="badge_rows", on_delete="CASCADE", index=False)
    badge_id = CharField(max_length=40)
    share = ForeignKeyField(Share, null=True, on_delete="SET NULL")
    earned_at = UTCDateTimeField()
    uid = CharField(unique=True, max_length=32)  # the public Open Badges assertion id
    salt = CharField(max_length=32)  # salts the hashed recipient email in the assertion
    revoked_at = UTCDateTimeField(null=True)
    revoked_reason = CharField(null=True, max_length=200)
    by_rescore = BooleanField(default=False)  # a rules edit's, not the week's news (summary)

    class Meta:
        indexes = ((("user", "badge_id"), True),)


class ShareSketch(BaseModel):
    """One hash of a logged share's text sketch, indexed to find near-copies fast."""

    share = ForeignKeyField(Share, backref="sketch_rows", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    hash = BigIntegerField()
    logged_at = UTCDateTimeField()

    class Meta:
        indexes = ((("hash", "logged_at"), False), (("user", "hash"), False))  # copy, repeat


class PeriodStats(BaseModel):
    """Points and shares per user per period ("week:2026-W47", "month:2026-11", "all").

    Updated in the transaction that writes the ledger, so a leaderboard is an indexed read
    of one period's rows, never a scan of shares.
    """

    user = ForeignKeyField(User, on_delete="CASCADE", index=False)
    period = CharField(max_length=16)
    team = ForeignKeyField(Team, null=True, on_delete="SET NULL")  # the user's, kept in step
    # The team (or 0) the user was in when the period's first points were written: the
    # program's figures keep a period in that team when the person moves (rollups.py).
    home_team_key = IntegerField(default=0)
    hidden = BooleanField(default=False)  # the user opted out of leaderboards, or is deactivated
    points = IntegerField(default=0)
    shares = IntegerField(default=0)
    personal_shares = IntegerField(default=0)

    class Meta:
        indexes = (
            (("user", "period"), True),
            # And the boards' own order, which a column tuple cannot say (migration 0006):
            # (period, hidden, points DESC, shares DESC, user_id) and the same with team_id.
        )


class RankHistogram(BaseModel):
    """How many visible people stand on each points value, per period and scope.

    `team_key` is a team's id, or 0 for the whole company. Kept exact by triggers on
    period_stats (migration 0006) in the transaction of every change to a period total, so
    "my rank" is 1 + the people on higher values: a sum over distinct points values, not a
    count of colleagues. Read it, never write it.
    """

    period = CharField(max_length=16)
    team_key = IntegerField()
    points = IntegerField()
    people = IntegerField()

    class Meta:
        primary_key = CompositeKey("period", "team_key", "points")


COMPANY = 0  # RankHistogram.team_key of the company-wide board


class Kudos(BaseModel):
    giver = ForeignKeyField(User, backref="kudos_given", on_delete="CASCADE", index=False)
    receiver = ForeignKeyField(
        User, backref="kudos_received_rows", on_delete="CASCADE", index=False
    )
    share = ForeignKeyField(Share, null=True, on_delete="SET NULL")
    message = CharField(max_length=280)
    leadership = BooleanField(default=False)
    points = IntegerField(default=0)
    created_at = UTCDateTimeField()

    class Meta:
        indexes = (
            (("receiver", "created_at"), False),
            (("giver", "receiver", "created_at"), False),
        )


MODELS = [
    Team,
    User,
    UserStats,
    Share,
    PointsEntry,
    UserBadge,
    ShareSketch,
    PeriodStats,
    RankHistogram,
    Kudos,
]

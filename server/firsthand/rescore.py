"""Re-scoring everyone's shares after an admin changed the rules file.

Each employee's live shares are replayed in the order they were logged, under the current
rules, exactly as logging scores them; so are the kudos each employee received (points per
kudos, and how many from one colleague count in a week). A share or kudos whose points change
gets a `rescore` ledger entry for the difference, in its own period; nothing in the ledger is
rewritten. A share keeps the stale-or-counted verdict it was logged with (its `stale_post`
entry, which deleting and the period totals go by): re-scoring re-prices shares, it does not
re-judge their post ids (X ids, for one, were not dated when older shares were logged).

The badges the replayed counters now reach (a lower target, a new badge) are awarded, dated
now and marked `by_rescore`: a rules edit, not something done that week, so the weekly
summary does not report them. A deactivated person gets none (they would show on their
badge page for nothing they did while here); an erased one is not re-scored at all. The dry
run says which badges a run would award.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from peewee import fn

from . import ledger
from .badges import award_badges, badges_due
from .clock import monday_of
from .db import write_transaction
from .errors import PersonErased
from .kudos import KUDOS_RULE, kudos_award
from .models import Kudos, PointsEntry, Share, User, UserStats
from .rules import RuleBook
from .scoring import STALE_RULE, score_next

RESCORE_RULE = "rescore"
REPLAYED = (
    "shares",
    "personal_shares",
    "original_shares",
    "networks",
    "network_counts",
    "streak_weeks",
    "longest_streak_weeks",
    "last_share_week",
    "scored_day",
    "scored_today",
)


@dataclass
class Change:
    email: str
    before: int
    after: int
    shares_changed: int
    kudos_changed: int = 0
    badges: list[str] = field(default_factory=list)  # the names of the badges it awards

    @property
    def changed(self) -> bool:
        moved = self.before != self.after or self.shares_changed or self.kudos_changed
        return bool(moved or self.badges)


def rescore_everyone(book: RuleBook, now: datetime, dry_run: bool) -> list[Change]:
    """Re-score every user (one transaction each); with dry_run, change nothing."""
    changes = []
    people = User.select(User.id).where(User.erased_at.is_null()).order_by(User.id)
    for (user_id,) in people.tuples():
        try:
            with write_transaction():
                stats = UserStats.locked(user_id)
                user = User.get_by_id(user_id)
                changes.append(_rescore(user, stats, book, now, dry_run))
        except PersonErased:  # erased meanwhile: nothing of theirs is left to re-score
            continue
    return changes


def _rescore(user: User, stats: UserStats, book: RuleBook, now: datetime, dry_run: bool) -> Change:
    current = dict(
        PointsEntry.select(PointsEntry.share, fn.SUM(PointsEntry.points))
        .where(PointsEntry.user == user.id, PointsEntry.share.is_null(False))
        .group_by(PointsEntry.share)
        .tuples()
    )
    replay = UserStats(user=user.id)  # fresh counters, never saved
    deltas = []
    shares = (
        Share.select()
        .where((Share.user == user.id) & Share.deleted_at.is_null())
        .order_by(Share.logged_at, Share.id)
    )
    stale = set(
        PointsEntry.select(PointsEntry.share)
        .where(PointsEntry.user == user.id, PointsEntry.rule == STALE_RULE)
        .tuples()
    )
    for share in shares:
        breakdown, _counted = score_next(
            replay, share, share.canonical_url, user, book, share.logged_at, (share.id,) in stale
        )
        points = sum(p for _, p in breakdown)
        if points != current.get(share.id, 0):
            deltas.append((share, points, points - current.get(share.id, 0)))
    kudos_deltas = _replay_kudos(user, book)
    moved = sum(d for _, _, d in deltas) + sum(d for _, _, d in kudos_deltas)
    change = Change(user.email, stats.points, stats.points + moved, len(deltas), len(kudos_deltas))
    after = UserStats(**stats.__data__)  # the counters as the run leaves them, never saved
    for name in REPLAYED:
        setattr(after, name, getattr(replay, name))
    due = [] if user.deactivated_at is not None else badges_due(user, after, book)
    change.badges = [badge.get("name", badge["id"]) for badge in due]
    if dry_run:
        return change
    for share, points, delta in deltas:
        ledger.append(
            user, [(RESCORE_RULE, delta)], now, share=share.id, effective_at=share.logged_at
        )
        Share.update(points=points).where(Share.id == share.id).execute()
    for kudos, points, delta in kudos_deltas:
        ledger.append(user, [(RESCORE_RULE, delta)], now, effective_at=kudos.created_at)
        Kudos.update(points=points).where(Kudos.id == kudos.id).execute()
    stats.points = change.after
    for name in REPLAYED:
        setattr(stats, name, getattr(replay, name))
    stats.save()
    if due:
        award_badges(user, stats, book, None, now, by_rescore=True)
    return change


def _replay_kudos(user: User, book: RuleBook) -> list[tuple[Kudos, int, int]]:
    """Each received kudos whose points differ under the current rules: (kudos, points, delta)."""
    earning = Counter()  # (giver, ISO week) -> kudos that earned points
    deltas = []
    received = Kudos.select().where(Kudos.receiver == user.id).order_by(Kudos.created_at, Kudos.id)
    for kudos in received:
        week = (kudos.giver_id, monday_of(kudos.created_at.date()))
        rule, points = kudos_award(book, earning[week])
        earning[week] += rule == KUDOS_RULE
        if points != kudos.points:
            deltas.append((kudos, points, points - kudos.points))
    return deltas

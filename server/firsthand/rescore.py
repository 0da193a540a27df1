"""Re-scoring everyone's shares after an admin changed the rules file.

Each employee's live shares are replayed in the order they were logged, under the current
rules, exactly as logging scores them. A share whose points change gets a `rescore` ledger
entry for the difference (in the share's own period); nothing in the ledger is rewritten.
Kudos keep the points they were given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import fn

from . import ledger
from .db import write_transaction
from .models import PointsEntry, Share, User, UserStats
from .rules import RuleBook
from .sharing import ShareRequest, award_badges, score_next

RESCORE_RULE = "rescore"
REPLAYED = (
    "shares",
    "personal_shares",
    "original_shares",
    "networks",
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


def rescore_everyone(book: RuleBook, now: datetime, dry_run: bool) -> list[Change]:
    """Re-score every user (one transaction each); with dry_run, change nothing."""
    changes = []
    for (user_id,) in User.select(User.id).order_by(User.id).tuples():
        with write_transaction():
            stats = UserStats.locked(user_id)
            user = User.get_by_id(user_id)
            changes.append(_rescore(user, stats, book, now.replace(tzinfo=None), dry_run))
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
    for share in shares:
        request = ShareRequest(
            url=share.url, network=share.network, voice=share.voice, is_clone=share.is_clone
        )
        breakdown, _counted = score_next(
            replay, request, share.canonical_url, user, book, share.logged_at
        )
        points = sum(p for _, p in breakdown)
        if points != current.get(share.id, 0):
            deltas.append((share, points, points - current.get(share.id, 0)))
    change = Change(
        user.email, stats.points, stats.points + sum(d for _, _, d in deltas), len(deltas)
    )
    if dry_run:
        return change
    for share, points, delta in deltas:
        ledger.append(
            user, [(RESCORE_RULE, delta)], now, share=share.id, effective_at=share.logged_at
        )
        Share.update(points=points).where(Share.id == share.id).execute()
    stats.points = change.after
    for name in REPLAYED:
        setattr(stats, name, getattr(replay, name))
    stats.save()
    award_badges(user, stats, book, None, now)
    return change

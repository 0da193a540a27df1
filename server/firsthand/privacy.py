"""Employees own their data: export all of it, or delete it.

`erase_person` is the one way a person's data is deleted, whether they ask from the
extension (DELETE /api/v1/me) or an admin deletes them in the console.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime

from flask import current_app
from peewee import SqliteDatabase

from . import audit, potential_reach, reach, rollups
from .admin_models import ImportBatch, SignInLink, TeamManager
from .clock import iso
from .db import database, write_transaction
from .imports import forget_in_batches
from .kudos import kudos_json
from .models import (
    Kudos,
    PeriodStats,
    PointsEntry,
    Share,
    ShareSketch,
    User,
    UserBadge,
    UserStats,
)
from .openbadges import assertion_url
from .reach_summary import export_reach
from .rules import RuleBook
from .stories_json import export_story_activity
from .stories_models import forget_story_activity

EXPORT_FORMAT = "firsthand-export/1"
ERASED_NAME = "Former colleague"
REVOKED_ON_ERASE = "The holder deleted their Firsthand account."


@dataclass
class Erased:
    shares: int
    ledger_entries: int
    badges_revoked: int
    kudos_received: int


def export_person(user: User, book: RuleBook, now: datetime) -> dict:
    """Everything Firsthand holds about a person, as one JSON document."""
    stats = UserStats.get_by_id(user.id)
    shares = Share.select().where(Share.user == user.id).order_by(Share.logged_at, Share.id)
    ledger = PointsEntry.select().where(PointsEntry.user == user.id).order_by(PointsEntry.id)
    badges = UserBadge.select().where(UserBadge.user == user.id).order_by(UserBadge.earned_at)
    received = Kudos.select().where(Kudos.receiver == user.id).order_by(Kudos.created_at)
    given = Kudos.select().where(Kudos.giver == user.id).order_by(Kudos.created_at)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": iso(now),
        "profile": {
            **user.to_json(),
            "invited_at": iso(user.created_at),
            "invite_used_at": iso(user.invite_used_at),
            "connected_at": iso(user.connected_at),
            "token_signed_at": iso(user.token_signed_at),
            "leaderboard_opt_out": user.leaderboard_opt_out,
        },
        "totals": {
            "points": stats.points,
            "level": book.level(stats.points)["name"],
            "shares": stats.shares,
            "streak_weeks": stats.current_streak(now.date()),
            "kudos_received": stats.kudos_received,
        },
        "shares": [s.to_json() for s in shares if s.deleted_at is None],
        "deleted_shares": [
            {
                "canonical_url": s.canonical_url,
                "network": s.network,
                "voice": s.voice,
                "posted_at": iso(s.posted_at),
                "logged_at": iso(s.logged_at),
                "deleted_at": iso(s.deleted_at),
            }
            for s in shares
            if s.deleted_at is not None
        ],
        "points_ledger": [
            {
                "rule": e.rule,
                "points": e.points,
                "share_id": e.share_id,
                "created_at": iso(e.created_at),
                "effective_at": iso(e.effective_at),
            }
            for e in ledger
        ],
        "badges": [
            {
                "id": b.badge_id,
                "name": (book.badge(b.badge_id) or {}).get("name", b.badge_id),
                "earned_at": iso(b.earned_at),
                "assertion_url": assertion_url(b.uid),
                "revoked_at": iso(b.revoked_at),
                "revoked_reason": b.revoked_reason,
            }
            for b in badges
        ],
        "kudos_received": [kudos_json(k) for k in received],
        "kudos_given": [
            {
                "to": {"id": k.receiver_id, "name": k.receiver.name},
                "message": k.message,
                "share_id": k.share_id,
                "created_at": iso(k.created_at),
            }
            for k in given
        ],
        **export_reach(user),
        **export_story_activity(user),
        "potential_reach": potential_reach.potential_json(user),
        "account_history": audit.history_of(user),
    }


@contextmanager
def _person_locked(user_id: int) -> Iterator[None]:
    """Their row first (PostgreSQL; SQLite's write lock already holds everything), before
    their counters (rollups.tracked), in the order a console edit takes them.

    A click journal being applied share-locks the row while it adds their clicks, so the
    erasure waits for that to commit and then deletes those clicks too; one applied after
    finds them erased and drops them. Locked later, a click committed between
    forget_story_activity and the row's update outlived the erasure. NO KEY: the lock the
    update takes anyway, which lets writes of theirs in flight (holding their counters,
    then inserting rows that point at this one) finish instead of deadlocking."""
    if not isinstance(database.obj, SqliteDatabase):
        User.select(User.id).where(User.id == user_id).for_update("FOR NO KEY UPDATE").execute()
    yield


def erase_person(
    user: User, now: datetime, actor: User | None, *, by_themselves: bool = False
) -> Erased:
    """Delete a person's shares, points ledger, period totals and received kudos; revoke
    their badges (the public assertions answer 410); anonymise what must stay.

    Kudos they gave stay with their receivers (who earned points from them), from a
    "Former colleague": the person's row stays as an anonymous tombstone with no email,
    name or team, so those kudos and the audit log keep a valid reference. Leaderboards
    and team totals are sums of per-person period rows, so removing theirs keeps every
    board consistent.
    """
    with write_transaction(), _person_locked(user.id), rollups.tracked(user.id) as changes:
        UserStats.locked(user.id)  # waits for any write of theirs in flight
        rollups.erased(changes, user.id, now)
        share_ids = Share.select(Share.id).where(Share.user == user.id)
        erased = Erased(
            shares=Share.select().where(Share.user == user.id, Share.deleted_at.is_null()).count(),
            ledger_entries=PointsEntry.select().where(PointsEntry.user == user.id).count(),
            badges_revoked=UserBadge.update(revoked_at=now, revoked_reason=REVOKED_ON_ERASE)
            .where((UserBadge.user == user.id) & UserBadge.revoked_at.is_null())
            .execute(),
            kudos_received=Kudos.delete().where(Kudos.receiver == user.id).execute(),
        )
        UserBadge.update(share=None).where(UserBadge.user == user.id).execute()
        Kudos.update(share=None).where(Kudos.share.in_(share_ids)).execute()
        PointsEntry.delete().where(PointsEntry.user == user.id).execute()
        ShareSketch.delete().where(ShareSketch.user == user.id).execute()
        reach.forget_user(user.id)
        potential_reach.forget_user(user.id)
        forget_story_activity(user.id)
        Share.delete().where(Share.user == user.id).execute()
        PeriodStats.delete().where(PeriodStats.user == user.id).execute()
        UserStats.delete().where(UserStats.user == user.id).execute()
        UserStats.create(user=user.id)
        TeamManager.delete().where(TeamManager.user == user.id).execute()
        SignInLink.delete().where(SignInLink.user == user.id).execute()
        ImportBatch.delete().where(ImportBatch.actor == user.id).execute()
        forget_in_batches(user.email)  # and their rows in others' people files
        User.update(
            email=_erased_email(user.id),
            name=ERASED_NAME,
            team=None,
            leaderboard_opt_out=True,
            token_generation=User.token_generation + 1,
            deactivated_at=user.deactivated_at or now,
            erased_at=now,
        ).where(User.id == user.id).execute()
        audit.forget_person(user.id, user.email)
        audit.record(
            None if by_themselves else actor,
            "person.erase",
            audit.Target("person", user.id, f"deleted person #{user.id}"),
            now,
            asdict(erased),
            actor_label="the person themselves" if by_themselves else None,
        )
    current_app.logger.info("erased person %s", user.id)
    return erased


def _erased_email(user_id: int) -> str:
    """The address a deleted person's row keeps (unique, and at the reserved .invalid domain,
    which no one can be invited at any more). An account made at it before that was refused
    held it, and the deletion failed on the unique email: another is taken then."""
    email = f"deleted-{user_id}@erased.invalid"
    if User.select().where((User.email == email) & (User.id != user_id)).exists():
        email = f"deleted-{user_id}-{secrets.token_hex(6)}@erased.invalid"
    return email

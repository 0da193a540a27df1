"""Logging a share: one atomic, idempotent write of the share, its points and badges."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from peewee import IntegrityError, fn

from . import ledger
from .canonical import canonical_url, linkedin_posted_at
from .clones import store_sketch
from .db import write_transaction
from .errors import ApiError
from .models import PointsEntry, Share, ShareSketch, User, UserBadge, UserStats, monday_of
from .rules import RuleBook

DAILY_CAP_RULE = "daily_cap"
STALE_RULE = "stale_post"
DELETED_RULE = "share_deleted"


@dataclass
class ShareRequest:
    url: str
    network: str
    text: str | None = None
    posted_at: datetime | None = None
    source: str | None = None
    idempotency_key: str | None = None
    voice: str | None = None  # the server's own verdict, never the client's
    is_clone: bool | None = None


@dataclass
class ShareResult:
    share: Share
    duplicate: bool
    breakdown: list[tuple[str, int]] = field(default_factory=list)
    new_badges: list[UserBadge] = field(default_factory=list)
    total_points: int = 0


def log_share(user: User, request: ShareRequest, book: RuleBook, now: datetime) -> ShareResult:
    """Record a share once, award its points and badges, all in one transaction.

    A retry (same Idempotency-Key or same post) returns the original share and
    writes nothing; so do concurrent copies, which the row lock serialises and
    the unique indexes back up.
    """
    canonical = canonical_url(request.url, request.network)
    now = now.replace(tzinfo=None)
    try:
        with write_transaction():
            stats = UserStats.locked(user.id)
            existing = _existing(user, canonical, request.idempotency_key)
            if existing:
                return ShareResult(existing, True, total_points=stats.points)
            return _record(user, stats, request, canonical, book, now)
    except IntegrityError:
        # Another writer won the race for this post; answer as a retry would.
        existing = _existing(user, canonical, request.idempotency_key)
        if existing is None:
            raise
        return ShareResult(existing, True, total_points=UserStats.get_by_id(user.id).points)


def _existing(user: User, canonical: str, key: str | None) -> Share | None:
    if key:
        keyed = Share.get_or_none((Share.user == user.id) & (Share.idempotency_key == key))
        if keyed and keyed.canonical_url != canonical:
            raise ApiError(
                422,
                "This Idempotency-Key was already used for a different post: "
                "use a new key for each share.",
                code="idempotency_key_reused",
            )
        if keyed:
            return keyed
    same_post = Share.get_or_none(Share.canonical_url == canonical)
    if same_post and same_post.user_id == user.id and same_post.deleted_at is not None:
        # Deleting is for mistakes; logging the post again would farm its points twice.
        raise ApiError(
            409,
            "You deleted the share of this post, so it cannot be logged again.",
            code="share_deleted",
        )
    if same_post and same_post.user_id != user.id:
        raise ApiError(
            409,
            "This post was already logged by another employee. "
            "Log the link of your own post or re-share.",
            code="already_claimed",
        )
    return same_post


def score_next(
    stats: UserStats,
    request: ShareRequest,
    canonical: str,
    user: User,
    book: RuleBook,
    now: datetime,
) -> tuple[list[tuple[str, int]], bool]:
    """The points breakdown of the user's next share, and whether it counts (not stale).

    Moves the in-memory counters for a counted share; the caller saves them. Logging and
    re-scoring both go through here, so a replay scores exactly as logging did.
    """
    if is_stale(canonical, user, now, book.stale_post_days):
        return [(STALE_RULE, 0)], False
    facts = _facts(stats, request, now.date())
    capped = _over_daily_cap(stats, now.date(), book.daily_cap)
    breakdown = [(DAILY_CAP_RULE, 0)] if capped else book.score(facts)
    _count(stats, request, facts, sum(p for _, p in breakdown), capped, now.date())
    return breakdown, True


def _record(user, stats, request, canonical, book, now) -> ShareResult:
    breakdown, counted = score_next(stats, request, canonical, user, book, now)
    if not counted:
        return _record_stale(user, stats, request, canonical, now)
    share = _create_share(user, request, canonical, now, sum(p for _, p in breakdown))
    if request.text:
        store_sketch(share.id, user.id, request.text, now)
    ledger.append(
        user, breakdown, now, share=share.id, shares=1, personal=int(request.voice == "personal")
    )
    stats.save()
    badges = award_badges(user, stats, book, share, now)
    return ShareResult(share, False, breakdown, badges, stats.points)


def _create_share(user, request, canonical, now, points) -> Share:
    return Share.create(
        user=user.id,
        url=request.url,
        canonical_url=canonical,
        network=request.network,
        text=request.text,
        posted_at=request.posted_at,
        logged_at=now,
        source=request.source,
        idempotency_key=request.idempotency_key,
        voice=request.voice,
        is_clone=request.is_clone,
        points=points,
    )


def is_stale(canonical: str, user: User, now: datetime, max_age_days: int) -> bool:
    """A LinkedIn post dated (by its activity id) before the user joined, or too old."""
    posted = linkedin_posted_at(canonical)
    if posted is None:
        return False
    return posted < user.created_at.replace(tzinfo=None) or now - posted > timedelta(
        days=max_age_days
    )


def _record_stale(user, stats, request, canonical, now) -> ShareResult:
    """Keep the share (it is the employee's record) but give it no points and no counts."""
    share = _create_share(user, request, canonical, now, points=0)
    ledger.append(user, [(STALE_RULE, 0)], now, share=share.id)
    return ShareResult(share, False, [(STALE_RULE, 0)], [], stats.points)


def _facts(stats: UserStats, request: ShareRequest, today: date) -> dict:
    """The facts a points rule may test, as they stand before this share."""
    this_week = monday_of(today)
    last = stats.last_share_week
    first_of_week = last != this_week
    extends = last == this_week - timedelta(days=7)
    streak = stats.streak_weeks if not first_of_week else (stats.streak_weeks + 1 if extends else 1)
    return {
        "shares_before": stats.shares,
        "streak_weeks": streak,
        "streak_extra_weeks": max(streak - 1, 0),
        "extends_streak": extends,
        "first_share_of_week": first_of_week,
        "network": request.network,
        "voice": request.voice,
        "is_clone": request.is_clone,
    }


def _over_daily_cap(stats: UserStats, today: date, cap: int) -> bool:
    return stats.scored_day == today and stats.scored_today >= cap


def _count(stats, request, facts, points, capped, today) -> None:
    """Move the counters in the same transaction as the ledger rows."""
    stats.points += points
    stats.shares += 1
    stats.personal_shares += request.voice == "personal"
    stats.original_shares += request.is_clone is False
    stats.networks = ",".join(sorted(stats.network_set() | {request.network}))
    stats.streak_weeks = facts["streak_weeks"]
    stats.longest_streak_weeks = max(stats.longest_streak_weeks, stats.streak_weeks)
    stats.last_share_week = monday_of(today)
    if not capped:
        stats.scored_today = stats.scored_today + 1 if stats.scored_day == today else 1
        stats.scored_day = today


def metric_value(stats: UserStats, metric: str, today: date | None = None) -> int:
    """Return the counter a badge measures."""
    if metric == "networks":
        return len(stats.network_set())
    if metric == "streak_weeks" and today is not None:
        return stats.current_streak(today)
    return getattr(stats, metric)


def award_badges(
    user: User, stats: UserStats, book: RuleBook, share: Share | None, now: datetime
) -> list[UserBadge]:
    """Award every badge whose target the counters now reach and the user lacks."""
    held = {
        b.badge_id for b in UserBadge.select(UserBadge.badge_id).where(UserBadge.user == user.id)
    }
    earned = []
    for badge in book.badges:
        if badge["id"] not in held and metric_value(stats, badge["metric"]) >= badge["target"]:
            earned.append(
                UserBadge.create(
                    user=user.id,
                    badge_id=badge["id"],
                    share=share,
                    earned_at=now,
                    uid=secrets.token_hex(16),
                    salt=secrets.token_hex(16),
                )
            )
    return earned


def delete_share(user: User, share_id: int, now: datetime) -> tuple[Share, int, int]:
    """Delete a share logged by mistake: reverse its points with a compensating ledger entry.

    Counters and period totals follow (in the share's own period); badges already earned
    stay. Returns (share, points reversed, new total).
    """
    now = now.replace(tzinfo=None)
    with write_transaction():
        stats = UserStats.locked(user.id)
        share = Share.get_or_none(
            (Share.id == share_id) & (Share.user == user.id) & Share.deleted_at.is_null()
        )
        if share is None:
            raise ApiError(404, f"You have no share {share_id} (it may be deleted already).")
        counted = not (
            PointsEntry.select()
            .where(PointsEntry.share == share.id, PointsEntry.rule == STALE_RULE)
            .exists()
        )
        net = (
            PointsEntry.select(fn.COALESCE(fn.SUM(PointsEntry.points), 0))
            .where(PointsEntry.share == share.id)
            .scalar()
        )
        share.deleted_at = now
        share.save()
        personal = int(counted and share.voice == "personal")
        ledger.append(
            user,
            [(DELETED_RULE, -net)] if net else [],
            now,
            share=share.id,
            effective_at=share.logged_at,
            shares=-int(counted),
            personal=-personal,
        )
        stats.points -= net
        if counted:
            stats.shares -= 1
            stats.personal_shares -= personal
            stats.original_shares -= share.is_clone is False
            stats.networks = ",".join(sorted(_networks_in_use(user)))
            _recount_streak(user, stats)
        stats.save()
        ShareSketch.delete().where(ShareSketch.share == share.id).execute()
    return share, net, stats.points


def _recount_streak(user: User, stats: UserStats) -> None:
    """Rebuild the streak from the weeks that still hold a counted share.

    Deleting the only share of a week breaks the run it was part of; the next share's streak
    bonus must see the streak as it really is. Badges already earned stay.
    """
    stale = PointsEntry.select(PointsEntry.share).where(
        (PointsEntry.user == user.id) & (PointsEntry.rule == STALE_RULE)
    )
    logged = Share.select(Share.logged_at).where(
        (Share.user == user.id) & Share.deleted_at.is_null() & Share.id.not_in(stale)
    )
    weeks = sorted({monday_of(row.logged_at.date()) for row in logged})
    runs = _streak_runs(weeks)
    stats.last_share_week = weeks[-1] if weeks else None
    stats.streak_weeks = runs[-1] if runs else 0
    stats.longest_streak_weeks = max(runs, default=0)


def _streak_runs(weeks: list[date]) -> list[int]:
    """Lengths of the runs of consecutive ISO weeks (Mondays, sorted), oldest run first."""
    runs: list[int] = []
    for i, week in enumerate(weeks):
        if i and week - weeks[i - 1] == timedelta(days=7):
            runs[-1] += 1
        else:
            runs.append(1)
    return runs


def _networks_in_use(user: User) -> set[str]:
    rows = (
        Share.select(Share.network)
        .distinct()
        .where((Share.user == user.id) & Share.deleted_at.is_null())
    )
    return {row.network for row in rows}

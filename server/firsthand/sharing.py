"""Logging and deleting a share: each one atomic, idempotent write of the share, its points
and badges. Scoring is in scoring.py, badges in badges.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from peewee import IntegrityError, fn

from . import ledger, reach, rollups
from .analysis import Analyzer
from .badges import HELD_BADGES_COLUMN, award_badges, held_badges
from .canonical import canonical_url, id_from_the_future
from .clones import clone_lookup, store_sketch
from .db import backend_name, database, write_transaction
from .errors import ApiError, invalid
from .models import PointsEntry, Share, ShareSketch, User, UserBadge, UserStats
from .pages import Cursor, newest_first
from .rules import RuleBook
from .scoring import score_next, uncount, was_counted
from .statements import build, columns_of, get_all, get_one, insert, save
from .stories_links import (
    StoryMatch,
    judge_copy,
    match_story,
    record_share_story,
    voice_reading,
)

DELETED_RULE = "share_deleted"
# Phones and laptops disagree on the time; a post "from tomorrow" is a typo or a trick.
CLOCK_SKEW = timedelta(days=1)


@dataclass
class ShareRequest:
    url: str
    network: str
    text: str | None = None
    posted_at: datetime | None = None
    source: str | None = None
    idempotency_key: str | None = None
    voice: str | None = None  # the server's own verdicts on the text, never the client's
    is_clone: bool | None = None
    story_id: int | None = None  # the story the employee says the post tells
    story_match: StoryMatch | None = None  # the story it tells, as the server found it
    story_copy: bool = False  # the text reads like the story's announcement


@dataclass
class ShareResult:
    share: Share
    duplicate: bool
    breakdown: list[tuple[str, int]] = field(default_factory=list)
    new_badges: list[UserBadge] = field(default_factory=list)
    total_points: int = 0


def log_share(
    user: User, request: ShareRequest, book: RuleBook, now: datetime, *, analyzer: Analyzer | None
) -> ShareResult:
    """Record a share once, award its points and badges, all in one transaction.

    With an analyzer, a share logged with its text gets the server's own voice and clone
    verdicts (they earn `own_voice` and count towards badges). A retry (same
    Idempotency-Key or same post) returns the original share and writes nothing; so do
    concurrent copies, which the row lock serialises and the unique indexes back up.
    """
    canonical, existing = check_share(user, request, now)
    if existing is not None:
        return replay(user, existing)
    return write_share(user, request, canonical, book, now, analyzer=analyzer)


def check_share(user: User, request: ShareRequest, now: datetime) -> tuple[str, Share | None]:
    """The post's canonical URL and the caller's share this request repeats (same
    Idempotency-Key or same post), if any; raises the 4xx that refuses it. Writes nothing:
    the API answers a retry from here, before spending any of the write quota."""
    if request.posted_at and request.posted_at > now + CLOCK_SKEW:
        raise invalid("posted_at", "is in the future")
    canonical = canonical_url(request.url, request.network)
    made_up = id_from_the_future(canonical, now + CLOCK_SKEW)
    if made_up is not None:
        raise made_up
    # Read before taking the write lock: a retry is answered without it, and the lock is held
    # only to write. A copy that commits in between is caught by the unique indexes.
    existing = _existing(user, canonical, request.idempotency_key)
    if existing is None and request.story_id is not None:  # a story picked: 422 if not theirs
        request.story_match = match_story(user, request.url, request.text, request.story_id, now)
    return canonical, existing


def replay(user: User, original: Share) -> ShareResult:
    """The answer to a retry: the original share, no points."""
    return ShareResult(original, True, total_points=_points_of(user))


def write_share(
    user: User,
    request: ShareRequest,
    canonical: str,
    book: RuleBook,
    now: datetime,
    *,
    analyzer: Analyzer | None,
) -> ShareResult:
    """Record a share `check_share` found new (a copy that commits meanwhile is answered as
    a retry)."""
    if analyzer is not None and request.text and request.text.strip():
        request.voice, request.is_clone = read_voice(analyzer, user.id, request.text, now)
    if request.story_match is None:  # check_share has already matched a story picked by id
        request.story_match = match_story(user, request.url, request.text, request.story_id, now)
    if request.story_match is not None and judge_copy(request.story_match, request.text):
        # The announcement pasted, not told: re-share points, like a colleague's copy.
        request.story_copy, request.voice, request.is_clone = True, "corporate", True
    try:
        with write_transaction():
            stats, before, held = _locked_counters(user.id)
            # Their latest share moves (the three groups); the counters' row is locked.
            with rollups.tracked(user.id, locked=True, before=before, new_share_at=now):
                return _record(user, stats, request, canonical, book, now, held)
    except IntegrityError:
        # Another writer won the race for this post; answer as a retry would.
        existing = _existing(user, canonical, request.idempotency_key)
        if existing is None:
            raise
        return replay(user, existing)


def _locked_counters(user_id: int) -> tuple[UserStats, tuple | None, set[str]]:
    """The user's counters, row-locked until the transaction ends, where their latest
    share stands (rollups.bucket_of) and the badges they hold. SQLite (the whole database
    locked at BEGIN): one statement. PostgreSQL: the other two read by one statement after
    the lock, because a statement that waited for the row lock still reads the other tables
    as they were before it waited (a badge a concurrent share of theirs just awarded)."""
    if backend_name() == "postgresql":
        stats = UserStats.locked(user_id)
        row = database.execute_sql(_after_lock_sql(database.param), (user_id,)).fetchone()
        return stats, rollups.bucket_of(row[:-1]), held_badges(row[-1])
    sql, fields = _counters_sql(database.param)
    row = database.execute_sql(sql, (user_id,)).fetchone()
    if row is None:
        raise UserStats.DoesNotExist(f"no counters for user {user_id}")
    count = len(fields)
    stats = build(UserStats, fields, row[:count])
    return stats, rollups.bucket_of(row[count:-1]), held_badges(row[-1])


@cache
def _counters_sql(param: str) -> tuple[str, tuple]:
    columns, fields = columns_of(UserStats, "st")
    held = HELD_BADGES_COLUMN["sqlite"].format(user="st.user_id")
    return (
        f"SELECT {columns}, {rollups.LATEST_SHARE_COLUMNS}, ({held}) FROM user_stats st "
        f'JOIN "user" u ON u.id = st.user_id WHERE st.user_id = {param}',
        fields,
    )


@cache
def _after_lock_sql(param: str) -> str:
    held = HELD_BADGES_COLUMN["postgresql"].format(user="u.id")
    return f'SELECT {rollups.LATEST_SHARE_COLUMNS}, ({held}) FROM "user" u WHERE u.id = {param}'


def _points_of(user: User) -> int:
    return get_one(UserStats, '"user_id" = {p}', user.id).points


def read_voice(analyzer: Analyzer, user_id: int, text: str, now: datetime) -> tuple[str, bool]:
    """The server's reading of a share's text: its voice label and whether it is a clone."""
    verdict = analyzer.analyze(voice_reading(text), None, clone_lookup(analyzer, user_id, now))
    return verdict["voice"]["label"], verdict["clone"]["is_clone"]


def _existing(user: User, canonical: str, key: str | None) -> Share | None:
    # Both look-ups run on every log: statements written once (statements.py).
    if key:
        keyed = get_one(Share, '"user_id" = {p} AND "idempotency_key" = {p}', user.id, key)
        if keyed and keyed.canonical_url != canonical:
            raise ApiError(
                422,
                "This Idempotency-Key was already used for a different post: "
                "use a new key for each share.",
                code="idempotency_key_reused",
            )
        if keyed and keyed.deleted_at is None:
            return keyed
    # A retry of a share deleted since meets the same refusal as a new log of its post.
    # The caller's own share of the post (live or deleted) and anyone's live one: at most
    # two rows, one index (share_canonical_url_user_id); a deleted share claims nothing.
    found = get_all(
        Share,
        '"canonical_url" = {p} AND ("user_id" = {p} OR "deleted_at" IS NULL)',
        canonical,
        user.id,
    )
    own = next((share for share in found if share.user_id == user.id), None)
    if own is not None and own.deleted_at is not None:
        # Deleting is for mistakes; logging the post again would farm its points twice.
        raise ApiError(
            409,
            "You deleted the share of this post, so it cannot be logged again.",
            code="share_deleted",
        )
    if own is None and found:
        raise ApiError(
            409,
            "This post was already logged by another employee. Log the link of your own post "
            "or re-share; if this post is yours, ask them to delete their share of it first.",
            code="already_claimed",
        )
    return own


def _record(user, stats, request, canonical, book, now, held: set[str]) -> ShareResult:
    breakdown, counted = score_next(stats, request, canonical, user, book, now)
    share = insert(
        Share,
        {
            "user": user.id,
            "url": request.url,
            "canonical_url": canonical,
            "network": request.network,
            "text": request.text,
            "posted_at": request.posted_at,
            "logged_at": now,
            "source": request.source,
            "idempotency_key": request.idempotency_key,
            "voice": request.voice,
            "is_clone": request.is_clone,
            "points": sum(p for _, p in breakdown),
        },
    )
    if request.story_match is not None:
        record_share_story(share, request.story_match, request.story_copy)
    stats.listed_shares += 1
    if not counted:
        # A stale post stays on the employee's record, with no points and no counts.
        ledger.append(user, breakdown, now, share=share.id)
        save(stats)
        return ShareResult(share, False, breakdown, [], stats.points)
    if request.text:
        store_sketch(share.id, user.id, request.text, now)
    save(stats)
    badges = award_badges(user, stats, book, share, now, held)
    # Last: the period totals' upsert moves the rank histogram's buckets, rows every writer
    # shares (PostgreSQL holds their locks until commit), so it runs just before the commit.
    personal = int(request.voice == "personal")
    ledger.append(user, breakdown, now, share=share.id, shares=1, personal=personal)
    return ShareResult(share, False, breakdown, badges, stats.points)


def shares_of(
    user: User, limit: int, offset: int, after: Cursor | None = None
) -> tuple[list[Share], int, Cursor | None]:
    """A page of the user's live shares, newest first, how many there are (a counter, not a
    count) and the cursor of the next page."""
    mine = Share.select().where((Share.user == user.id) & Share.deleted_at.is_null())
    rows, next_cursor = newest_first(mine, Share.logged_at, Share.id, limit, offset, after)
    total = UserStats.select(UserStats.listed_shares).where(UserStats.user == user.id).scalar()
    return rows, total or 0, next_cursor


def delete_share(user: User, share_id: int, now: datetime) -> tuple[Share, int, int]:
    """Delete a share logged by mistake: reverse its points with a compensating ledger entry.

    Counters and period totals follow (in the share's own period); badges already earned
    stay. The post is no longer claimed (the live-share unique index lets a colleague log
    it from the commit on); the caller can never log it again. Returns (share, points
    reversed, new total).
    """
    with write_transaction(), rollups.tracked(user.id):
        stats = UserStats.locked(user.id)
        share = Share.get_or_none(
            (Share.id == share_id) & (Share.user == user.id) & Share.deleted_at.is_null()
        )
        if share is None:
            raise ApiError(404, f"You have no share {share_id} (it may be deleted already).")
        counted = was_counted(share)
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
        stats.listed_shares -= 1
        if counted:
            uncount(stats, user, share)
        stats.save()
        ShareSketch.delete().where(ShareSketch.share == share.id).execute()
        reach.forget_share(share.id)
    return share, net, stats.points

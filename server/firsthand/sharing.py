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
from .canonical import canonical_url, id_from_the_future, id_posted_at, sibling_ranges
from .claims import existing_share, held_by_self, own_column, own_params
from .clones import clone_lookup, share_sketch, store_sketch
from .db import backend_name, database, write_transaction
from .errors import ApiError, PersonErased, invalid, say
from .models import PointsEntry, Share, ShareSketch, User, UserBadge, UserStats
from .pages import Cursor, newest_first
from .repeats import refuse_repeat, words_of
from .rules import RuleBook
from .scoring import counts_as_personal, release_daily_slot, score_next, uncount, was_counted
from .statements import build, columns_of, get_one, insert, save_statement
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
    sketch: list[int] = field(default_factory=list)  # the text's copy sketch, made before the lock
    words: frozenset[str] = frozenset()  # its words, for the repeat check (repeats.py)


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
        raise invalid("posted_at", "is in the future", say("error.posted_at_future"))
    canonical = canonical_url(request.url, request.network)
    made_up = id_from_the_future(canonical, now + CLOCK_SKEW)
    if made_up is not None:
        raise made_up
    dated = id_posted_at(canonical)  # a post is not published before its id was made
    if request.posted_at and dated and request.posted_at < dated[1] - CLOCK_SKEW:
        day, made = request.posted_at.isoformat()[:10], dated[1].isoformat()[:10]
        raise invalid(
            "posted_at",
            f"is before the post's id was made ({made})",
            say("error.posted_at_before_id", date=day, made=made),
        )
    # Read before taking the write lock: a retry is answered without it, and the lock is held
    # only to write. A copy that commits in between is caught by the unique indexes (a
    # LinkedIn post's other id by write_share's look again, once the lock is held).
    existing = existing_share(user, canonical, request.idempotency_key)
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
    if request.story_match is None:  # check_share has already matched a story picked by id
        request.story_match = match_story(user, request.url, request.text, request.story_id, now)
    if analyzer is not None and request.text and request.text.strip():
        story = request.story_match.story if request.story_match else None
        asked = story.question_list if story else ()
        request.voice, request.is_clone = read_voice(analyzer, user.id, request.text, now, asked)
    if request.story_match is not None and judge_copy(request.story_match, request.text):
        # The announcement pasted, not told: re-share points, like a colleague's copy.
        request.story_copy, request.voice, request.is_clone = True, "corporate", True
    if request.text:
        request.sketch = share_sketch(request.text)  # reading text is no work for under the lock
        request.words = words_of(request.text)
    own = own_params(canonical, request.idempotency_key, sibling_ranges(canonical))
    try:
        with write_transaction():
            stats, before, held, mine = _locked_counters(user.id, *own)
            # A copy of this log (or of the post's other id) that committed while this one
            # waited for the lock: a retry, never a repeat of itself.
            original = held_by_self(user, canonical, request.idempotency_key, mine)
            if original is None:
                if analyzer is not None:  # under the lock: two such logs at once, one passes
                    refuse_repeat(analyzer, user.id, request, canonical, now)
                # Their latest share moves (the three groups); the counters' row is locked.
                with rollups.tracked(user.id, locked=True, before=before, new_share_at=now):
                    return _record(user, stats, request, canonical, book, now, held)
        return replay(user, original)
    except IntegrityError:
        # Another writer won the race for this post; answer as a retry would.
        existing = existing_share(user, canonical, request.idempotency_key)
        if existing is None:
            raise
        return replay(user, existing)


def _locked_counters(
    user_id: int, own: tuple, siblings: int
) -> tuple[UserStats, tuple | None, set[str], int | None]:
    """The user's counters, row-locked until the transaction ends, where their latest
    share stands (rollups.bucket_of), the badges they hold and their share that may hold the
    post already (claims.own_column: `own` its parameters, for `siblings` ranges). SQLite
    (the whole database locked at BEGIN): one statement. PostgreSQL: the others read by one
    statement after the lock, because a statement that waited for the row lock still reads
    the other tables as they were before it waited (a badge a concurrent share of theirs
    just awarded)."""
    params = (*own, user_id)
    if backend_name() == "postgresql":
        stats = UserStats.locked(user_id)
        sql = _after_lock_sql(database.param, siblings)
        row = database.execute_sql(sql, params).fetchone()
        count = 0
    else:
        sql, fields = _counters_sql(database.param, siblings)
        row = database.execute_sql(sql, params).fetchone()
        if row is None:  # erased since the request read them (models.LIVE_COUNTERS)
            raise PersonErased()
        count = len(fields)
        stats = build(UserStats, fields, row[:count])
    return stats, rollups.bucket_of(row[count:-2]), held_badges(row[-2]), row[-1]


@cache
def _counters_sql(param: str, siblings: int) -> tuple[str, tuple]:
    columns, fields = columns_of(UserStats, "st")
    held = HELD_BADGES_COLUMN["sqlite"].format(user="st.user_id")
    own = own_column(siblings, "st.user_id", param)
    return (
        f"SELECT {columns}, {rollups.LATEST_SHARE_COLUMNS}, ({held}){own} FROM user_stats "
        f'st JOIN "user" u ON u.id = st.user_id WHERE st.user_id = {param}'
        " AND u.erased_at IS NULL",
        fields,
    )


@cache
def _after_lock_sql(param: str, siblings: int) -> str:
    held = HELD_BADGES_COLUMN["postgresql"].format(user="u.id")
    own = own_column(siblings, "u.id", param)
    return (
        f'SELECT {rollups.LATEST_SHARE_COLUMNS}, ({held}){own} FROM "user" u WHERE u.id = {param}'
    )


def _points_of(user: User) -> int:
    return get_one(UserStats, '"user_id" = {p}', user.id).points


def read_voice(
    analyzer: Analyzer, user_id: int, text: str, now: datetime, questions=()
) -> tuple[str | None, bool]:
    """The server's reading of a share's text (without its story's questions): its voice
    label (None for a post in none of the six languages: its voice cannot be read, so it
    neither earns `own_voice` nor counts as personal) and whether it is a clone."""
    reading = voice_reading(text, questions)
    verdict = analyzer.analyze(reading, None, clone_lookup(analyzer, user_id, now))
    voice = verdict["voice"]["label"] if verdict["language_supported"] else None
    return voice, verdict["clone"]["is_clone"]


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
        carried = [save_statement(stats)]
        ledger.append(user, breakdown, now, share=share.id, carried=carried)
        return ShareResult(share, False, breakdown, [], stats.points)
    store_sketch(share.id, user.id, request.sketch, now)
    carried = [save_statement(stats)]  # the counters as they stand now, written below
    badges = award_badges(user, stats, book, share, now, held)
    # Last: the period totals' upsert moves the rank histogram's buckets, rows every writer
    # shares (PostgreSQL holds their locks until commit), so it runs just before the commit.
    personal = int(counts_as_personal(request))
    ledger.append(
        user, breakdown, now, share=share.id, shares=1, personal=personal, carried=carried
    )
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
        # What the person wrote goes with it (the export lists what stays: the post, when).
        share.text, share.url = None, share.canonical_url
        share.save()
        personal = int(counted and counts_as_personal(share))
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
            release_daily_slot(stats, share)
        stats.save()
        ShareSketch.delete().where(ShareSketch.share == share.id).execute()
        reach.forget_share(share.id)
    return share, net, stats.points

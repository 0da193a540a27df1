"""Reach: what an employee's own logged posts did, as the extension read it on the page.

A reading is stored as one snapshot per share per hour (a second reading in the same hour
changes nothing), beside the raw text each count was parsed from. Each share keeps its
highest and latest count of each metric (a later, lower reading is kept as `latest` and
flagged, never silently replacing the highest), and the monthly rollups move in the same
transaction. Only the share's author can record a reading: anyone else gets a 404.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import IntegrityError, SqliteDatabase, fn

from .badges import award_badges
from .canonical import id_posted_at
from .db import database, write_transaction
from .errors import ApiError, invalid
from .models import Share, User, UserBadge, UserStats
from .reach_models import METRICS, HoldBackAnswer, ReachRollup, ReachSnapshot, ShareReach
from .rules import RuleBook
from .scoring import was_counted

CLOCK_SKEW = timedelta(days=1)  # phones and laptops disagree on the time
BADGE_COUNTERS = {"comments": "best_post_comments", "reactions": "best_post_reactions"}


@dataclass
class Reading:
    """Counts read off the page: None is unknown (not shown), never zero."""

    seen_at: datetime
    source: str
    counts: dict[str, int | None]
    raw: dict[str, str] = field(default_factory=dict)


@dataclass
class ReadingResult:
    snapshot: ReachSnapshot
    reach: ShareReach
    duplicate: bool
    new_badges: list[UserBadge] = field(default_factory=list)


def month_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m")


def voice_of(share: Share) -> str:
    """How a share's reach is filed: a copy of a colleague's post (is_clone) with the re-shares,
    whatever its words read as: it is not the employee's own voice."""
    if share.is_clone and share.voice == "personal":
        return "corporate"
    return share.voice or "unknown"


def earliest_reading(share: Share) -> datetime:
    """The earliest a reading of `share` can honestly be dated: its post's time (given, or in
    a LinkedIn or X post id) less the clocks' disagreement; without one, a day before it was
    logged (a reading needs the logged share's id, so it normally comes after)."""
    dated = id_posted_at(share.canonical_url)
    posted = share.posted_at or (dated[1] if dated else None) or share.logged_at
    try:
        return posted - CLOCK_SKEW
    except OverflowError:  # a share said posted on 1 January of year 1: no day before it
        return posted


def record_reading(
    user: User, share_id: int, reading: Reading, book: RuleBook, now: datetime
) -> ReadingResult:
    """Store a reading of the caller's own share, at most one per hour, atomically."""
    if reading.seen_at > now + CLOCK_SKEW:
        raise invalid("seen_at", "is in the future")
    # A computer's clock ahead (a day at most, above): the reading was made by the time it
    # arrived. Dated as sent, it stayed the share's "latest" until that time came.
    reading.seen_at = min(reading.seen_at, now)
    if all(reading.counts.get(m) is None for m in METRICS):
        raise invalid("counts", "must hold at least one count that was read")
    hour = reading.seen_at.replace(minute=0, second=0, microsecond=0)
    try:
        with write_transaction():
            return _record(user, share_id, reading, hour, book, now)
    except IntegrityError:  # a concurrent copy of the same reading won the race
        same_hour = (ReachSnapshot.share == share_id) & (ReachSnapshot.hour == hour)
        snapshot = ReachSnapshot.get(same_hour)
        return ReadingResult(snapshot, ShareReach.get_by_id(share_id), duplicate=True)


def _record(user, share_id, reading, hour, book, now) -> ReadingResult:
    stats = UserStats.locked(user.id)  # serialises this person's writes
    share = Share.get_or_none(
        (Share.id == share_id) & (Share.user == user.id) & Share.deleted_at.is_null()
    )
    if share is None:
        # Said as GET and DELETE say it: the extension's reading of a share its owner deleted
        # meanwhile was told "only for your own", as if the share were a colleague's.
        raise ApiError(
            404,
            f"You have no share {share_id} (it may be deleted): reach is recorded only for "
            "your own shares.",
        )
    if reading.seen_at < earliest_reading(share):
        raise invalid("seen_at", "is before the post was published: counts cannot be read then")
    existing = ReachSnapshot.get_or_none(
        (ReachSnapshot.share == share.id) & (ReachSnapshot.hour == hour)
    )
    if existing is not None:
        return ReadingResult(existing, ShareReach.get_by_id(share.id), duplicate=True)
    snapshot = ReachSnapshot.create(
        share=share.id,
        user=user.id,
        hour=hour,
        seen_at=reading.seen_at,
        received_at=now,
        source=reading.source,
        raw=json.dumps(reading.raw, ensure_ascii=False, sort_keys=True),
        **{m: reading.counts.get(m) for m in METRICS},
    )
    # Their team as it is now, under the lock: a team merge or a move may have committed
    # since the request read them (teams.merge_teams takes the same locks first).
    team_id = User.select(User.team).where(User.id == user.id).scalar()
    reach, deltas, is_new = _update_share_reach(user, team_id, share, reading)
    _move_rollup(reach, deltas, shares=int(is_new))
    new_badges = _update_badge_counters(user, stats, reach, share, book, now)
    return ReadingResult(snapshot, reach, duplicate=False, new_badges=new_badges)


def _update_share_reach(user: User, team_id: int | None, share: Share, reading: Reading):
    reach = ShareReach.get_or_none(ShareReach.share == share.id)
    is_new = reach is None
    if is_new:
        reach = ShareReach(
            share=share.id,
            user=user.id,
            month=month_of(share.logged_at),
            team=team_id,
            network=share.network,
            voice=voice_of(share),
            first_seen_at=reading.seen_at,
            last_seen_at=reading.seen_at,
        )
    deltas = {}
    newest = is_new or reading.seen_at >= reach.last_seen_at
    for metric in METRICS:
        value = reading.counts.get(metric)
        if value is None:
            continue
        highest = getattr(reach, metric)
        if highest is None or value > highest:
            deltas[metric] = value - (highest or 0)
            setattr(reach, metric, value)
        if newest:  # an older reading arriving late does not become "latest"
            setattr(reach, f"latest_{metric}", value)
    reach.dropped = ",".join(
        m
        for m in METRICS
        if getattr(reach, f"latest_{m}") is not None
        and getattr(reach, f"latest_{m}") < getattr(reach, m)
    )
    reach.snapshots += 1
    reach.first_seen_at = min(reach.first_seen_at, reading.seen_at)
    reach.last_seen_at = max(reach.last_seen_at, reading.seen_at)
    reach.save(force_insert=is_new)
    return reach, deltas, is_new


def _rollup_key(reach: ShareReach):
    team = reach.team_id
    return (
        (ReachRollup.month == reach.month)
        & (ReachRollup.team.is_null() if team is None else ReachRollup.team == team)
        & (ReachRollup.network == reach.network)
        & (ReachRollup.voice == reach.voice)
    )


def _move_rollup(reach: ShareReach, deltas: dict[str, int], shares: int) -> None:
    """Add (or with negative numbers, take away) a share's contribution to its rollup row."""
    if not deltas and not shares:
        return
    changes = {getattr(ReachRollup, m): getattr(ReachRollup, m) + d for m, d in deltas.items()}
    if shares:
        changes[ReachRollup.shares] = ReachRollup.shares + shares
    move = ReachRollup.update(changes).where(_rollup_key(reach))
    if move.execute():
        return
    # The key's first row. Two first readings at once (PostgreSQL) both get here: the unique
    # index (migration 0023) lets one insert, the other waits for it and inserts nothing.
    key = {"month": reach.month, "team": reach.team_id, "network": reach.network}
    ReachRollup.insert(**key, voice=reach.voice).on_conflict_ignore().execute()
    move.execute()


def _update_badge_counters(user, stats, reach, share, book, now) -> list[UserBadge]:
    if not was_counted(share):  # a stale post counts towards nothing, its reach included
        return []
    moved = False
    for metric, counter in BADGE_COUNTERS.items():
        value = getattr(reach, metric)
        if value is not None and value > getattr(stats, counter):
            setattr(stats, counter, value)
            moved = True
    if not moved:
        return []
    stats.save()
    return award_badges(user, stats, book, share, now)


def forget_share(share_id: int) -> None:
    """A deleted share's reach leaves the rollups (call in the deleting transaction)."""
    reach = ShareReach.get_or_none(ShareReach.share == share_id)
    if reach is None:
        return
    taken = {m: -(getattr(reach, m) or 0) for m in METRICS if getattr(reach, m)}
    _move_rollup(reach, taken, shares=-1)
    reach.delete_instance()


def teams_merged(source_id: int, into_id: int) -> None:
    """Reach counted in team `source` counts in `into` (the source team is going away): its
    shares' rows name `into`, its rollup rows are added to `into`'s for the same key."""
    ShareReach.update(team=into_id).where(ShareReach.team == source_id).execute()
    query = ReachRollup.select().where(ReachRollup.team == source_id).order_by(ReachRollup.id)
    if not isinstance(database.obj, SqliteDatabase):
        query = query.for_update()
    for row in list(query):  # a few rows: months × networks × voices
        joined = ShareReach(month=row.month, team=into_id, network=row.network, voice=row.voice)
        _move_rollup(joined, {m: getattr(row, m) for m in METRICS}, shares=row.shares)
        row.delete_instance()


def forget_user(user_id: int) -> None:
    """Erasure: every reach row of the person goes, and leaves the rollups."""
    mine = ShareReach.select(ShareReach.share).where(ShareReach.user == user_id)
    for (share_id,) in mine.tuples():
        forget_share(share_id)
    ReachSnapshot.delete().where(ReachSnapshot.user == user_id).execute()
    HoldBackAnswer.delete().where(HoldBackAnswer.user == user_id).execute()


ROLLUP_GROUP = ("month", "team", "network", "voice")


def rollups_from_rows() -> dict[tuple, tuple]:
    """What the rollup table should hold, recomputed from the per-share rows."""
    group = [getattr(ShareReach, name) for name in ROLLUP_GROUP]
    query = ShareReach.select(
        *group,
        fn.COUNT(ShareReach.share),
        *[fn.COALESCE(fn.SUM(getattr(ShareReach, m)), 0) for m in METRICS],
    ).group_by(*group)
    return {tuple(row[:4]): tuple(row[4:]) for row in query.tuples()}


def rollups_stored() -> dict[tuple, tuple]:
    columns = [getattr(ReachRollup, name) for name in ROLLUP_GROUP]
    sums = [ReachRollup.shares, *[getattr(ReachRollup, m) for m in METRICS]]
    return {
        tuple(row[:4]): tuple(row[4:])
        for row in ReachRollup.select(*columns, *sums).tuples()
        if any(row[4:])
    }


def rebuild_rollups() -> int:
    """Recompute the rollup table from the per-share rows; returns the rows written."""
    with write_transaction():
        ReachRollup.delete().execute()
        rows = rollups_from_rows()
        for (month, team, network, voice), (shares, *sums) in rows.items():
            ReachRollup.create(
                month=month,
                team=team,
                network=network,
                voice=voice,
                shares=shares,
                **dict(zip(METRICS, sums, strict=True)),
            )
    return len(rows)

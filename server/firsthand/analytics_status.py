"""How many people are in each status now: the console's overview and the analytics page's
groups (analytics.py re-exports status_counts). Read from rollups per team and hour, plus
the few people connected too recently to be called quiet."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import SQL, fn

from . import rollups
from .analytics import _scoped
from .models import Share, User
from .people import active_since, new_connections
from .rollup_models import LastShareHour, TeamTotal
from .staff import staff_by_team


def status_counts(now: datetime, team_ids: set[int] | None) -> dict[str, int]:
    """How many people are in each status now (the console's overview), among them the
    three groups: live people who shared in the last 30 days, connected people who did not,
    invited people who never connected (program staff apart: staff.py), in their current team.
    Connected people who did not share are "quiet" once connected for SETTLING_DAYS, "new"
    before (people.new_connections): someone who connected today has not yet been quiet.

    Who shared in the last 30 days is a sum over per-team, per-hour counts of each live
    person's latest share; the hour the 30 days begin in is split exactly with one
    indexed read of that hour's shares."""
    staff = sum(staff_by_team(team_ids).values())
    new = new_connections(now, team_ids)
    everyone, people, connected = (
        int(v or 0)
        for v in _scoped(
            TeamTotal.select(
                fn.SUM(TeamTotal.people), fn.SUM(TeamTotal.members), fn.SUM(TeamTotal.connected)
            ),
            TeamTotal,
            team_ids,
        ).tuples()[0]
    )
    since = active_since(now)
    boundary = rollups.hour_number(since)
    active, active_connected = (
        int(v or 0)
        for v in _scoped(
            LastShareHour.select(
                fn.SUM(LastShareHour.people), fn.SUM(LastShareHour.connected)
            ).where(LastShareHour.hour > boundary),
            LastShareHour,
            team_ids,
        ).tuples()[0]
    )
    in_boundary_hour = _scoped(
        LastShareHour.select(fn.SUM(LastShareHour.people)).where(LastShareHour.hour == boundary),
        LastShareHour,
        team_ids,
    ).scalar()
    if not in_boundary_hour:  # nobody's latest share is in that hour: nothing to split
        return _statuses(everyone, people, connected, active, active_connected, staff, new)
    hour_end = datetime.fromtimestamp((boundary + 1) * 3600, UTC)
    later = Share.select(Share.id).where(
        (Share.user == User.id) & (Share.logged_at >= hour_end) & Share.deleted_at.is_null()
    )
    edge = (
        User.select(User.connected_at.is_null(False), fn.COUNT(User.id))
        .where(
            User.id.in_(
                Share.select(Share.user).where(
                    (Share.logged_at >= since)
                    & (Share.logged_at < hour_end)
                    & Share.deleted_at.is_null()
                )
            )
            & User.deactivated_at.is_null()
            & User.erased_at.is_null()
            & ~fn.EXISTS(later)
        )
        .group_by(SQL("1"))
    )
    if team_ids is not None:
        edge = edge.where(User.team.in_(sorted(team_ids) or [0]))
    for is_connected, count in edge.tuples():
        active += count
        active_connected += count if is_connected else 0
    return _statuses(everyone, people, connected, active, active_connected, staff, new)


def _statuses(everyone, people, connected, active, active_connected, staff, new) -> dict[str, int]:
    return {
        "invited": people - connected - staff,
        "staff": staff,
        "connected": connected,
        "active": active,
        "new": new,
        "quiet": connected - active_connected - new,
        "deactivated": everyone - people,
    }

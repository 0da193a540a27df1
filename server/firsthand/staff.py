"""Program staff: admins who run the program from the console and have never used it as
employees. An admin counts as staff while they are live (not deactivated or deleted) and have
never connected a browser (no connected stretch in their membership history: an expired or
revoked connection still counts as having connected) and never logged a share (deleted ones
too). The first connection or share makes them a participant like anyone else, for good.

Staff are left out of every participation figure (in the program, not connected yet, "Not on
board", the people a story is for, the team sizes that decide which teams are shown by name);
the people list shows them as "Console only". The rollups keep counting everyone (they are the
raw program history); staff are taken off where figures are read. Admins are few, so the
reads here are probes of the (role, …) index and of each admin's history.
"""

from __future__ import annotations

from peewee import fn

from .models import Share, User
from .rollup_models import Membership
from .rollups import day_number

STAFF_ROLE = "admin"


def is_staff():
    """A condition on `User` rows: the person is program staff now."""
    connected_once = Membership.select(Membership.id).where(
        (Membership.user == User.id) & (Membership.connected == True)  # noqa: E712
    )
    shared_once = Share.select(Share.id).where(Share.user == User.id)
    return (
        (User.role == STAFF_ROLE)
        & User.deactivated_at.is_null()
        & User.erased_at.is_null()
        & User.connected_at.is_null()
        & ~fn.EXISTS(connected_once)
        & ~fn.EXISTS(shared_once)
    )


def staff_ids(team_ids: set[int] | None = None) -> list[int]:
    """Staff now, in `team_ids` (None: everyone, people without a team too)."""
    query = User.select(User.id).where(is_staff())
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    return [user_id for (user_id,) in query.tuples()]


def staff_by_team(team_ids: set[int] | None = None) -> dict[int | None, int]:
    """How many staff each team has now (None: people without a team)."""
    query = User.select(User.team, fn.COUNT(User.id)).where(is_staff()).group_by(User.team)
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    return {team_id: int(count) for team_id, count in query.tuples()}


def staff_in_program(end_days: list[int], team_ids: set[int] | None) -> dict[int, int]:
    """For each day number in `end_days`: how many of today's staff the membership rollups
    count in the program (team_day's members) before that day, in the teams in view at the
    time. Staff never connected, so they are never in the rollups' connected counts."""
    ids = staff_ids()
    counts = dict.fromkeys(end_days, 0)
    if not ids:
        return counts
    stints = Membership.select(
        Membership.team_key, Membership.started_at, Membership.ended_at
    ).where(Membership.user.in_(ids) & (Membership.active == True))  # noqa: E712
    for key, started_at, ended_at in stints.tuples():
        if team_ids is not None and key not in team_ids:  # a manager's teams (never key 0)
            continue
        start = day_number(started_at)
        end = None if ended_at is None else day_number(ended_at)
        for day in end_days:
            # As team_day sums it: opened before the day, not closed before it.
            if start < day and (end is None or end >= day):
                counts[day] += 1
    return counts


def is_staff_member(user: User) -> bool:
    """Whether this one person is program staff now."""
    if user.role != STAFF_ROLE or user.connected_at is not None:
        return False
    return User.select(User.id).where((User.id == user.id) & is_staff()).exists()

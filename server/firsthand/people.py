"""A person's place in the program: status, role, team, deactivation and reactivation.

Each change is one write transaction that also appends its audit event.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from peewee import JOIN, fn

from . import audit, rollups, teams
from .accounts import check_name, check_role
from .db import backend_name, write_transaction
from .errors import ApiError
from .models import PeriodStats, Share, Team, User
from .signin import CONSOLE_ROLES, end_console_access

ACTIVE_DAYS = 30
# Connected for less than this, a person who has not shared is "new", not "quiet": they have
# not yet had the whole ACTIVE_DAYS window in which not to share, so "no share in 30 days"
# would not be true of them, and a nudge would be premature. The same 30 days as the
# "what holds you back?" question (holdback.py): the quiet are the people it is asked of.
SETTLING_DAYS = ACTIVE_DAYS
STATUSES = {
    "invited": "Invited",
    "staff": "Console only",  # an admin who never connected or shared: staff.py
    "connected": "Connected",
    "active": f"Shared in the last {ACTIVE_DAYS} days",
    "new": f"Connected in the last {SETTLING_DAYS} days, no share yet",
    "quiet": f"Connected, no share in {ACTIVE_DAYS} days",
    "deactivated": "Deactivated",
}


def status_of(
    user: User, last_shared_at: datetime | None, now: datetime, *, staff: bool = False
) -> str:
    """invited, staff, active, connected or deactivated: the most specific that holds
    (`staff`: they are program staff, staff.is_staff)."""
    if user.deactivated_at is not None:
        return "deactivated"
    if last_shared_at is not None and last_shared_at >= active_since(now):
        return "active"
    if user.connected_at is not None:
        return "connected"
    return "staff" if staff else "invited"


def active_since(now: datetime) -> datetime:
    return now - timedelta(days=ACTIVE_DAYS)


def settled_by(now: datetime) -> datetime:
    """People connected at or before this have been connected long enough to be quiet."""
    return now - timedelta(days=SETTLING_DAYS)


def new_connections(now: datetime, team_ids: set[int] | None) -> int:
    """Live people in `team_ids` (None: everyone) connected after settled_by(now) who have
    not shared in the last ACTIVE_DAYS: a range read of the connected_at index, so it costs
    what the newly connected number, whatever the number of people."""
    shared = Share.select(Share.id).where(
        (Share.user == User.id)
        & (Share.logged_at >= active_since(now))
        & Share.deleted_at.is_null()
    )
    query = User.select().where(
        (User.connected_at > settled_by(now))
        & User.deactivated_at.is_null()
        & User.erased_at.is_null()
        & ~fn.EXISTS(shared)
    )
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    return query.count()


def last_shared_at(user: User) -> datetime | None:
    return (
        Share.select(Share.logged_at)
        .where((Share.user == user.id) & Share.deleted_at.is_null())
        .order_by(Share.logged_at.desc())
        .limit(1)
        .scalar()
    )


def get_person(person_id: int) -> User:
    """A person who has not been deleted, or 404."""
    user = (
        User.select(User, Team)
        .join(Team, join_type=JOIN.LEFT_OUTER, on=User.team == Team.id)
        .where((User.id == person_id) & User.erased_at.is_null())
        .first()
    )
    if user is None:
        raise ApiError(404, "There is no such person (they may have been deleted).")
    return user


def mark_connected(user: User, now: datetime, token_signed_at: datetime | None = None) -> None:
    """Remember that a browser uses a token of the person's (signed at `token_signed_at`):
    connected from now if they were not, and the newest token's time (their connection
    ends when it expires, token_expiry)."""
    with write_transaction(), rollups.tracked(user.id) as changes:
        if token_signed_at is not None:
            newer = User.token_signed_at.is_null() | (User.token_signed_at < token_signed_at)
            User.update(token_signed_at=token_signed_at).where(
                (User.id == user.id) & newer
            ).execute()
        first = (
            User.update(connected_at=now)
            .where((User.id == user.id) & User.connected_at.is_null())
            .execute()
        )
        if first:
            rollups.connected(changes, user.id, now)
    if user.connected_at is None:
        user.connected_at = now
    if token_signed_at is not None and (
        user.token_signed_at is None or user.token_signed_at < token_signed_at
    ):
        user.token_signed_at = token_signed_at


def update_person(
    user: User,
    now: datetime,
    actor: User | None,
    *,
    name: str | None = None,
    team: Team | None | bool = False,
    role: str | None = None,
) -> dict:
    """Change name, team (False: leave as is; None: no team) and role; return what changed."""
    changes = {}
    with write_transaction():
        _still_here(user)
        if name is not None and check_name(name) != user.name:
            changes["name"] = [user.name, check_name(name)]
            User.update(name=check_name(name)).where(User.id == user.id).execute()
            user.name = check_name(name)
        if team is not False:
            new_id = team.id if team else None
            if new_id != user.team_id:
                changes["team"] = [user.team_name, team.name if team else None]
                teams.move_person(user, team, now)
        if role is not None and check_role(role) != user.role:
            if actor is not None and actor.id == user.id:
                raise ApiError(422, "You cannot change your own role.", code="own_role")
            changes["role"] = [user.role, role]
            User.update(role=role).where(User.id == user.id).execute()
            user.role = role
            if role not in CONSOLE_ROLES:  # their console sessions and sign-in links end
                end_console_access(user.id, now)
        if changes:
            audit.record(actor, "person.update", audit.person(user), now, changes)
            teams.manage_own_team(User.get_by_id(user.id), now, actor)
    return changes


def deactivate(user: User, now: datetime, actor: User | None) -> None:
    """Refuse their tokens from now on and take them off leaderboards; keep their history.
    Their console sessions end and their unused sign-in links are spent (a reactivation
    brings neither back: they sign in afresh)."""
    if actor is not None and actor.id == user.id:
        raise ApiError(422, "You cannot deactivate yourself.", code="own_account")
    with write_transaction():
        _still_here(user)
        if user.deactivated_at is not None:
            return
        user.deactivated_at = now
        with rollups.tracked(user.id) as changes:
            User.update(deactivated_at=user.deactivated_at).where(User.id == user.id).execute()
            rollups.activated(changes, user.id, False, now)
        _sync_board_visibility(user)
        end_console_access(user.id, now)  # not revived by a reactivation
        audit.record(actor, "person.deactivate", audit.person(user), now)


def reactivate(user: User, now: datetime, actor: User | None) -> None:
    """Undo a deactivation: their tokens work again and they return to leaderboards
    (unless they opted out themselves)."""
    with write_transaction():
        _still_here(user)
        if user.deactivated_at is None:
            return
        user.deactivated_at = None
        with rollups.tracked(user.id) as changes:
            User.update(deactivated_at=None).where(User.id == user.id).execute()
            rollups.activated(changes, user.id, True, now)
        _sync_board_visibility(user)
        audit.record(actor, "person.reactivate", audit.person(user), now)


def _sync_board_visibility(user: User) -> None:
    PeriodStats.update(hidden=user.hidden_from_boards).where(PeriodStats.user == user.id).execute()


def _still_here(user: User) -> None:
    """In an edit's transaction: the person's row, locked (PostgreSQL; SQLite's write lock
    holds everything) before their counters as an erasure takes them, not erased since the
    page read them. An edit saved as someone erased them gave the anonymous row its name,
    role and team back."""
    query = User.select(User.id).where((User.id == user.id) & User.erased_at.is_null())
    if backend_name() == "postgresql":
        query = query.for_update("FOR NO KEY UPDATE")
    if query.first() is None:
        raise ApiError(404, "There is no such person (they may have been deleted).")

"""Teams: creating, renaming and merging them, moving people, and who manages which.

A person's period totals carry their team (team leaderboards are an indexed read of them),
so every change of team moves those rows in the same transaction.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from peewee import fn

from . import audit, reach, rollups
from .admin_models import TeamManager
from .db import backend_name, database
from .errors import ApiError, invalid
from .folding import sort_key
from .input_guard import INVISIBLE, tidy_line
from .models import PeriodStats, Team, User
from .stories_models import StoryTeam

MAX_NAME = 120
# Names the pages and CSVs give rows that are no team (stories' "(all)" and "(no team)", the
# people filter's "No team", analytics' "Other teams"): a team so named read as one of them.
# Compared as team_key compares names; a team already so named keeps its name.
RESERVED_NAMES = {
    "(all)": "every team together",
    "(no team)": "people without a team",
    "no team": "people without a team",
    "other teams": "the teams too small to be shown on their own",
}


def clean_name(name: str) -> str:
    """A team name as stored: spacing collapsed; 422 if empty or too long."""
    cleaned = tidy_line(name)
    if not cleaned:
        raise ApiError(
            422, "Give the team a name.", details=[{"field": "name", "message": "is empty"}]
        )
    if len(cleaned) > MAX_NAME:
        raise ApiError(
            422,
            f"A team name has at most {MAX_NAME} characters.",
            details=[{"field": "name", "message": f"must be at most {MAX_NAME} characters"}],
        )
    meaning = RESERVED_NAMES.get(team_key(cleaned))
    if meaning:
        message = (
            f"“{cleaned}” cannot be a team's name: the console's pages and files use it for "
            f"{meaning}. Choose another name."
        )
        raise invalid("name", "is a name the console keeps for its own rows", message, "reserved")
    return cleaned


def team_key(name: str) -> str:
    """What tells teams apart: not case (in every script) nor spacing, nor spellings that
    look the same: an accent composed or decomposed ("É", "E\u0301"), a full-width or
    compatibility letter ("Ｅ"), an invisible character (a zero-width space). Accents do."""
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", tidy_line(name))).lower()


def find_team(name: str) -> Team | None:
    """The team of that name, by team_key.

    Compared in Python, as the CSV import does: SQLite's LOWER() lowers ASCII only, so
    "ÉQUIPE" and "équipe" were two teams on SQLite and one on PostgreSQL. A company has tens
    or hundreds of teams, not millions."""
    key = team_key(name)
    if not key:
        return None
    return next((team for team in Team.select() if team_key(team.name) == key), None)


# PostgreSQL: one transaction at a time may add, rename or merge away a team
# (pg_advisory_xact_lock, until it ends). Names are unique ignoring case, which only find_team
# checks: two invites naming one new team at once made it twice ("Sales" and "sales"), or one
# of them failed on the exact name's unique index; an import that read a team a merge then
# deleted put people in it (a foreign key error). SQLite's write lock already serialises them.
TEAM_NAMES_LOCK = 0x7465616D  # "team"


def lock_team_names() -> None:
    """Wait until no other transaction is adding or renaming a team (until this one ends)."""
    if backend_name() == "postgresql":
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (TEAM_NAMES_LOCK,))


def held_team(team: Team, *, exclusive: bool = False) -> Team:
    """In a write's transaction: the team as it is now, locked (PostgreSQL; SQLite's write lock
    holds everything), or a 409 if another admin merged it away since the request read it.

    Moving someone into it or naming its manager then failed on the deleted row's foreign key
    (a 500), a rename said "Renamed" and changed nothing, and merging it back (two admins
    merging A into B and B into A) failed too. `exclusive` for a merge or rename, which change
    the row; a key-share lock is enough to keep it while people are moved in."""
    query = Team.select().where(Team.id == team.id)
    if backend_name() == "postgresql":
        query = query.for_update("FOR UPDATE" if exclusive else "FOR KEY SHARE")
    fresh = query.first()
    if fresh is None:
        raise ApiError(
            409,
            f"The team {team.name} was merged into another team (or removed) meanwhile: "
            "nothing was changed. Reload the page and choose again.",
            code="team_gone",
        )
    return fresh


def set_story_teams(story_id: int, team_ids: list[int], *, replace: bool = False) -> None:
    """In the story's write transaction: its teams, each still there and key-share locked
    (PostgreSQL) until it commits; a team merged away since the request checked the audience
    is the 422 the request would have met a moment later, not a foreign key error (a 500)."""
    query = Team.select(Team.id).where(Team.id.in_(sorted(team_ids) or [0])).order_by(Team.id)
    if backend_name() == "postgresql":
        query = query.for_update("FOR KEY SHARE")
    missing = sorted(set(team_ids) - {team.id for team in query})
    if missing:
        reason = f"no team with id {', '.join(map(str, missing))} (merged away meanwhile)"
        raise invalid("team_ids", f"{reason}: reload and choose the teams again")
    if replace:
        StoryTeam.delete().where(StoryTeam.story == story_id).execute()
    for team_id in team_ids:
        StoryTeam.create(story=story_id, team=team_id)


def team_by_id(team_id: int) -> Team:
    team = Team.get_or_none(Team.id == team_id)
    if team is None:
        raise ApiError(404, f"There is no team {team_id}.")
    return team


def find_or_create_team(name: str, now: datetime, actor: User | None = None) -> Team:
    """The team of that name, created (and audited) if it does not exist yet."""
    lock_team_names()
    existing = find_team(name)
    if existing:
        return existing
    team = Team.create(name=clean_name(name), created_at=now)
    audit.record(actor, "team.create", audit.team(team), now)
    return team


def create_team(name: str, now: datetime, actor: User | None) -> Team:
    """Create a team; 409 if one of that name exists."""
    lock_team_names()
    if find_team(name):
        raise ApiError(
            409, f"There is already a team called {clean_name(name)}.", code="team_taken"
        )
    return find_or_create_team(name, now, actor)


def rename_team(team: Team, name: str, now: datetime, actor: User | None) -> Team:
    new_name = clean_name(name)
    lock_team_names()
    held_team(team, exclusive=True)
    clash = find_team(new_name)
    if clash and clash.id != team.id:
        raise ApiError(409, f"There is already a team called {new_name}.", code="team_taken")
    old = team.name
    if old == new_name:
        return team
    Team.update(name=new_name).where(Team.id == team.id).execute()
    team.name = new_name
    audit.record(actor, "team.rename", audit.team(team), now, {"from": old, "to": new_name})
    return team


def merge_teams(source: Team, into: Team, now: datetime, actor: User | None) -> int:
    """Move everyone (and their managers, period totals, stories and reach) from `source`
    into `into`, then remove `source`. Returns how many people moved."""
    if source.id == into.id:
        raise ApiError(422, "Pick a different team to merge into.", code="same_team")
    lock_team_names()  # a team name goes: no invite or import may pick it meanwhile
    _lock_members_counters(source.id)
    # Both rows in id order (two admins merging A into B and B into A wait, not deadlock).
    for team in sorted((source, into), key=lambda t: t.id):
        held_team(team, exclusive=team is source)
    moved = User.update(team=into.id).where(User.team == source.id).execute()
    PeriodStats.update(team=into.id).where(PeriodStats.team == source.id).execute()
    rollups.teams_merged(source.id, into.id)
    already = TeamManager.select(TeamManager.user).where(TeamManager.team == into.id)
    gained = TeamManager.select(TeamManager.user).where(
        (TeamManager.team == source.id) & TeamManager.user.not_in(already)
    )
    gained_managers = list(User.select(User.email).where(User.id.in_(gained)).order_by(User.id))
    TeamManager.update(team=into.id).where(
        (TeamManager.team == source.id) & TeamManager.user.not_in(already)
    ).execute()
    TeamManager.delete().where(TeamManager.team == source.id).execute()
    # Deleting the team would drop its stories' links to it (a story for it alone would be for
    # nobody) and its reach's team (counted under "no team"): both go to `into` first.
    both = StoryTeam.select(StoryTeam.story).where(StoryTeam.team == into.id)
    StoryTeam.delete().where((StoryTeam.team == source.id) & StoryTeam.story.in_(both)).execute()
    StoryTeam.update(team=into.id).where(StoryTeam.team == source.id).execute()
    reach.teams_merged(source.id, into.id)
    audit.record(
        actor,
        "team.merge",
        audit.team(into),
        now,
        {"merged": source.name, "merged_team_id": source.id, "people_moved": moved},
    )
    # Each manager the team gained is on record as one (their own export's history shows it).
    for manager in gained_managers:
        details = {"manager": manager.email, "merged": source.name}
        audit.record(actor, "team.add_manager", audit.team(into), now, details)
    Team.delete().where(Team.id == source.id).execute()
    return moved


def _lock_members_counters(team_id: int) -> None:
    """Take the counters' row lock of everyone in the team, in one order. Writes to a person
    are serialised on it (UserStats.locked): a share or reach reading in flight commits first
    and is moved with the rest; one that starts later waits and then reads the new team.
    SQLite's writers already hold the whole database."""
    if backend_name() != "postgresql":
        return
    p = database.param
    database.execute_sql(
        "SELECT user_id FROM user_stats WHERE user_id IN "
        f'(SELECT id FROM "user" WHERE team_id = {p}) ORDER BY user_id FOR UPDATE',
        (team_id,),
    )


def move_person(user: User, team: Team | None, now: datetime) -> None:
    """Put a person in a team (or none); their period totals follow (the program's history
    keeps their past in the old team: rollups.py). No audit: callers record the change as
    part of their own."""
    team_id = held_team(team).id if team else None
    with rollups.tracked(user.id) as changes:
        User.update(team=team_id).where(User.id == user.id).execute()
        PeriodStats.update(team=team_id).where(PeriodStats.user == user.id).execute()
        rollups.moved(changes, user.id, team_id, now)
    user.team = team


def managed_team_ids(user: User) -> set[int]:
    rows = TeamManager.select(TeamManager.team).where(TeamManager.user == user.id)
    return {row.team_id for row in rows}


def managers_of(team: Team) -> list[User]:
    return list(
        User.select()
        .join(TeamManager, on=TeamManager.user == User.id)
        .where(TeamManager.team == team.id)
        .order_by(User.name_folded, User.id)  # names as a person sorts them (folding.sort_key)
    )


def add_manager(team: Team, manager: User, now: datetime, actor: User | None) -> None:
    if manager.role not in ("manager", "admin"):
        raise ApiError(
            422,
            f"{manager.name} is an employee: make them a manager first (on their page).",
            code="not_a_manager",
        )
    held_team(team)
    if TeamManager.get_or_none(team=team.id, user=manager.id):
        return
    TeamManager.create(team=team.id, user=manager.id)
    audit.record(actor, "team.add_manager", audit.team(team), now, {"manager": manager.email})


def manage_own_team(user: User, now: datetime, actor: User | None) -> None:
    """A manager invited, imported or moved into a team manages it (admins can undo that on
    the team page): a manager of no team would see an empty console."""
    if user.role == "manager" and user.team_id is not None:
        add_manager(Team.get_by_id(user.team_id), user, now, actor)


def remove_manager(team: Team, manager: User, now: datetime, actor: User | None) -> None:
    removed = (
        TeamManager.delete()
        .where((TeamManager.team == team.id) & (TeamManager.user == manager.id))
        .execute()
    )
    if removed:
        audit.record(
            actor, "team.remove_manager", audit.team(team), now, {"manager": manager.email}
        )


def by_name(teams) -> list[Team]:
    """Teams by name as a person sorts them (folding.sort_key): a few rows, sorted here
    rather than by each database's own collation, so every back end lists them alike."""
    return sorted(teams, key=lambda team: (sort_key(team.name), team.id))


def all_teams() -> list[Team]:
    return by_name(Team.select())


def team_sizes() -> dict[int, int]:
    """People per team (deleted people aside)."""
    rows = (
        User.select(User.team, fn.COUNT(User.id))
        .where(User.team.is_null(False) & User.erased_at.is_null())
        .group_by(User.team)
        .tuples()
    )
    return dict(rows)

"""What the signed-in console user may see and act on: admins everything, managers the
people of the teams they manage. Every view that touches a person or team goes through
these, so the check is on the server for every route."""

from __future__ import annotations

from flask import abort, g

from ..models import Team, User
from ..people import get_person
from ..teams import by_name, managed_team_ids, team_by_id


def is_admin() -> bool:
    return g.console_user.role == "admin"


def team_ids() -> set[int] | None:
    """The team ids the user may act on, or None for all (admins)."""
    if is_admin():
        return None
    if "console_team_ids" not in g:
        g.console_team_ids = managed_team_ids(g.console_user)
    return g.console_team_ids


def may_act_on(person: User) -> bool:
    allowed = team_ids()
    return allowed is None or (person.team_id is not None and person.team_id in allowed)


def may_change(person: User) -> bool:
    """Whether the user may change the person's account (details, access, connect links):
    admins anyone; managers the employees of their teams, and themselves. A manager who got
    an admin's or another manager's connect link would hold their API token, and with it
    their role."""
    if is_admin():
        return True
    mine = person.id == g.console_user.id
    return may_act_on(person) and (person.role == "employee" or mine)


def person_in_scope(person_id: int) -> User:
    """The person, if the user may act on them: 404 if there is none, 403 if not theirs."""
    person = get_person(person_id)
    if not may_act_on(person):
        abort(403, "You can only see and change people in the teams you manage.")
    return person


def person_to_change(person_id: int) -> User:
    """The person, if the user may change their account (`may_change`): 404 or 403 otherwise."""
    person = person_in_scope(person_id)
    if not may_change(person):
        abort(403, f"Only admins can change {person.role}s' accounts or issue their links.")
    return person


def team_in_scope(team_id: int) -> Team:
    team = team_by_id(team_id)
    allowed = team_ids()
    if allowed is not None and team.id not in allowed:
        abort(403, "You can only open the teams you manage.")
    return team


def teams_for_forms() -> list[Team]:
    """Teams the user may put people in, by name as a person sorts them."""
    query = Team.select()
    allowed = team_ids()
    if allowed is not None:
        query = query.where(Team.id.in_(list(allowed) or [0]))
    return by_name(query)

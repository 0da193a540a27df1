"""The checks of one row of a people import against the database as read (imports.plan):
what makes it a problem row, and what a manager's import may not change."""

from __future__ import annotations

from .accounts import EMAIL, RESERVED_DOMAIN, reserved_domain
from .models import ROLES
from .teams import MAX_NAME, RESERVED_NAMES, team_key


def check_row(row, seen, teams, person, actor, scope_team_ids) -> None:
    if not row.email or not EMAIL.match(row.email) or len(row.email) > 254:
        row.problems.append(f"“{row.email[:80]}” is not an email address")
    elif reserved_domain(row.email):
        row.problems.append(f"“{row.email[:80]}” {RESERVED_DOMAIN}")
    elif row.email in seen:
        row.problems.append(f"duplicate of line {seen[row.email]}")
    else:
        seen[row.email] = row.line
    if not row.name and person is None:
        row.problems.append("name is missing")
    if len(row.name) > 120:
        row.problems.append("name is over 120 characters")
    if row.role and row.role not in ROLES:
        row.problems.append(f"unknown role “{row.role[:30]}” (use employee, manager or admin)")
    if len(row.team) > MAX_NAME:
        row.problems.append(f"team name is over {MAX_NAME} characters")
    elif team_key(row.team) not in teams and team_key(row.team) in RESERVED_NAMES:
        meaning = RESERVED_NAMES[team_key(row.team)]
        row.problems.append(
            f"“{row.team}” cannot be a team's name (the console uses it for {meaning}): "
            "leave the cell empty for no team"
        )
    if person is not None and person.id == actor.id and row.role and row.role != actor.role:
        row.problems.append("you cannot change your own role")
    if scope_team_ids is not None:  # a manager: only their own teams, only employees
        team = teams.get(team_key(row.team))
        if (team is None or team.id not in scope_team_ids) and (person is None or row.team):
            verb = "invite" if person is None else "move"  # no team given: a person stays put
            row.problems.append(f"you can only {verb} people into the teams you manage")
        if row.role and row.role != "employee":
            row.problems.append("only admins can set roles")
        if person is not None and person.team_id not in scope_team_ids:
            row.problems.append("this person is in a team you do not manage")


def managers_change_employees_only(row, person, actor, scope_team_ids) -> None:
    """A manager's import changes employees only (and the manager), as the console's person
    page does: an admin or another manager stays as they are."""
    if scope_team_ids is None or row.action != "update" or person.id == actor.id:
        return
    if person.role != "employee":
        row.problems.append("this person is a manager or an admin: only admins can change them")
        row.action, row.changes = "skip", {}

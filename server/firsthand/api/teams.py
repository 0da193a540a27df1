"""GET /teams: the teams a story may be posted for, so a script posting stories
(`POST /stories` with `team_ids`) can find their ids without the console."""

from __future__ import annotations

from flask import g

from ..models import Team
from ..stories import MANAGING_ROLES
from ..teams import by_name, managed_team_ids
from .contract import ApiBlueprint

bp = ApiBlueprint("teams", __name__)


@bp.operation(
    "GET",
    "/teams",
    summary="The teams the caller may post stories for (admins: all; managers: theirs)",
    responses={200: "teams.response"},
    role=MANAGING_ROLES,
)
def listing():
    """Ids and names, by name as a person sorts them (folding.sort_key, the same on every
    database): every team for an admin, the teams they manage for a manager."""
    query = Team.select(Team.id, Team.name)
    if g.user.role != "admin":
        query = query.where(Team.id.in_(sorted(managed_team_ids(g.user)) or [0]))
    return {"data": [{"id": team.id, "name": team.name} for team in by_name(query)]}

"""The console's front page: the program at a glance and the next things to do."""

from __future__ import annotations

from datetime import datetime

from flask import render_template

from ..analytics import status_counts
from ..models import Team
from ..people import ACTIVE_DAYS, SETTLING_DAYS, STATUSES
from ..stories import live_filter
from ..stories_models import Story, StoryTeam
from ..teams import by_name
from . import scope
from .security import area_blueprint
from .ui import now

bp = area_blueprint("console_home", "", nav="Overview", order=10)


def live_story_count(moment: datetime, team_ids: set[int] | None) -> int:
    """How many stories are live for everyone or for one of `team_ids` (None: any story)."""
    query = Story.select().where(live_filter(moment))
    if team_ids is not None:
        theirs = StoryTeam.select(StoryTeam.story).where(
            StoryTeam.team.in_(sorted(team_ids) or [0])
        )
        query = query.where(Story.everyone | Story.id.in_(theirs))
    return query.count()


@bp.get("/")
def index():
    moment, team_ids = now(), scope.team_ids()
    counts = status_counts(moment, team_ids)
    # A manager's figures are their teams', not the program's: the page names those teams.
    teams = None
    if team_ids is not None:
        theirs = Team.select().where(Team.id.in_(sorted(team_ids) or [0]))
        teams = [team.name for team in by_name(theirs)]
    return render_template(
        "console/home.html",
        counts=counts,
        statuses=STATUSES,
        active_days=ACTIVE_DAYS,
        settling_days=SETTLING_DAYS,
        teams=teams,
        live_stories=live_story_count(moment, team_ids),
    )

"""The console's front page: the program at a glance and the next things to do."""

from __future__ import annotations

from flask import render_template

from ..analytics import status_counts
from ..people import STATUSES
from . import scope
from .security import area_blueprint
from .ui import now

bp = area_blueprint("console_home", "", nav="Overview", order=10)


@bp.get("/")
def index():
    counts = status_counts(now(), scope.team_ids())
    return render_template("console/home.html", counts=counts, statuses=STATUSES)

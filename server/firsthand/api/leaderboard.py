from flask import Blueprint, g, request

from ..auth import login_required
from ..errors import ApiError
from ..leaderboard import standings
from .helpers import now

bp = Blueprint("leaderboard", __name__)

PERIODS = ("week", "month", "all")
SCOPES = ("team", "company")


@bp.get("/leaderboard")
@login_required
def leaderboard():
    """Rank colleagues by points this ISO week, this month or ever; the caller's own rank too."""
    period = request.args.get("period", "week")
    scope = request.args.get("scope", "company")
    if period not in PERIODS:
        raise ApiError(400, f"period must be one of {', '.join(PERIODS)}.")
    if scope not in SCOPES:
        raise ApiError(400, f"scope must be one of {', '.join(SCOPES)}.")
    raw = request.args.get("limit", "10")
    if not raw.isdigit() or not 1 <= int(raw) <= 100:
        raise ApiError(400, "limit must be a whole number from 1 to 100.")
    return standings(g.user, period, scope, int(raw), now())

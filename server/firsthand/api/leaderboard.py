"""GET /leaderboard: ranked colleagues and the caller's own rank."""

from flask import g

from ..leaderboard import SCOPES, standings
from ..ledger import PERIODS
from .contract import ApiBlueprint
from .helpers import now
from .params import choice, whole_number

bp = ApiBlueprint("leaderboard", __name__)


@bp.operation(
    "GET",
    "/leaderboard",
    summary="Ranked colleagues for a period and scope, and the caller's rank",
    params=[
        choice("period", PERIODS, "week", "This ISO week, this calendar month (UTC) or ever."),
        choice("scope", SCOPES, "company", "Everyone, or the caller's team."),
        whole_number("limit", 10, 1, 100, "How many of the top entries."),
    ],
    responses={200: "leaderboard.response", 422: "error"},
    descriptions={422: "A team board for a caller who is in no team"},
)
def leaderboard(period: str, scope: str, limit: int):
    """Rank colleagues by points this ISO week, this month or ever; the caller's own rank too."""
    return standings(g.user, period, scope, limit, now())

"""GET/PUT /me/potential-reach: the connection or follower counts the caller chose to enter."""

from flask import g

from ..limits import readings_limit
from ..potential_reach import potential_json, save
from .contract import ApiBlueprint
from .helpers import now

bp = ApiBlueprint("potential_reach", __name__)


@bp.operation(
    "GET",
    "/me/potential-reach",
    summary="The caller's entered connection/follower counts (potential reach, not reach)",
    responses={200: "potential-reach"},
)
def show():
    """What the caller entered per network (null: not entered)."""
    return potential_json(g.user)


@bp.operation(
    "PUT",
    "/me/potential-reach",
    summary="Enter or remove connection/follower counts per network (optional)",
    body="potential-reach.request",
    responses={200: "potential-reach"},
    descriptions={200: "Kept: every network with what is now entered"},
    limit=readings_limit,
)
def change(body: dict):
    """Set the networks named (null removes one); kept apart from impressions and clicks."""
    save(g.user, body["networks"], now())
    return potential_json(g.user)

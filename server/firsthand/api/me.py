"""GET/PATCH /me, GET /me/badges: the caller's standing and settings."""

from flask import g

from ..badges import badges_in_progress, earned_badges, revoked_badge_ids
from ..leaderboard import set_opt_out
from ..limits import writes_limit
from ..models import UserStats
from .contract import ApiBlueprint
from .helpers import now, rulebook

bp = ApiBlueprint("me", __name__)


@bp.operation(
    "GET",
    "/me",
    summary="The caller's points, level, streak and badges",
    responses={200: "me.response"},
)
def profile():
    """Return the caller, their points, level, streak and earned badges."""
    return _profile()


def _profile() -> dict:
    stats = UserStats.get_by_id(g.user.id)
    return {
        "user": g.user.to_json(),
        "points": stats.points,
        "level": rulebook().level(stats.points),
        "streak_weeks": stats.current_streak(now().date()),
        "shares": stats.shares,
        "badges": earned_badges(rulebook(), g.user.id),
        "leaderboard_opt_out": g.user.leaderboard_opt_out,
    }


@bp.operation(
    "PATCH",
    "/me",
    summary="Change the caller's settings (leaderboard opt-out)",
    body="me-update.request",
    responses={200: "me.response"},
    limit=writes_limit,
)
def update(body: dict):
    """Change the caller's own settings (leaderboard opt-out)."""
    if "leaderboard_opt_out" in body:
        set_opt_out(g.user, body["leaderboard_opt_out"])
    return _profile()


@bp.operation(
    "GET",
    "/me/badges",
    summary="Earned badges and progress towards the others",
    responses={200: "me-badges.response"},
)
def badges():
    """Return earned badges and progress towards the rest."""
    book = rulebook()
    earned = earned_badges(book, g.user.id)
    stats = UserStats.get_by_id(g.user.id)
    # A revoked badge is held as far as awarding goes (it is never awarded again): not shown
    # as in progress either, at 1 of 1 for ever.
    held = {b["id"] for b in earned} | revoked_badge_ids(g.user.id)
    return {"earned": earned, "in_progress": badges_in_progress(book, stats, held, now().date())}

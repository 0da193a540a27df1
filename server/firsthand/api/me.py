from flask import Blueprint, g

from ..auth import login_required
from ..db import write_transaction
from ..leaderboard import set_opt_out
from ..limits import limiter, writes_limit
from ..models import UserBadge, UserStats
from ..openbadges import add_to_linkedin_url, assertion_url
from ..sharing import metric_value
from ..validation import json_body
from .helpers import badge_json, now, rulebook

bp = Blueprint("me", __name__)


def earned_badges(user_id: int) -> list[dict]:
    """Earned badges (not revoked), each with its public assertion and a LinkedIn add link."""
    book = rulebook()
    rows = (
        UserBadge.select()
        .where((UserBadge.user == user_id) & UserBadge.revoked_at.is_null())
        .order_by(UserBadge.earned_at)
    )
    return [
        {
            **badge_json(book.badge(r.badge_id), r.earned_at),
            "assertion_url": assertion_url(r.uid),
            "add_to_linkedin_url": add_to_linkedin_url(r, book.badge(r.badge_id)),
        }
        for r in rows
        if book.badge(r.badge_id)
    ]


@bp.get("/me")
@login_required
def profile():
    """Return the caller, their points, level, streak and earned badges."""
    stats = UserStats.get_by_id(g.user.id)
    return {
        "user": g.user.to_json(),
        "points": stats.points,
        "level": rulebook().level(stats.points),
        "streak_weeks": stats.current_streak(now().date()),
        "shares": stats.shares,
        "badges": earned_badges(g.user.id),
        "leaderboard_opt_out": g.user.leaderboard_opt_out,
    }


@bp.patch("/me")
@login_required
@limiter.limit(writes_limit)
def update():
    """Change the caller's own settings (leaderboard opt-out)."""
    body = json_body("me-update.request")
    if "leaderboard_opt_out" in body:
        with write_transaction():
            set_opt_out(g.user, body["leaderboard_opt_out"])
    return profile()


@bp.get("/me/badges")
@login_required
def badges():
    """Return earned badges and progress towards the rest."""
    stats = UserStats.get_by_id(g.user.id)
    earned = earned_badges(g.user.id)
    held = {b["id"] for b in earned}
    today = now().date()
    in_progress = [
        {
            **badge_json(badge),
            "progress": {
                "current": min(metric_value(stats, badge["metric"], today), badge["target"]),
                "target": badge["target"],
            },
        }
        for badge in rulebook().badges
        if badge["id"] not in held
    ]
    return {"earned": earned, "in_progress": in_progress}

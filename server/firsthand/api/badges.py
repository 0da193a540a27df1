from flask import Blueprint

from ..auth import login_required
from .helpers import badge_json, rulebook

bp = Blueprint("badges", __name__)


@bp.get("/badges")
@login_required
def catalogue():
    """List every badge that can be earned, with its target."""
    return {
        "badges": [{**badge_json(badge), "target": badge["target"]} for badge in rulebook().badges]
    }

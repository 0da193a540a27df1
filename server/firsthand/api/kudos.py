from flask import Blueprint, g
from peewee import JOIN

from ..auth import login_required
from ..kudos import give_kudos, kudos_json
from ..limits import limiter, writes_limit
from ..models import Kudos, Team, User
from ..validation import json_body
from .helpers import badge_json, now, page, page_args, rulebook

bp = Blueprint("kudos", __name__)


@bp.post("/kudos")
@login_required
@limiter.limit(writes_limit)
def create():
    """Thank a colleague (for a post of theirs, optionally)."""
    body = json_body("kudos-create.request")
    result = give_kudos(
        g.user, body["to_user_id"], body["message"], body.get("share_id"), rulebook(), now()
    )
    book = rulebook()
    return {
        "kudos": kudos_json(result.kudos),
        "receiver_new_badges": [
            badge_json(book.badge(b.badge_id), b.earned_at) for b in result.new_badges
        ],
    }, 201


@bp.get("/me/kudos")
@login_required
def received():
    """The kudos the caller received, newest first."""
    limit, offset = page_args()
    mine = (
        Kudos.select(Kudos, User, Team)
        .join(User, on=Kudos.giver)
        .join(Team, join_type=JOIN.LEFT_OUTER, on=User.team == Team.id)
        .where(Kudos.receiver == g.user.id)
    )
    rows = mine.order_by(Kudos.created_at.desc(), Kudos.id.desc()).limit(limit).offset(offset)
    return page([kudos_json(k) for k in rows], offset, limit, mine.count())

from flask import Blueprint, g

from ..accounts import create_user
from ..auth import connect_link, login_required, require_role
from ..limits import limiter, writes_limit
from ..validation import json_body
from .helpers import now

bp = Blueprint("users", __name__)


@bp.post("/users")
@login_required
@limiter.limit(writes_limit)
@require_role("admin")
def create():
    """Invite an employee (admins only): returns their connect link."""
    body = json_body("user-create.request")
    user = create_user(
        body["email"],
        body["name"],
        now(),
        body.get("team"),
        body.get("role", "employee"),
        actor=g.user,
    )
    return {"user": user.to_json(), "connect_link": connect_link(user)}, 201

"""POST /users: admins invite employees."""

from flask import g

from ..accounts import create_user
from ..auth import connect_link
from ..limits import writes_limit
from .contract import ApiBlueprint
from .helpers import now

bp = ApiBlueprint("users", __name__)


@bp.operation(
    "POST",
    "/users",
    summary="Invite an employee (admins)",
    body="user-create.request",
    responses={201: "user-create.response", 409: "error"},
    descriptions={409: "A user with this email already exists"},
    role="admin",
    limit=writes_limit,
)
def create(body: dict):
    """Invite an employee (admins only): returns their connect link."""
    user = create_user(
        body["email"],
        body["name"],
        now(),
        body.get("team"),
        body.get("role", "employee"),
        actor=g.user,
    )
    return {"user": user.to_json(), "connect_link": connect_link(user)}, 201

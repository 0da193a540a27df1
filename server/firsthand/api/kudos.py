"""POST /kudos, GET /me/kudos: thanking colleagues."""

from flask import g

from ..badges import new_badges_json
from ..kudos import give_kudos, kudos_json, kudos_received
from ..limits import writes_limit
from .contract import ApiBlueprint
from .helpers import now, page, rulebook
from .params import page_params

bp = ApiBlueprint("kudos", __name__)


@bp.operation(
    "POST",
    "/kudos",
    summary="Thank a colleague for a post",
    body="kudos-create.request",
    responses={201: "kudos-create.response", 200: "kudos-create.response", 404: "error"},
    descriptions={
        200: "The same thanks again within 24 hours: the first kudos, nothing written",
        404: "No such colleague, or the share is not one of theirs",
    },
    limit=writes_limit,
)
def create(body: dict):
    """Thank a colleague (for a post of theirs, optionally)."""
    book = rulebook()
    result = give_kudos(
        g.user, body["to_user_id"], body["message"], body.get("share_id"), book, now()
    )
    return {
        "kudos": kudos_json(result.kudos, preview=False),
        "receiver_new_badges": new_badges_json(book, result.new_badges),
        "duplicate": result.repeated,
    }, 200 if result.repeated else 201


@bp.operation(
    "GET",
    "/me/kudos",
    summary="Kudos the caller received, newest first",
    params=page_params(),
    responses={200: "kudos-page.response"},
)
def received(limit: int, offset: int, cursor):
    """The kudos the caller received, newest first."""
    rows, total, next_cursor = kudos_received(g.user, limit, offset, cursor)
    return page([kudos_json(k) for k in rows], offset, limit, total, next_cursor)

"""The employee's own data: download all of it, or delete the account."""

from flask import Blueprint, g

from ..auth import login_required
from ..errors import ApiError
from ..limits import limiter, writes_limit
from ..privacy import erase_person, export_person
from ..validation import json_body
from .helpers import now, rulebook

bp = Blueprint("my_data", __name__)


@bp.get("/me/export")
@login_required
def export():
    """Everything Firsthand holds about the caller, as one JSON document."""
    return export_person(g.user, rulebook(), now())


@bp.delete("/me")
@login_required
@limiter.limit(writes_limit)
def delete():
    """Delete the caller's account and data; the body repeats their email to confirm."""
    body = json_body("me-delete.request")
    if body["confirm_email"].strip().lower() != g.user.email:
        raise ApiError(
            422,
            "To confirm, send the email address of this account as confirm_email.",
            code="confirmation_mismatch",
            details=[{"field": "confirm_email", "message": "is not this account's email"}],
        )
    erased = erase_person(g.user, now(), None, by_themselves=True)
    return {
        "deleted": True,
        "removed": {
            "shares": erased.shares,
            "points_ledger_entries": erased.ledger_entries,
            "badges_revoked": erased.badges_revoked,
            "kudos_received": erased.kudos_received,
        },
    }

"""The employee's own data: download all of it, or delete the account."""

from flask import g

from ..accounts import confirms_address
from ..errors import invalid
from ..limits import writes_limit
from ..privacy import erase_person, export_person
from .contract import ApiBlueprint
from .helpers import now, rulebook

bp = ApiBlueprint("my_data", __name__)


@bp.operation(
    "GET",
    "/me/export",
    summary="Everything Firsthand holds about the caller (download all my data)",
    responses={200: "me-export.response"},
)
def export():
    """Everything Firsthand holds about the caller, as one JSON document."""
    return export_person(g.user, rulebook(), now())


@bp.operation(
    "DELETE",
    "/me",
    summary="Delete the caller's account and data (confirm with the account's email)",
    body="me-delete.request",
    responses={200: "me-delete.response"},
    descriptions={422: "The body breaks the contract, or confirm_email is not this account's"},
    limit=writes_limit,
)
def delete(body: dict):
    """Delete the caller's account and data; the body repeats their email to confirm."""
    if not confirms_address(body["confirm_email"], g.user.email):
        message = "To confirm, send the email address of this account as confirm_email."
        reason = "is not this account's email"
        raise invalid("confirm_email", reason, message, code="confirmation_mismatch")
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

"""Revoking an earned badge: its public assertion then answers 410 with the reason."""

from __future__ import annotations

from datetime import datetime

from . import audit
from .db import write_transaction
from .errors import ApiError
from .input_guard import tidy_line
from .models import User, UserBadge

MAX_REASON = 200


def revoke_badge(row: UserBadge, reason: str, now: datetime, actor: User | None) -> None:
    """Revoke one earned badge (shown to anyone who checks it); audited."""
    reason = tidy_line(reason)
    if not reason:
        raise ApiError(
            422,
            "Say why the badge is revoked: anyone who checks it will read the reason.",
            details=[{"field": "reason", "message": "is empty"}],
        )
    if len(reason) > MAX_REASON:
        raise ApiError(
            422,
            f"Keep the reason to {MAX_REASON} characters.",
            details=[{"field": "reason", "message": f"must be at most {MAX_REASON} characters"}],
        )
    with write_transaction():
        changed = (
            UserBadge.update(revoked_at=now, revoked_reason=reason)
            .where((UserBadge.id == row.id) & UserBadge.revoked_at.is_null())
            .execute()
        )
        if not changed:
            raise ApiError(409, "That badge is already revoked.", code="already_revoked")
        # Recorded against the holder, so it shows in their history and is anonymised with
        # the rest of it if they are erased.
        holder = User.get_by_id(row.user_id)
        details = {"badge": row.badge_id, "reason": reason}
        audit.record(actor, "badge.revoke", audit.person(holder), now, details)

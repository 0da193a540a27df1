"""Why a logged share earned 0 points, for the employee's own list of shares.

The ledger names the rule (scoring.py's stale_post or daily_cap); a stale post is told apart
by its post id's date: before the employee joined, or past the rules' age limit.
"""

from __future__ import annotations

from collections.abc import Iterable

from .canonical import id_posted_at
from .models import PointsEntry, Share, User
from .scoring import DAILY_CAP_RULE, STALE_RULE


def zero_reasons(user: User, shares: Iterable[Share]) -> dict[int, str]:
    """Share id -> before_joining, too_old or daily_cap, for the shares that earned 0 under
    one of those rules (one query for the page); shares with points are left out."""
    zero = {s.id: s for s in shares if s.points == 0}
    if not zero:
        return {}
    entries = PointsEntry.select(PointsEntry.share, PointsEntry.rule).where(
        PointsEntry.share.in_(list(zero)), PointsEntry.rule.in_([STALE_RULE, DAILY_CAP_RULE])
    )
    reasons: dict[int, str] = {}
    for entry in entries:
        share = zero[entry.share_id]
        reasons[share.id] = stale_reason(share, user) if entry.rule == STALE_RULE else "daily_cap"
    return reasons


def stale_reason(share: Share, user: User) -> str:
    """before_joining when the post id dates it before the user joined, else too_old."""
    dated = id_posted_at(share.canonical_url)
    return "before_joining" if dated is not None and dated[1] < user.created_at else "too_old"

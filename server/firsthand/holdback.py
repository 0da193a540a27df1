"""The one-tap question "what holds you back?", asked once, after 30 days without a share.

Only people who connected at least 30 days ago and have not shared since are asked; one
answer each, ever (a second answer changes nothing). The console shows only the totals.
"""

from __future__ import annotations

from datetime import datetime

from peewee import IntegrityError

from .analytics import HOLD_BACK
from .db import write_transaction
from .errors import ApiError, invalid, say
from .models import Share, User, UserStats
from .people import active_since, settled_by
from .reach_models import HoldBackAnswer


def should_ask(user: User, now: datetime) -> bool:
    """Whether they are quiet as the console counts them (people.py): connected for
    SETTLING_DAYS and no share in the last ACTIVE_DAYS, so the answers explain that group."""
    if user.connected_at is None or user.connected_at > settled_by(now):
        return False
    if HoldBackAnswer.get_or_none(HoldBackAnswer.user == user.id) is not None:
        return False
    since = active_since(now)
    recent = Share.select().where(
        (Share.user == user.id) & Share.deleted_at.is_null() & (Share.logged_at >= since)
    )
    return not recent.exists()


def answer(user: User, code: str, now: datetime) -> tuple[HoldBackAnswer, bool]:
    """Keep the person's answer once; answers (row, created)."""
    if code not in HOLD_BACK:
        raise invalid("answer", f"must be one of {', '.join(HOLD_BACK)}")
    existing = HoldBackAnswer.get_or_none(HoldBackAnswer.user == user.id)
    if existing is not None:
        return existing, False
    if not should_ask(user, now):
        raise ApiError(409, say("error.question.not_for_you"))
    try:
        with write_transaction():
            UserStats.locked(user.id)  # serialises this person's writes, none once erased
            return HoldBackAnswer.create(user=user.id, answer=code, answered_at=now), True
    except IntegrityError:  # answered twice at once: the first one stands
        return HoldBackAnswer.get(HoldBackAnswer.user == user.id), False

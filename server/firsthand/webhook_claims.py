"""Posting to a chat channel once: a (thing, destination) row claimed in the database before
its message is posted, marked "sent" once the receiver accepted it, "failed" when it did not
(a later run retries it); webhook_post says which. Used by the weekly summary (one row per
week and channel) and the story announcements (one per story and channel)."""

from __future__ import annotations

from datetime import datetime, timedelta

from peewee import IntegrityError, Model

from .db import database, write_transaction
from .webhook_post import post_json as post_json  # the posting itself, with its deadline

STALE_CLAIM = timedelta(minutes=10)  # a "sending" claim older than this was a crashed run


def claim(model: type[Model], key: dict, now: datetime) -> str:
    """Take the row `key` (its unique columns) for this run: 'claimed', or the state that
    stops us ('sent', or 'sending' while another run posts it)."""
    match = [getattr(model, name) == value for name, value in key.items()]
    with write_transaction():
        try:
            with database.atomic():  # a savepoint: a lost race leaves the transaction usable
                model.create(**key, state="sending", claimed_at=now, attempts=1)
            return "claimed"
        except IntegrityError:
            pass
        retaken = (
            model.update(state="sending", claimed_at=now, attempts=model.attempts + 1)
            .where(
                *match,
                (model.state == "failed")
                | ((model.state == "sending") & (model.claimed_at < now - STALE_CLAIM)),
            )
            .execute()
        )
        return "claimed" if retaken else model.get(*match).state


def finish(model: type[Model], key: dict, now: datetime, error: str | None) -> None:
    """Mark a claimed row sent, or failed with what went wrong."""
    with write_transaction():
        model.update(
            state="failed" if error else "sent",
            sent_at=None if error else now,
            last_error=error[:400] if error else None,
        ).where(
            *[getattr(model, name) == value for name, value in key.items()],
            model.state == "sending",
        ).execute()

"""When a person stops being "connected": a browser of theirs held a token that worked, and
none does any more. Revoking their tokens ends it at once (accounts.revoke_tokens, in the
revoke's transaction); their newest token growing older than the token lifetime
(TOKEN_MAX_AGE_DAYS) ends it at the next expiry pass: `expire_connections`, which the console
runs at most every EXPIRY_INTERVAL when it is used and `firsthand expire-connections` runs on
demand (cron). People no longer connected show as "Invited" in the console, and count as not
connected in every figure, until a browser of theirs uses a working token again
(auth.login_required marks them connected)."""

from __future__ import annotations

from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext
from peewee import DatabaseError

from . import rollups
from .db import write_transaction
from .models import User

EXPIRY_INTERVAL = timedelta(minutes=5)
_LAST_PASS = "firsthand.connections_expired_at"


def disconnect(user_id: int, now: datetime, *, signed_before: datetime | None = None) -> bool:
    """End the person's connection (when their newest token was signed before
    `signed_before`, if given), rollups moved with it; whether it ended. Use inside a write
    transaction."""
    with rollups.tracked(user_id) as changes:
        which = (User.id == user_id) & User.connected_at.is_null(False)
        if signed_before is not None:
            which &= User.token_signed_at < signed_before
        ended = User.update(connected_at=None).where(which).execute()
        if ended:
            rollups.disconnected(changes, user_id, now)
    return bool(ended)


def expire_connections(now: datetime) -> int:
    """End the connection of everyone whose newest token has expired; how many there were.
    Each person is their own short write (a pass never holds the write lock for long)."""
    cutoff = now - timedelta(days=current_app.config["TOKEN_MAX_AGE_DAYS"])
    expired = (
        User.select(User.id)
        .where(User.connected_at.is_null(False) & (User.token_signed_at < cutoff))
        .tuples()
    )
    ended = 0
    for (user_id,) in list(expired):
        with write_transaction():
            ended += disconnect(user_id, now, signed_before=cutoff)  # re-checked under the lock
    return ended


def expire_if_due(now: datetime) -> None:
    """Run the expiry pass when this process has not run one in the last EXPIRY_INTERVAL
    (the console calls this on its requests: a page load costs one pass every few minutes)."""
    last = current_app.extensions.get(_LAST_PASS)
    if last is not None and last <= now < last + EXPIRY_INTERVAL:
        return
    current_app.extensions[_LAST_PASS] = now
    try:
        expire_connections(now)
    except DatabaseError:  # housekeeping: the page still opens; the next pass tries again
        current_app.logger.warning("expiring connections failed", exc_info=True)


@click.command("expire-connections")
@with_appcontext
def expire_connections_command() -> None:
    """Mark people whose newest token has expired as no longer connected."""
    ended = expire_connections(current_app.config["CLOCK"]())
    click.echo(f"{ended} connection(s) ended: their newest token had expired.")

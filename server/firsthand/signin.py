"""Console sign-in without passwords: short-lived, single-use links.

Only a SHA-256 of each link's secret is stored, so a copy of the database signs no one in.
Who may sign in: admins and managers who are neither deactivated nor deleted.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app

from . import audit
from .admin_models import SignInLink
from .db import write_transaction
from .errors import ApiError
from .models import User

CONSOLE_ROLES = ("admin", "manager")


def may_use_console(user: User | None) -> bool:
    return bool(
        user
        and user.role in CONSOLE_ROLES
        and user.deactivated_at is None
        and user.erased_at is None
    )


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_sign_in_link(user: User, now: datetime, actor: User | None = None) -> str:
    """A one-time console sign-in link for an admin or manager; 403 for anyone else."""
    if not may_use_console(user):
        raise ApiError(
            403,
            f"{user.email} cannot use the console: only active admins and managers can.",
            code="not_console_user",
        )
    secret = secrets.token_urlsafe(32)
    minutes = current_app.config["CONSOLE_LINK_MINUTES"]
    with write_transaction():
        SignInLink.create(
            user=user.id,
            secret_hash=_hash(secret),
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
        audit.record(actor, "console.sign_in_link", audit.person(user), now)
    return f"{current_app.config['PUBLIC_URL']}/console/sign-in/{secret}"


def peek(secret: str, now: datetime) -> User:
    """The user a link would sign in, without using it (the confirmation page)."""
    return _usable(secret, now).user


def redeem(secret: str, now: datetime) -> SignInLink:
    """Use a link once: the first caller gets it (with its user), every later one a 400. The
    console session it begins is known by the link's id (`session_open`, `end_session`)."""
    with write_transaction():
        link = _usable(secret, now)
        used = (
            SignInLink.update(used_at=now)
            .where((SignInLink.id == link.id) & SignInLink.used_at.is_null())
            .execute()
        )
        if not used:
            raise _used()
        audit.record(link.user, "console.sign_in", audit.person(link.user), now)
    return link


def session_open(link_id: object, user_id: object) -> bool:
    """Whether the console session begun by sign-in link `link_id` is still open: the link
    is this user's, still kept (erasure deletes them), and not signed out."""
    if not isinstance(link_id, int) or not isinstance(user_id, int):
        return False  # a session from before sessions named their link: sign in again
    return (
        SignInLink.select()
        .where(
            (SignInLink.id == link_id)
            & (SignInLink.user == user_id)
            & SignInLink.signed_out_at.is_null()
        )
        .exists()
    )


def end_session(link_id: object, now: datetime, signed_out_by: User | None = None) -> None:
    """Sign out the console session begun by link `link_id` (again: nothing more happens).

    `signed_out_by`: the person whose open session this is pressed "Sign out"; the audit log
    keeps it, as it keeps their sign-in, in the same transaction. A session that lapsed (idle,
    too old, revoked) ends without an entry: nobody did anything."""
    if isinstance(link_id, int):
        with write_transaction():
            ended = (
                SignInLink.update(signed_out_at=now)
                .where((SignInLink.id == link_id) & SignInLink.signed_out_at.is_null())
                .execute()
            )
            if ended and signed_out_by is not None:
                target = audit.person(signed_out_by)
                audit.record(signed_out_by, "console.sign_out", target, now)


def end_console_access(user_id: int, now: datetime) -> None:
    """End every console session of the person and spend their unused sign-in links, in the
    caller's transaction: when they are deactivated or given a role without the console
    (people.py, an import). Reactivated or made a manager again, they sign in afresh: their
    old session, and a link issued before (one still in a mailbox), had come back to life."""
    mine = SignInLink.user == user_id
    SignInLink.update(signed_out_at=now).where(
        mine & SignInLink.used_at.is_null(False) & SignInLink.signed_out_at.is_null()
    ).execute()
    SignInLink.delete().where(mine & SignInLink.used_at.is_null()).execute()


def _usable(secret: str, now: datetime) -> SignInLink:
    link = (
        SignInLink.select(SignInLink, User)
        .join(User)
        .where(SignInLink.secret_hash == _hash(secret or ""))
        .first()
    )
    if link is None:
        raise ApiError(
            400,
            "This sign-in link is not valid (it may be cut short). Ask for a new one.",
            code="link_invalid",
        )
    if link.used_at is not None:
        raise _used()
    if link.expires_at < now:
        raise ApiError(
            400, "This sign-in link has expired. Ask for a new one.", code="link_expired"
        )
    if not may_use_console(link.user):
        raise ApiError(403, "This account cannot use the console.", code="not_console_user")
    return link


def _used() -> ApiError:
    return ApiError(400, "This sign-in link was already used. Ask for a new one.", code="link_used")

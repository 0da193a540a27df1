"""Signed API tokens and connect links (itsdangerous), and the auth guard."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from datetime import UTC, datetime
from functools import lru_cache, wraps

from flask import current_app, g, request
from itsdangerous import (
    BadData,
    BadSignature,
    BadTimeSignature,
    SignatureExpired,
    URLSafeTimedSerializer,
)
from itsdangerous.encoding import base64_decode, base64_encode

from .db import write_transaction
from .errors import ApiError, PersonErased, say
from .models import User
from .statements import get_one

DAY = 24 * 3600
TOKEN_SALT = "firsthand-api-token"
INVITE_SALT = "firsthand-connect-invite"
RESULT_SALT = "firsthand-connect-result"
# What itsdangerous issues: payload (a leading "." when compressed), timestamp and signature,
# each URL-safe base64. Its decoder skips characters outside the alphabet, so without this
# the issued token with "é" or a zero-width space after it (or a "*" inside) still verified.
TOKEN_SHAPE = re.compile(r"\.?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+", re.A)


def _serializer(salt: str) -> URLSafeTimedSerializer:
    # A list of keys, oldest first: sign with the newest, accept any (rotation).
    keys = current_app.config["SECRET_KEYS"]
    return _serializer_for(tuple(keys) if isinstance(keys, list) else keys, salt)


@lru_cache(maxsize=16)
def _serializer_for(keys, salt: str) -> URLSafeTimedSerializer:
    # Built once per key set: making one probes its JSON module, on every request otherwise.
    return URLSafeTimedSerializer(list(keys) if isinstance(keys, tuple) else keys, salt=salt)


def issue_token(user: User) -> str:
    """Return an API token for the user's current token generation."""
    return _serializer(TOKEN_SALT).dumps({"uid": user.id, "gen": user.token_generation})


def issue_invite(user: User) -> str:
    """Return the signed part of a connect link; it works once (see `use_invite`)."""
    payload = {"uid": user.id, "gen": user.token_generation, "use": user.invites_used}
    return _serializer(INVITE_SALT).dumps(payload)


def use_invite(invite: str, max_age_days: int, now: datetime, browser: str = "") -> User:
    """Spend a connect link: return its user, or raise ApiError(401) saying why not.

    Each link carries the user's count of used links; spending one bumps the count in one
    conditional update, so of two tabs opening the same link at once only one gets a token
    (and the links issued before it stop working too). `browser`: the connect page's CSRF
    token, kept (hashed) with the spend: the same page pressing the link again (a double
    click, a resent POST whose answer was lost) is answered as its first press was.
    """
    user, used = _invite(invite, max_age_days)
    by = hashlib.sha256(browser.encode()).hexdigest() if browser else None
    spent = used != user.invites_used
    if not spent:
        with write_transaction():
            spent = not (
                User.update(invites_used=used + 1, invite_used_at=now, invite_spent_by=by)
                .where((User.id == user.id) & (User.invites_used == used))
                .execute()
            )
    if spent:
        user = User.get_by_id(user.id)
        again = by and user.invite_spent_by and hmac.compare_digest(by, user.invite_spent_by)
        if not (again and user.invites_used == used + 1):  # and no newer link spent since
            raise _used_invite(user.invite_used_at)
        return user
    user.invites_used, user.invite_used_at, user.invite_spent_by = used + 1, now, by
    return user


def peek_invite(invite: str, max_age_days: int) -> User:
    """The user a connect link would connect, without spending it (what a GET shows).

    Raises the same ApiError(401) as `use_invite` would, so a used link says so.
    """
    user, used = _invite(invite, max_age_days)
    if used != user.invites_used:
        raise _used_invite(user.invite_used_at)
    return user


def _invite(invite: str, max_age_days: int) -> tuple[User, int]:
    user = user_from_token(invite, salt=INVITE_SALT, max_age_days=max_age_days)
    return user, _serializer(INVITE_SALT).loads(invite).get("use", 0)


def _used_invite(used_at: datetime | None) -> ApiError:
    return ApiError(401, say("error.invite_used"), code="invite_used", details=used_at)


def sign_connect_result(outcome: dict) -> str:
    """What pressing "Connect this browser" did, signed, for the page shown after it (a cookie).

    A success names the user, their token generation and the link use it spent
    ({"uid", "gen", "use"}); a refusal names why ({"problem", "at"}).
    """
    return _serializer(RESULT_SALT).dumps(outcome)


def read_connect_result(signed: str, max_age_minutes: int) -> dict | None:
    """The outcome `sign_connect_result` signed, if it is at most `max_age_minutes` old."""
    if not as_issued(signed):
        return None
    try:
        outcome = _serializer(RESULT_SALT).loads(signed, max_age=max_age_minutes * 60)
    except BadSignature:  # SignatureExpired included
        return None
    except (ValueError, OverflowError, OSError):  # signed with a time past year 9999
        return None
    return outcome if isinstance(outcome, dict) else None


def connected_user(outcome: dict) -> User | None:
    """The user a successful outcome connected, while nothing has superseded it: their
    tokens not revoked, no later connect link spent, the account neither erased nor off."""
    uid = outcome.get("uid")
    user = get_one(User, '"id" = {p}', uid) if type(uid) is int and _storable(uid) else None
    if user is None or user.erased_at or user.deactivated_at is not None:
        return None
    if (outcome.get("gen"), outcome.get("use")) != (user.token_generation, user.invites_used):
        return None
    return user


def _storable(uid: int) -> bool:
    """Whether a signed id fits a 64-bit database integer, as every user id does: a larger one
    names no one and cannot even be asked about (SQLite's driver raises OverflowError)."""
    return -(2**63) <= uid < 2**63


def connect_link(user: User) -> str:
    """The one place connect links are issued (CLI, API, console, imports and emails)."""
    return f"{current_app.config['PUBLIC_URL']}/connect?invite={issue_invite(user)}"


@lru_cache(maxsize=4096)
def _verified(keys, salt: str, token: str) -> tuple[object, int]:
    """The payload of a token whose signature checks, and when it was signed (unix seconds);
    raises BadSignature otherwise (a refusal is not remembered).

    A token's signature checks or not for good under one key set (the cache is keyed by the
    keys, so a rotation verifies afresh), so a client sending the same token on every request
    pays for the HMAC, base64 and JSON once. Its age and what it names (its user's token
    generation, erasure, deactivation) are still checked on every request by the caller.
    """
    try:
        payload, signed_at = _serializer_for(keys, salt).loads(token, return_timestamp=True)
    except (ValueError, OverflowError, OSError) as exc:  # its time past year 9999, signed
        raise BadTimeSignature("the token's time is not a date") from exc
    return payload, int(signed_at.timestamp())


def _payload(token: str, salt: str, max_age_seconds: int) -> tuple[object, int]:
    """The token's payload and when it was signed (unix seconds), if its signature checks and
    it is not too old (as itsdangerous's own `loads(max_age=…)` decides: whole seconds, and
    not from the future)."""
    if not as_issued(token):
        raise BadSignature("not a token as issued")
    keys = current_app.config["SECRET_KEYS"]
    payload, signed_at = _verified(tuple(keys) if isinstance(keys, list) else keys, salt, token)
    age = int(time.time()) - signed_at
    if age > max_age_seconds:
        raise SignatureExpired(f"Signature age {age} > {max_age_seconds} seconds")
    if age < 0:
        raise SignatureExpired(f"Signature age {age} < 0 seconds")
    return payload, signed_at


def as_issued(token: str) -> bool:
    """Spelt exactly as itsdangerous writes it: its base64 decoder skips characters outside
    the alphabet and the spare bits of the last one, so other spellings would verify too."""
    return bool(TOKEN_SHAPE.fullmatch(token)) and _one_spelling(token.rpartition(".")[2])


def _one_spelling(signature: str) -> bool:
    """The signature as it was issued: its last character carries spare bits, so four
    spellings of it decode to the same bytes; only the one base64 writes is the token."""
    try:
        return base64_encode(base64_decode(signature)).decode() == signature
    except BadData:  # not base64 at all
        return False


def user_from_token(token: str, *, salt: str = TOKEN_SALT, max_age_days: int) -> User:
    """Return the user a token names, or raise ApiError(401) saying why not."""
    return user_and_signing(token, salt=salt, max_age_days=max_age_days)[0]


def user_and_signing(
    token: str, *, salt: str = TOKEN_SALT, max_age_days: int
) -> tuple[User, datetime]:
    """The user a token names and when the token was signed, or ApiError(401) saying why not."""
    try:
        payload, signed_at = _payload(token, salt, max_age_days * DAY)
    except SignatureExpired as exc:
        raise ApiError(401, say("error.token_expired"), code="token_expired") from exc
    except BadSignature as exc:
        raise ApiError(401, say("error.token_invalid"), code="token_invalid") from exc
    if not isinstance(payload, dict):
        raise ApiError(401, say("error.token_invalid"), code="token_invalid")
    uid = payload.get("uid")
    if type(uid) is int and not _storable(uid):  # 2**70 gave a 500 on SQLite (OverflowError)
        raise ApiError(401, say("error.token_invalid"), code="token_invalid")
    # Every API request reads its caller: the statement is written once (statements.py).
    user = get_one(User, '"id" = {p}', uid) if type(uid) is int else None
    if user is not None and user.erased_at:  # gone: no new connect link can help
        raise PersonErased()
    if user is None or user.token_generation != payload.get("gen"):
        raise ApiError(401, say("error.token_revoked"), code="token_revoked")
    if user.deactivated_at is not None:
        raise ApiError(
            401,
            say("error.account_deactivated"),
            code="account_deactivated",
        )
    return user, datetime.fromtimestamp(signed_at, UTC)


def login_required(view):
    """Require 'Authorization: Bearer <token>' and put the user on g.user."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        # Only the header's own spacing (spaces, tabs) is trimmed: anything else after the
        # token (a no-break space, a zero-width one) makes it another, refused, token.
        token = token.strip(" \t")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(
                401, "Send your API token as 'Authorization: Bearer <token>'.", code="token_missing"
            )
        if "," in token:  # two Authorization headers, which servers join with a comma
            raise ApiError(
                401,
                "The Authorization header holds more than one token (was it sent twice?): "
                "send it once, as 'Authorization: Bearer <token>'.",
                code="token_invalid",
            )
        g.user, signed_at = user_and_signing(
            token, max_age_days=current_app.config["TOKEN_MAX_AGE_DAYS"]
        )
        # A token in use means they are connected, until their newest token expires: a
        # newer token than the one on record moves the connection's end (token_expiry).
        known = g.user.token_signed_at
        if g.user.connected_at is None or known is None or signed_at > known:
            from .people import mark_connected

            mark_connected(g.user, current_app.config["CLOCK"](), signed_at)
        return view(*args, **kwargs)

    return wrapper


def require_role(*roles: str):
    """Restrict a login_required view to some roles (403 for the others)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if g.user.role not in roles:
                raise ApiError(403, f"Only {' or '.join(roles)} users may do this.")
            return view(*args, **kwargs)

        return wrapper

    return decorator

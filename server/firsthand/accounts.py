"""Creating and revoking users (shared by the CLI, the admin API and the console)."""

from __future__ import annotations

import re
from datetime import datetime

from flask import current_app
from peewee import IntegrityError

from . import audit, rollups
from .addresses import normalise_email
from .admin_models import SignInLink
from .db import write_transaction
from .errors import ApiError, invalid
from .input_guard import INVISIBLE, INVISIBLE_CHARS, tidy_line
from .models import ROLES, User, UserStats
from .teams import find_or_create_team, manage_own_team

# A character of an address: not a space or a second '@', nor what mail programs read as list
# or display-name punctuation (<a@b.c>, a,b@c.d), nor one nobody sees (control, zero-width,
# bidi override): with those an invitee's address looks like a colleague's and is not theirs.
_IN_EMAIL = rf"[^@\s<>()\[\],;:\"\\\x00-\x1f\x7f-\x9f{INVISIBLE_CHARS}]"
# The domain's labels, none empty: "ann@example.com." or "ann@example..com" is no address
# (RFC 5321), and a trailing dot made a second account for ann@example.com's mailbox.
_IN_LABEL = rf"[^.@\s<>()\[\],;:\"\\\x00-\x1f\x7f-\x9f{INVISIBLE_CHARS}]"
EMAIL = re.compile(rf"^{_IN_EMAIL}+@(?:{_IN_LABEL}+\.)+{_IN_LABEL}+\Z")


def confirms_address(typed: str, stored: str) -> bool:
    """Whether `typed` names the mailbox `stored` is, to confirm a deletion. An account that
    migrations 0020 and 0030 left in its old spelling (another account held the new one:
    "dee@xn--mller-kva.example" beside dee@müller.example, "Ann@X.test", an address with a
    zero-width space) could not be confirmed: the typed address was respelt and compared to
    the stored one as it is. Both are compared respelt, invisible characters left out."""
    spelt = normalise_email(INVISIBLE.sub("", typed))
    return bool(spelt) and spelt == normalise_email(INVISIBLE.sub("", stored))


def check_email(email: str) -> str:
    """The email as stored (trimmed, lower case); 422 if it is not an email address."""
    email = normalise_email(email)
    if not EMAIL.match(email) or len(email) > 254:
        raise invalid(
            "email", "is not an email address", f"{email[:254]!r} is not an email address."
        )
    if reserved_domain(email):
        raise invalid("email", RESERVED_DOMAIN, f"{email[:254]!r} {RESERVED_DOMAIN}.")
    return email


RESERVED_DOMAIN = "is at .invalid, a domain reserved for addresses that reach no one"


def reserved_domain(email: str) -> bool:
    """Whether the address is at .invalid (RFC 2606): no mailbox is, and a deleted person's
    row keeps an address there, which an invitation at it would take."""
    domain = email.rpartition("@")[2]
    return domain == "invalid" or domain.endswith(".invalid")


def check_role(role: str) -> str:
    if role not in ROLES:
        raise invalid("role", "unknown role", f"role must be one of {', '.join(ROLES)}.")
    return role


def check_name(name: str) -> str:
    cleaned = tidy_line(name)
    if not cleaned or len(cleaned) > 120:
        raise invalid("name", "must be at most 120 characters" if cleaned else "must not be empty")
    return cleaned


def create_user(
    email: str,
    name: str,
    now: datetime,
    team: str | None = None,
    role: str = "employee",
    actor: User | None = None,
) -> User:
    """Create (invite) a user and their counters, creating their team if it is new;
    409 if the email is taken, 422 if invalid. Audited as done by `actor`."""
    email = check_email(email)
    check_role(role)
    name = check_name(name)
    try:
        with write_transaction():
            team_row = find_or_create_team(team, now, actor) if tidy_line(team) else None
            user = User.create(
                email=email,
                name=name,
                team=team_row,
                role=role,
                created_at=now,
            )
            UserStats.create(user=user)
            changes = rollups.Changes()
            rollups.invited(changes, user.id, user.team_id, now)
            changes.apply()
            audit.record(actor, "person.invite", audit.person(user), now, {"role": role})
            manage_own_team(user, now, actor)
    except IntegrityError as exc:
        raise ApiError(
            409,
            f"A user with the email {email} already exists. To reconnect them, give them a new"
            " connect link: console, People → their page → New connect link"
            f" (or `firsthand connect-link {email}`).",
            code="email_taken",
        ) from exc
    return user


def find_user(email: str) -> User:
    user = User.get_or_none((User.email == normalise_email(email)) & User.erased_at.is_null())
    if user is None:
        raise ApiError(404, f"No user with the email {normalise_email(email)}.")
    return user


def revoke_tokens(user: User, now: datetime | None = None, actor: User | None = None) -> None:
    """Invalidate every token and connect link the user holds, their console sessions and
    their unused console sign-in links (one in a mailbox would sign them in afresh). No
    browser can use their tokens any more: they are no longer connected, in the same
    transaction, which also writes the audit log's line (`actor` None: the command line)."""
    from .token_expiry import disconnect

    now = now or current_app.config["CLOCK"]()
    with write_transaction():
        audit.record(actor, "person.revoke", audit.person(user), now)
        User.update(token_generation=User.token_generation + 1).where(User.id == user.id).execute()
        disconnect(user.id, now)
        User.update(token_signed_at=None).where(User.id == user.id).execute()
        unused = (SignInLink.user == user.id) & SignInLink.used_at.is_null()
        SignInLink.delete().where(unused).execute()

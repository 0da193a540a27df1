"""Creating and revoking users (shared by the CLI and the admin API)."""

from __future__ import annotations

import re
from datetime import datetime

from peewee import IntegrityError

from .db import write_transaction
from .errors import ApiError, invalid
from .models import ROLES, User, UserStats

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str, name: str, now: datetime, team: str | None = None, role: str = "employee"
) -> User:
    """Create a user and their counters; 409 if the email is taken, 422 if invalid."""
    email = normalise_email(email)
    if not EMAIL.match(email) or len(email) > 254:
        raise invalid("email", "is not an email address", f"{email!r} is not an email address.")
    if role not in ROLES:
        raise invalid("role", "unknown role", f"role must be one of {', '.join(ROLES)}.")
    if not name.strip():
        raise invalid("name", "must not be empty")
    try:
        with write_transaction():
            user = User.create(
                email=email,
                name=name.strip(),
                team=(team or "").strip() or None,
                role=role,
                created_at=now,
            )
            UserStats.create(user=user)
    except IntegrityError as exc:
        raise ApiError(
            409, f"A user with the email {email} already exists.", code="email_taken"
        ) from exc
    return user


def find_user(email: str) -> User:
    user = User.get_or_none(User.email == normalise_email(email))
    if user is None:
        raise ApiError(404, f"No user with the email {normalise_email(email)}.")
    return user


def revoke_tokens(user: User) -> None:
    """Invalidate every token and connect link the user holds."""
    with write_transaction():
        User.update(token_generation=User.token_generation + 1).where(User.id == user.id).execute()

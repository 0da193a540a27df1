"""Small helpers the resource blueprints share."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, request

from ..errors import ApiError
from ..models import iso
from ..rules import RuleBook


def rulebook() -> RuleBook:
    return current_app.extensions["firsthand.rulebook"]


def now() -> datetime:
    """Return the app clock's current UTC time (tests swap the clock)."""
    return current_app.config["CLOCK"]()


def page_args(default_limit: int = 20, max_limit: int = 100) -> tuple[int, int]:
    """Read ?limit=&offset=, clamping limit; 400 for anything not a whole number."""
    values = {}
    for name, default in (("limit", default_limit), ("offset", 0)):
        raw = request.args.get(name, str(default))
        if not raw.isdigit():
            raise ApiError(400, f"'{name}' must be a whole number ≥ 0, got {raw[:20]!r}.")
        values[name] = int(raw)
    return max(1, min(values["limit"], max_limit)), values["offset"]


def page(items: list, offset: int, limit: int, total: int) -> dict:
    return {
        "data": items,
        "pagination": {"offset": offset, "limit": limit, "count": len(items), "total": total},
    }


def parse_time(value: str | None, field: str) -> datetime | None:
    """Parse an RFC 3339 time to naive UTC, or raise a 422 naming the field."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        reason = "must be an RFC 3339 date-time such as 2026-11-22T09:30:00Z"
        raise ApiError(
            422, f"{field} {reason}.", details=[{"field": field, "message": reason}]
        ) from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


def badge_json(badge: dict, earned_at: datetime | None = None) -> dict:
    body = {key: badge[key] for key in ("id", "name", "description", "icon")}
    if earned_at is not None:
        body["earned_at"] = iso(earned_at)
    return body

"""Small helpers the resource blueprints share."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from ..analysis import Analyzer
from ..app_data import ANALYZER, RULEBOOK, loaded
from ..clock import OutOfRange, parse_rfc3339
from ..errors import invalid
from ..rules import RuleBook


def rulebook() -> RuleBook:
    return loaded(RULEBOOK)


def analyzer() -> Analyzer:
    return loaded(ANALYZER)


def now() -> datetime:
    """Return the app clock's current UTC time (tests swap the clock)."""
    return current_app.config["CLOCK"]()


def page(items: list, offset: int, limit: int, total: int, next_cursor=None) -> dict:
    return {
        "data": items,
        "pagination": {
            "offset": offset,
            "limit": limit,
            "count": len(items),
            "total": total,
            "next_cursor": str(next_cursor) if next_cursor else None,
        },
    }


def parse_time(value: str | None, field: str) -> datetime | None:
    """Parse an RFC 3339 time to aware UTC, or raise a 422 naming the field."""
    if value is None:
        return None
    try:
        return parse_rfc3339(value)
    except OutOfRange as exc:
        reason = "is out of range: in UTC it falls outside the years 0001–9999"
        raise invalid(field, reason) from exc
    except ValueError as exc:
        reason = "must be an RFC 3339 date-time such as 2026-11-22T09:30:00Z"
        raise invalid(field, reason) from exc

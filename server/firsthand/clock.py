"""Time: the one place that knows what "now" is and how times convert.

Every datetime in Firsthand is aware and in UTC. The database stores UTC (see
`fields.UTCDateTimeField`, which hands back aware values); clients send RFC 3339 and get
RFC 3339 with a `Z`. ISO weeks and calendar months are taken in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

WEEK = timedelta(days=7)


def utc_now() -> datetime:
    """The current time, aware, in UTC (the app's default clock)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is refused (its zone is unknowable)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}: Firsthand only handles aware times")
    return moment.astimezone(UTC)


class OutOfRange(ValueError):
    """A valid date-time whose UTC instant falls outside the years 1–9999."""


# RFC 3339's shape: a calendar date, T (or t, or a space), hours and minutes, seconds and a
# fraction if given, Z or an offset if given. Python's fromisoformat takes the rest of ISO
# 8601 too (2026-W49-3, 2026-336, 20261202T0600Z, a date alone): not what an API client means.
# An offset's hours run 00-23 and its minutes 00-59 (fromisoformat read +05:60 as +06:00).
RFC3339_SHAPE = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)?",
    re.ASCII,
)


def parse_rfc3339(value: str) -> datetime:
    """Parse an RFC 3339 date-time into aware UTC.

    A time without an offset is read as UTC (what clients mean when they leave it out), and
    seconds may be left out. RFC 3339 allows a lowercase `t` and `z` (`fromisoformat` takes
    the `t` but not the `z`) and a leap second (:60, read as the second before it). Raises
    ValueError when the text is not such a date-time, OutOfRange when it is one but has no
    UTC year (9999-12-31T23:59:59-01:00 is in the year 10000 in UTC).
    """
    shape = RFC3339_SHAPE.fullmatch(value)
    if not shape:
        raise ValueError("not an RFC 3339 date-time")
    if shape[1] and shape[1].startswith(":60"):
        # A leap second (2016-12-31T23:59:60Z): datetime and Unix time have no second 60;
        # it is read as the second before it, as those clocks count it.
        value = f"{value[: shape.start(1)]}:59{value[shape.end(1) :]}"
    moment = datetime.fromisoformat(value[:-1] + "Z" if value.endswith("z") else value)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01T00:00:00+01:00 has no UTC year
        raise OutOfRange("date-time out of range once in UTC") from exc


def iso(moment: datetime | None) -> str | None:
    """Format a time as RFC 3339 in UTC with a `Z`, to the second."""
    if moment is None:
        return None
    return as_utc(moment).isoformat(timespec="seconds").removesuffix("+00:00") + "Z"


def from_unix_ms(milliseconds: int) -> datetime | None:
    """The aware UTC time of a Unix timestamp in milliseconds, or None out of range."""
    try:
        return datetime.fromtimestamp(milliseconds / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def monday_of(day: date) -> date:
    """The Monday of the ISO week a day falls in."""
    return date.fromordinal(day.toordinal() - day.weekday())


def week_start(moment: datetime) -> datetime:
    """Midnight UTC on the Monday of the moment's ISO week."""
    return datetime.combine(monday_of(as_utc(moment).date()), time.min, tzinfo=UTC)

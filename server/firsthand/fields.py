"""Database fields with Firsthand's conventions."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import DateTimeField

from .clock import as_utc


class UTCDateTimeField(DateTimeField):
    """A moment stored as UTC and always read back as an aware UTC datetime.

    The column stays a plain TIMESTAMP (SQLite text, PostgreSQL `timestamp without time
    zone`) holding UTC, so existing databases need no migration and the value never depends
    on the session's time zone. Writing a naive datetime is an error: its zone is unknowable.
    """

    def db_value(self, value):
        if isinstance(value, datetime):
            value = as_utc(value).replace(tzinfo=None)  # the column's own convention: UTC
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value

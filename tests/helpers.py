"""Helpers shared by the test modules."""

from datetime import UTC, datetime, timedelta

from peewee import fn

from firsthand.models import PeriodStats, PointsEntry, Share, UserStats


class Clock:
    """A controllable clock: tests move time instead of waiting for it."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.moment = moment


CLOCK_START = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # a Wednesday


def activity_id(n: int, at: datetime = CLOCK_START) -> int:
    """A LinkedIn activity id minted at `at` (its top bits are a millisecond timestamp)."""
    return (int(at.timestamp() * 1000) << 22) + n


def linkedin_url(n: int, at: datetime = CLOCK_START) -> str:
    """A LinkedIn post URL with a distinct activity id, posted at `at`."""
    return f"https://www.linkedin.com/feed/update/urn:li:activity:{activity_id(n, at)}/"


def counters_match_ledger() -> None:
    """Every user's counters and all-time period total equal their ledger."""
    for stats in UserStats.select():
        ledger = (
            PointsEntry.select(fn.COALESCE(fn.SUM(PointsEntry.points), 0))
            .where(PointsEntry.user == stats.user_id)
            .scalar()
        )
        total = PeriodStats.get_or_none(
            PeriodStats.user == stats.user_id, PeriodStats.period == "all"
        )
        assert stats.points == ledger == (total.points if total else 0), stats.user_id
        live = Share.select().where(Share.user == stats.user_id, Share.deleted_at.is_null())
        assert stats.shares == live.count()

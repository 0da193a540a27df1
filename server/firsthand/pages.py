"""Keyset pages of a person's items, newest first: (moment, id) cursors instead of offsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from peewee import Field, ModelSelect

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Cursor(NamedTuple):
    """The last item of a page: its moment in microseconds since 1970 (UTC) and its id."""

    micros: int
    id: int

    @property
    def moment(self) -> datetime:
        return EPOCH + timedelta(microseconds=self.micros)

    def __str__(self) -> str:
        return f"{self.micros}.{self.id}"


def cursor_of(moment: datetime, item_id: int) -> Cursor:
    return Cursor((moment - EPOCH) // timedelta(microseconds=1), item_id)


def newest_first(
    query: ModelSelect, moment: Field, key: Field, limit: int, offset: int, after: Cursor | None
) -> tuple[list, Cursor | None]:
    """A page of `query` ordered by (moment, key) descending, and the cursor of the next page
    (None on the last). With a cursor the page starts after it, read from the index."""
    if after is not None:
        # `moment <= …` on its own is what lets the index on (owner, moment) start the range
        # at the cursor; the OR alone would make the database walk from the newest item.
        query = query.where((moment <= after.moment) & ((moment < after.moment) | (key < after.id)))
    rows = list(query.order_by(moment.desc(), key.desc()).limit(limit + 1).offset(offset))
    if len(rows) <= limit or not limit:
        return rows[:limit], None
    last = rows[limit - 1]
    return rows[:limit], cursor_of(getattr(last, moment.name), last.id)

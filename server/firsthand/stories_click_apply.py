"""Applying click journals (stories_click_journal) to story_clicks: exactly once, by anyone.

Each journal has a row in `click_journal` (its name, the byte offset applied so far).
Applying reads the file from that offset to its last whole line, adds the clicks and moves
the offset in ONE transaction, holding the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
the journal's row FOR UPDATE). So whoever applies a journal (its own process, another
process finding it orphaned, a test, a benchmark) and however many at once, a line is
counted once.

A journal's line: story id, person id, microseconds since the epoch (UTC), a newline.

Orphans: a process holds an exclusive flock on its journal while it lives (the kernel drops
it when the process dies, however it dies). A journal whose lock can be taken has no writer:
applying it finishes it (marked finished, the file deleted).
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from peewee import IntegrityError, PostgresqlDatabase

from .db import database, write_transaction
from .stories_models import StoryClicks

log = logging.getLogger(__name__)

SUFFIX = ".clicks"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Rows one upsert holds at most (5 parameters each; SQLite allows 32,766).
MAX_ROWS = 500

# Journals may be applied out of order (an orphan after a living process's), so the first
# and last click times are the earliest and latest seen, not the last written.
UPSERT_CLICKS = (
    'INSERT INTO "story_clicks" ("story_id", "user_id", "clicks", "first_click_at", '
    '"last_click_at") VALUES {rows} '
    'ON CONFLICT ("story_id", "user_id") DO UPDATE SET '
    '"clicks" = "story_clicks"."clicks" + excluded."clicks", '
    '"first_click_at" = {least}("story_clicks"."first_click_at", excluded."first_click_at"), '
    '"last_click_at" = {greatest}("story_clicks"."last_click_at", excluded."last_click_at")'
)

Key = tuple[int, int]  # (story_id, user_id)


def line_of(story_id: int, user_id: int, at: datetime) -> bytes:
    """One click as a journal line: story, person, microseconds since the epoch (UTC)."""
    micros = (at - EPOCH) // timedelta(microseconds=1)
    return b"%d %d %d\n" % (story_id, user_id, micros)


WHOLE_LINE = re.compile(rb"(\d{1,19}) (\d{1,19}) (\d{1,19})\n")


def read_lines(raw: bytes) -> tuple[dict[Key, list], int]:
    """The clicks of the whole lines at the start of `raw`, summed by (story, person):
    [clicks, first, last]; and how many bytes those lines take. Reading stops at the first
    thing that is not a whole line: the zeros after the last line, or a line cut short by a
    crash."""
    totals: dict[Key, list] = {}
    at = 0
    while match := WHOLE_LINE.match(raw, at):
        story, user, micros = (int(part) for part in match.groups())
        at = match.end()
        row = totals.get((story, user))
        if row is None:
            totals[(story, user)] = [1, micros, micros]
        else:
            row[0] += 1
            row[1], row[2] = min(row[1], micros), max(row[2], micros)
    return totals, at


def _written_from(path: Path, offset: int) -> bytes:
    """The journal's bytes from `offset` up to its first zero (the unwritten rest of a
    preallocated file), read a piece at a time so that a mostly empty file costs little."""
    pieces = []
    with path.open("rb") as file:
        file.seek(offset)
        while piece := file.read(1 << 16):
            zero = piece.find(0)
            if zero >= 0:
                pieces.append(piece[:zero])
                break
            pieces.append(piece)
    return b"".join(pieces)


def _moment(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


def apply_journal(path: Path, finished: bool = False) -> int:
    """Add the clicks of `path` not applied yet to the database, exactly once; how many.

    `finished`: nobody appends to it any more (its writer is gone or has moved on): once it
    is all applied, mark it finished and delete the file.
    """
    name = path.name
    with _connected(), write_transaction():
        applied, done = _journal_row(name)
        if done:
            path.unlink(missing_ok=True)
            return 0
        try:
            raw = _written_from(path, applied)
        except FileNotFoundError:
            return 0
        totals, length = read_lines(raw)
        _upsert_existing(totals)
        p = database.param
        database.execute_sql(
            f'UPDATE "click_journal" SET "applied" = {p}, "finished" = {p} WHERE "name" = {p}',
            [applied + length, finished, name],
        )
    if finished:
        path.unlink(missing_ok=True)
    return sum(row[0] for row in totals.values())


@contextmanager
def _connected():
    """A connection for this thread: the request's own if it has one (left open), else a
    pooled one for the while (peewee's connection_context would close the request's)."""
    opened = database.is_closed()
    if opened:
        database.connect()
    try:
        yield
    finally:
        if opened:
            database.close()


def _journal_row(name: str) -> tuple[int, bool]:
    """(bytes applied, finished) of a journal, its row made if new and locked on PostgreSQL
    (on SQLite the transaction's write lock already keeps every other applier out)."""
    p = database.param
    database.execute_sql(
        f'INSERT INTO "click_journal" ("name", "applied", "finished") VALUES ({p}, 0, {p}) '
        'ON CONFLICT ("name") DO NOTHING',
        [name, False],
    )
    lock = " FOR UPDATE" if isinstance(database.obj, PostgresqlDatabase) else ""
    row = database.execute_sql(
        f'SELECT "applied", "finished" FROM "click_journal" WHERE "name" = {p}{lock}', [name]
    ).fetchone()
    return int(row[0]), bool(row[1])


def _upsert_existing(totals: dict[Key, list]) -> None:
    """Add the clicks to story_clicks; clicks for a story or person deleted since (an erased
    account, a deleted story) have nothing left to count and are dropped."""
    keys = _still_there(list(totals))
    as_db = StoryClicks.last_click_at.db_value
    for start in range(0, len(keys), MAX_ROWS):
        chunk = keys[start : start + MAX_ROWS]
        params: list = []
        for key in chunk:
            clicks, first, last = totals[key]
            params += (key[0], key[1], clicks, as_db(_moment(first)), as_db(_moment(last)))
        database.execute_sql(_upsert_sql(len(chunk)), params)


def _still_there(keys: list[Key]) -> list[Key]:
    if not keys:
        return []
    stories = _existing('"story"', "", {s for s, _ in keys})
    # An erased person's row stays (anonymised) but their clicks are gone for good. On
    # PostgreSQL their rows are share-locked until commit: an erasure running meanwhile
    # waits for this transaction (its deletion then takes these clicks) or this one reads
    # its outcome, so a click is never written back after an erasure.
    lock = " FOR SHARE" if isinstance(database.obj, PostgresqlDatabase) else ""
    people = _existing('"user"', ' AND "erased_at" IS NULL' + lock, {u for _, u in keys})
    return [key for key in keys if key[0] in stories and key[1] in people]


def _existing(table: str, condition: str, ids: set[int]) -> set[int]:
    found: set[int] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), MAX_ROWS):
        chunk = ordered[start : start + MAX_ROWS]
        marks = ", ".join([database.param] * len(chunk))
        rows = database.execute_sql(
            f'SELECT "id" FROM {table} WHERE "id" IN ({marks}){condition}', chunk
        )
        found.update(row[0] for row in rows)
    return found


def _upsert_sql(rows: int) -> str:
    p = database.param
    postgres = isinstance(database.obj, PostgresqlDatabase)
    return UPSERT_CLICKS.format(
        rows=", ".join([f"({p}, {p}, {p}, {p}, {p})"] * rows),
        least="LEAST" if postgres else "MIN",  # SQLite's two-argument MIN is a scalar
        greatest="GREATEST" if postgres else "MAX",
    )


def writer_alive(path: Path) -> bool:
    """Whether a living process holds the journal's lock (it appends there)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also drops the shared lock just taken
    return False


def apply_click_journals(folder: Path | str, skip: Path | None = None) -> int:
    """Apply every journal in `folder` but `skip` (all of this process's and other
    processes' clicks written so far); finish and delete the ones no living process writes.
    How many clicks."""
    counted = 0
    for path in sorted(Path(folder).glob(f"*{SUFFIX}")):
        if path == skip:
            continue
        try:
            counted += apply_journal(path, finished=not writer_alive(path))
        except IntegrityError:  # a story or person deleted meanwhile: the next sweep retries
            log.warning("click journal %s: not applied, will retry", path.name)
    return counted

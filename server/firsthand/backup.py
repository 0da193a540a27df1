"""Consistent copies of a SQLite database while the service keeps writing, and restoring one.

`VACUUM INTO` copies the database as one read transaction sees it: every share with all of
its points and counters, or none of it, whatever commits meanwhile. PostgreSQL has pg_dump
for the same (README, "Backups").
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from .db import database
from .errors import ApiError

PG_DUMP_HINT = (
    "this server uses PostgreSQL: take a consistent copy with "
    "`pg_dump --format=custom --file=PATH DATABASE_URL` and restore it with "
    "`pg_restore --clean --if-exists --dbname=DATABASE_URL PATH` (README, Backups)"
)


def _sqlite_only() -> None:
    if not isinstance(database.obj, SqliteDatabase):
        raise ApiError(400, PG_DUMP_HINT)


def backup_to(path: Path) -> int:
    """Write a consistent copy of the live database to `path` (mode 0600); return its size."""
    _sqlite_only()
    path = path.resolve()
    if path.exists():
        raise ApiError(409, f"{path} exists: choose a new file name (a backup never overwrites)")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        database.execute_sql("VACUUM INTO ?", (str(partial),))
        os.chmod(partial, 0o600)
        _check(partial)
        os.replace(partial, path)  # a reader never sees a half-written backup under its name
    finally:
        partial.unlink(missing_ok=True)
    return path.stat().st_size


def restore_from(path: Path) -> None:
    """Replace the live database's content with a backup's (stop the server first)."""
    _sqlite_only()
    if not path.is_file():
        raise ApiError(404, f"{path} is not a file")
    _check(path)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        live = sqlite3.connect(database.database, timeout=10)
        try:
            source.backup(live)  # page by page, in one transaction on the live file
        finally:
            live.close()
    finally:
        source.close()


def _check(path: Path) -> None:
    """Refuse a file that is not an intact Firsthand database."""
    try:
        copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        finally:
            copy.close()
    except sqlite3.DatabaseError as error:
        raise ApiError(422, f"{path} is not a SQLite database ({error})") from error
    if verdict != "ok":
        raise ApiError(422, f"{path} is damaged: {verdict}")
    if not {"user", "share", "points_entry", "schema_migration"} <= tables:
        raise ApiError(422, f"{path} is not a Firsthand database")

"""Counted clicks go through a journal file of the process before the database.

Why: committing each counted click to the database before its 302 cost a commit per click
(or per handful of clicks): under gunicorn 0.1–0.2 ms of CPU, mostly two workers taking
SQLite's write lock in turn, about as much as the rest of the redirect. Appending one line
to a file is one write() (a few µs). Once write() has returned the line is in the operating
system's page cache, so an app crash (even kill -9) loses nothing: the durability SQLite
has with synchronous=NORMAL, where only a power cut can lose the last writes.

A thread of the process applies its journal to the database about APPLY_SECONDS after a
click (every click since the last apply in one transaction): the counts are that far behind.

Exactly once, whoever applies a journal: stories_click_apply. A journal no living process
writes (its writer was killed) is applied and finished by the next process that looks: when
it starts a journal, and every SWEEP_SECONDS while it has one. A process that exits normally
does that for its own journal (atexit; gunicorn's workers exit normally on a restart or a
stop).
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import mmap
import os
import threading
import time
from datetime import datetime
from pathlib import Path

from peewee import Database

from . import db
from .db import database
from .stories_click_apply import (
    SUFFIX,
    apply_click_journals,
    apply_journal,
    line_of,
    writer_alive,
)

log = logging.getLogger(__name__)

APPLY_SECONDS = 0.05  # a click waits at most about this long before the database has it
SWEEP_SECONDS = 5.0  # how often a process with a journal looks for orphaned ones
JOURNAL_BYTES = 4 << 20  # a journal file's size (about 160,000 clicks): then a new one

__all__ = ["apply_click_journals", "line_of", "writer_alive"]


# --- This process's journal --------------------------------------------------------------


class _File:
    """One journal file: preallocated, mapped into memory, locked while this process lives."""

    def __init__(self, folder: Path) -> None:
        name = f"{os.getpid()}-{time.time_ns()}"
        self.path = folder / f"{name}{SUFFIX}"
        # Made under another name and renamed once locked: an applier that saw the journal
        # before its lock was taken would have finished it as an orphan.
        making = folder / f".{name}.new"
        self.fd = os.open(making, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)  # a new file: nobody else holds it
        os.posix_fallocate(self.fd, 0, JOURNAL_BYTES)  # zeros: the end of what is written
        os.rename(making, self.path)
        self.map = mmap.mmap(self.fd, JOURNAL_BYTES)  # shared: writes go to the page cache
        self.end = 0

    def append(self, line: bytes) -> bool:
        """Copy one line in (False if it does not fit). A copy into the mapping, not a
        write(): no system call, so the thread keeps the interpreter lock (a write() let
        another request thread take it, and a click paid for the hand-over both ways). The
        newline goes last: a line with its newline is whole, in this process or after it
        died."""
        end = self.end + len(line)
        if end > JOURNAL_BYTES:
            return False
        self.map[self.end : end - 1] = line[:-1]
        self.map[end - 1] = 10
        self.end = end
        return True

    def close(self) -> None:
        """Unmap and close: its lock drops, so it reads as no longer written. (In a forked
        child this drops only the child's copy: the parent's keeps the lock.)"""
        self.map.close()
        os.close(self.fd)


class ClickJournal:
    """Where this process writes its counted clicks, and the thread that applies them."""

    def __init__(self, folder: Path, target: Database) -> None:
        self.folder = folder
        self.target = target  # the database bound when it started: applied there only
        self._lock = threading.Lock()  # appends and the switch to a new file
        self._apply_lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._file: _File | None = _File(folder)
        self._full: list[_File] = []  # written to the end: the thread finishes them
        self._applied: tuple[_File | None, int] = (None, 0)  # the file and length last applied
        self._swept = 0.0
        self._thread = threading.Thread(target=self._run, name="click-journal", daemon=True)
        self._thread.start()

    @property
    def path(self) -> Path:
        return self._file.path

    def append(self, story_id: int, user_id: int, at: datetime) -> bool:
        """Write one click; False if this journal was closed meanwhile (use the next)."""
        line = line_of(story_id, user_id, at)
        with self._lock:
            if self._file is None:
                return False
            if not self._file.append(line):
                self._full.append(self._file)
                self._file = _File(self.folder)
                self._file.append(line)
        if not self._wake.is_set():
            self._wake.set()
        return True

    def apply(self) -> int:
        """Apply this process's clicks now (and finish the files written to the end)."""
        with self._apply_lock:
            if self._closed or database.obj is not self.target:
                return 0  # closed (applied then), or the app was rebound to another database
            with self._lock:
                full, self._full = self._full, []
                current = (self._file, self._file.end)
            counted = 0
            for done in full:
                done.close()
                counted += apply_journal(done.path, finished=True)
            if current != self._applied:  # nothing new: no transaction (an idle worker's
                counted += apply_journal(current[0].path)  # thread wakes every 5 s)
                self._applied = current
            return counted

    def _run(self) -> None:
        while not self._closed:
            woken = self._wake.wait(SWEEP_SECONDS)
            if self._closed:
                return
            if woken:
                time.sleep(APPLY_SECONDS)  # let the clicks of the next moments join
                self._wake.clear()
            try:
                self.apply()
                if time.monotonic() - self._swept >= SWEEP_SECONDS:
                    self._swept = time.monotonic()
                    if database.obj is self.target:
                        apply_click_journals(self.folder, skip=self.path)  # applied above
            except Exception as error:  # noqa: BLE001 - the database is away: lines wait in the file
                log.warning("click journal: applying failed, will retry (%s)", error)

    def close(self) -> None:
        """Apply what is left, finish the journal and stop (at exit, or before rebinding)."""
        with self._apply_lock, self._lock:
            if self._closed:
                return
            self._closed = True
            self._wake.set()
            files = [*self._full, self._file]
            self._file, self._full = None, []
            for file in files:
                file.close()  # no more appends: they see no file and take the next journal
            if database.obj is not self.target:
                return  # rebound elsewhere: the next process in this folder applies them
            for file in files:
                try:
                    apply_journal(file.path, finished=True)
                except Exception:  # noqa: BLE001 - the file stays, unlocked: applied later
                    log.exception("click journal: could not apply %s at close", file.path.name)

    def forget(self) -> None:
        """In a forked child: close the inherited copies of the parent's files."""
        for file in [*self._full, *([self._file] if self._file else [])]:
            file.close()


_CURRENT: ClickJournal | None = None
_CURRENT_LOCK = threading.Lock()


def journal_for(folder: Path) -> ClickJournal:
    """This process's journal in `folder` for the bound database, started on first use."""
    global _CURRENT
    current = _CURRENT
    if current is not None and current.folder == folder and current.target is database.obj:
        return current
    with _CURRENT_LOCK:
        current = _CURRENT
        if current is None or current.folder != folder or current.target is not database.obj:
            if current is not None:
                current.close()
            # Its thread looks for orphans at its first wake, not this request (a locked
            # database would hold the reader's redirect).
            current = _CURRENT = ClickJournal(folder, database.obj)
    return current


def sweep_at_start(folder: Path, delay: float = 1.0) -> None:
    """If `folder` holds journals (a worker killed before its clicks were applied, a server
    stopped hard), apply them from a thread in a moment, without waiting for a click."""
    if not folder.is_dir() or not any(folder.glob(f"*{SUFFIX}")):
        return
    target = database.obj

    def sweep() -> None:
        time.sleep(delay)
        if database.obj is not target:
            return  # rebound to another database since: not this one's journals
        try:
            apply_click_journals(folder)
        except Exception as error:  # noqa: BLE001 - the next journal's thread sweeps again
            log.warning("click journal: leftover journals not applied yet (%s)", error)

    threading.Thread(target=sweep, name="click-journal-sweep", daemon=True).start()


def journal_click(folder: Path, story_id: int, user_id: int, at: datetime) -> None:
    """Write one counted click to this process's journal; return once it is in the file."""
    while not journal_for(folder).append(story_id, user_id, at):
        pass  # closed between finding it and writing: the next call starts a new one


def close_click_journal() -> None:
    """Apply and finish this process's journal (the database is being unbound, or exit)."""
    global _CURRENT
    with _CURRENT_LOCK:
        if _CURRENT is not None:
            _CURRENT.close()
            _CURRENT = None


def _forget_after_fork() -> None:
    """A forked child (a gunicorn worker) starts a journal of its own: it closes its copy
    of the parent's descriptor (the parent's lock stays, held by the parent's copy)."""
    global _CURRENT, _CURRENT_LOCK
    if _CURRENT is not None:
        _CURRENT.forget()
    _CURRENT, _CURRENT_LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)
db.on_close(close_click_journal)
atexit.register(close_click_journal)

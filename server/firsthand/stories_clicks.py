"""Counting a tracked link's clicks (/r/<code>): who is a bot, which click is a repeat, and
the write that counts (each answered click committed; clicks that arrive together share
one statement and one commit).

A click is counted for the employee's share of the story unless it is a link-preview bot
or a repeat from the same client within the repeat window. Nothing about the client is
stored: repeats are recognised by a keyed hash of its address and user agent, kept in
memory (or Redis, when the rate limits use it) only for the window.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import threading
import time
from datetime import datetime

from flask import current_app
from peewee import IntegrityError

from .db import database, one_writer
from .stories_click_connection import execute_click_write
from .stories_models import StoryClicks

# Link-preview fetchers, crawlers and scripts: they get the redirect, never a count. Matched
# against the lower-cased user agent: re.IGNORECASE makes this search about 15 times slower.
BOT_AGENTS = re.compile(
    r"bot\b|bot/|crawler|spider|facebookexternalhit|facebookcatalog|meta-externalagent|"
    r"slack|whatsapp|telegram|discord|skypeuripreview|embedly|preview|vkshare|pinterest|"
    r"headless|lighthouse|python-|curl/|wget/|go-http-client|okhttp|axios|node-fetch|"
    r"java/|libwww|httpclient|scrapy|mastodon|iframely|outbrain"
)
REPEAT_WINDOW_SECONDS = 30 * 60


def is_bot(user_agent: str | None) -> bool:
    return not user_agent or bool(BOT_AGENTS.search(user_agent.lower()))


class RepeatWindow:
    """Remembers, for a while, which clients already clicked which link.

    Keys are keyed hashes (a salt derived from the secret key and the day, never stored) of
    the client's address, user agent and the code; only the hash lives, only in memory or
    Redis, only for the window.
    """

    CAPACITY = 100_000  # clients remembered per process (memory); over it, the oldest go

    def __init__(self, seconds: int, redis_url: str | None = None) -> None:
        self.seconds = seconds
        self._seen: dict[bytes, float] = {}
        self._lock = threading.Lock()
        self._redis = None
        if redis_url and redis_url.startswith(("redis://", "rediss://")):
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=0.2)

    def first_time(self, key: bytes) -> bool:
        """True the first time a key is seen within the window (and remember it)."""
        if self._redis is not None:
            try:
                name = "firsthand:click:" + key.hex()
                return bool(self._redis.set(name, 1, nx=True, ex=self.seconds))
            except Exception:  # noqa: BLE001 - Redis down: fall back to this process's memory
                pass
        now = time.monotonic()
        with self._lock:
            if len(self._seen) >= self.CAPACITY:
                self._forget_oldest(now)
            expires = self._seen.get(key)
            if expires is not None and expires > now:
                return False
            self._seen.pop(key, None)  # put back last: the dict stays in order of expiry
            self._seen[key] = now + self.seconds
            return True

    def _forget_oldest(self, now: float) -> None:
        """Drop the expired keys and keep at most the newest half of CAPACITY: one sweep
        every CAPACITY / 2 new clients. (Dropping only the expired ones left a window full
        of current clicks over the cap, so every click swept all 100,000 keys again.)"""
        live = [(k, t) for k, t in self._seen.items() if t > now]
        self._seen = dict(live[-(self.CAPACITY // 2) :])


def repeat_window() -> RepeatWindow:
    app = current_app
    window = app.extensions.get("firsthand.click_window")
    if window is None:
        seconds = int(app.config.get("CLICK_REPEAT_SECONDS", REPEAT_WINDOW_SECONDS))
        window = RepeatWindow(seconds, app.config.get("RATELIMIT_STORAGE_URL"))
        app.extensions["firsthand.click_window"] = window
    return window


def client_key(code: str, address: str | None, user_agent: str, day: str) -> bytes:
    """The repeat window's key: BLAKE2b keyed with the day's salt (a MAC in one pass, about
    2 µs where HMAC-SHA256 through OpenSSL takes 8 to 9), 16 bytes."""
    salt = _day_salt(current_app.config["SECRET_KEYS"][-1], day)
    message = f"{address}|{user_agent}|{code}".encode()
    return hashlib.blake2b(message, key=salt, digest_size=16).digest()


@functools.lru_cache(maxsize=4)
def _day_salt(secret: str, day: str) -> bytes:
    """The day's salt: derived from the secret key, the same all day, never stored."""
    return hmac.digest(secret.encode(), f"firsthand.click-salt:{day}".encode(), "sha256")


# --- The one write: counting a click ---------------------------------------------------
#
# Durability first: a click whose request got its 302 is committed, so an app crash never
# loses an answered click and nothing is held in memory to flush later (as everywhere in
# Firsthand, only a power cut or a database server crash can lose the last commits).
# Within that, the commit is shared (group commit, leader and followers): count_click adds
# its click to this process's batch; if no write is running, its thread becomes the leader
# and writes the whole batch as ONE multi-row upsert (one statement on the process's click
# connection, in autocommit: atomic, one commit; see stories_click_connection for how that
# connection waits for SQLite's lock and commits on PostgreSQL), then wakes the followers
# whose clicks it held.
# While a leader writes, clicks that arrive wait for it and go together in the next batch.
# Alone, a click is a batch of one and waits for nobody; under load (2 workers × 8 threads)
# the statement, the commit and the round trip are paid once a batch instead of once a
# click. A failed write fails the requests of that batch only (a 500: none of them was
# answered with a 302), and an integrity error (a row a click cannot reference) is retried
# click by click, so it fails only that click.

UPSERT_CLICKS = (
    'INSERT INTO "story_clicks" ("story_id", "user_id", "clicks", "first_click_at", '
    '"last_click_at") VALUES {rows} '
    'ON CONFLICT ("story_id", "user_id") DO UPDATE SET '
    '"clicks" = "story_clicks"."clicks" + excluded."clicks", '
    '"last_click_at" = excluded."last_click_at"'
)
# Rows a statement holds at most (5 parameters each; SQLite allows 32,766). A batch holds at
# most one click a request thread, so this is a bound, not a size reached in practice.
MAX_ROWS = 500

Key = tuple[int, int]  # (story_id, user_id)


class ClickNotCounted(Exception):
    """The batch this click was in could not be written (the leader's error is its cause)."""


@functools.lru_cache(maxsize=64)
def _upsert_sql(rows: int, param: str) -> str:
    row = f"({param}, {param}, {param}, {param}, {param})"
    return UPSERT_CLICKS.format(rows=", ".join([row] * rows))


class _Batch:
    __slots__ = ("clicks", "done", "failed")

    def __init__(self) -> None:
        self.clicks: list[tuple[int, int, datetime]] = []
        self.done = False
        self.failed: dict[Key, BaseException] = {}  # what went wrong, by click


class ClickBatcher:
    """This process's group commit of clicks (see above). Thread-safe; one per process."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._filling = _Batch()  # where arriving clicks go
        self._writing = False  # a leader is writing a batch

    def count(self, story_id: int, user_id: int, now: datetime) -> None:
        """Return once the click is committed; raise if its batch could not be written."""
        lead = False
        with self._cond:
            mine = self._filling
            mine.clicks.append((story_id, user_id, now))
            while not mine.done:
                if not self._writing:  # then `mine` is still the batch being filled
                    lead, self._writing, self._filling = True, True, _Batch()
                    break
                self._cond.wait()
        if lead:
            try:
                with one_writer():
                    mine.failed = _write(mine.clicks)
            except BaseException as error:  # every click of the batch fails with it
                mine.failed = {(s, u): error for s, u, _ in mine.clicks}
            finally:
                with self._cond:
                    mine.done, self._writing = True, False
                    self._cond.notify_all()
        error = mine.failed.get((story_id, user_id))
        if error is None:
            return
        if lead:
            raise error
        raise ClickNotCounted("the batch holding this click was not written") from error


def _write(clicks: list[tuple[int, int, datetime]]) -> dict[Key, BaseException]:
    """Write clicks with as few statements as possible; the ones that failed, by key."""
    totals: dict[Key, list] = {}  # one row per (story, user): PostgreSQL refuses a row
    for story_id, user_id, at in clicks:  # affected twice by one ON CONFLICT statement
        row = totals.get((story_id, user_id))
        if row is None:
            totals[(story_id, user_id)] = [1, at, at]
        else:
            row[0] += 1
            row[1], row[2] = min(row[1], at), max(row[2], at)
    keys = list(totals)
    failed: dict[Key, BaseException] = {}
    for start in range(0, len(keys), MAX_ROWS):
        chunk = keys[start : start + MAX_ROWS]
        try:
            _upsert(chunk, totals)
        except IntegrityError as error:
            if len(chunk) == 1:
                failed[chunk[0]] = error
                continue
            for key in chunk:  # one bad row (e.g. a person deleted meanwhile) fails alone
                try:
                    _upsert([key], totals)
                except IntegrityError as alone:
                    failed[key] = alone
    return failed


def _upsert(keys: list[Key], totals: dict[Key, list]) -> None:
    """One statement, run on its own (autocommit): atomic on SQLite and PostgreSQL alike."""
    as_db = StoryClicks.last_click_at.db_value
    params: list = []
    for key in keys:
        clicks, first, last = totals[key]
        first = as_db(first)
        params += (key[0], key[1], clicks, first, first if clicks == 1 else as_db(last))
    execute_click_write(_upsert_sql(len(keys), database.obj.param), params)


_BATCHER: ClickBatcher | None = None
_BATCHER_LOCK = threading.Lock()


def _batcher() -> ClickBatcher:
    """This process's batcher, made on first use (a forked worker makes its own)."""
    global _BATCHER
    if _BATCHER is None:
        with _BATCHER_LOCK:
            if _BATCHER is None:
                _BATCHER = ClickBatcher()
    return _BATCHER


def _forget_batcher_after_fork() -> None:
    global _BATCHER, _BATCHER_LOCK
    _BATCHER, _BATCHER_LOCK = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_batcher_after_fork)


def count_click(story_id: int, user_id: int, now: datetime) -> None:
    """Add one click to the employee's count for the story; return once it is committed.

    Never inside a transaction: a leader's batch must commit on its own when written (in an
    open transaction its followers would be told "committed" before it is).
    """
    if database.in_transaction():
        raise RuntimeError("count_click commits on its own: call it outside a transaction")
    _batcher().count(story_id, user_id, now)

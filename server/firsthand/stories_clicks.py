"""Counting a tracked link's clicks (/r/<code>): who is a bot, which click is a repeat, and
where a counted click goes (this process's click journal, stories_click_journal).

A click is counted for the employee's share of the story unless it is a link-preview bot
or a repeat from the same client within the repeat window. Nothing about the client is
stored: repeats are recognised by a keyed hash of its address and user agent, kept in
memory (or Redis, when the rate limits use it) only for the window.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import re
import threading
import time
from datetime import datetime
from pathlib import Path

from flask import Flask, current_app

from .stories_click_journal import apply_click_journals, journal_click

log = logging.getLogger(__name__)

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


def count_click(story_id: int, user_id: int, now: datetime) -> None:
    """Count one click for the employee's share of the story: written to this process's
    click journal (stories_click_journal) before the redirect is answered, in the database
    about APPLY_SECONDS later. A journal that cannot be written (a folder that cannot be
    made or written) loses the click, loudly, but never the reader's redirect."""
    try:
        journal_click(journal_folder(current_app), story_id, user_id, now)
    except OSError as error:
        log.error("tracked-link click not counted: the click journal failed (%s)", error)


def journal_folder(app: Flask) -> Path:
    """The app's click journals: FIRSTHAND_CLICK_JOURNAL_DIR (or click-journal/ in the
    instance folder), one subfolder per database, so that two servers sharing a folder
    never apply each other's clicks to the wrong database. Worked out once per app (a Path
    costs more than the rest of counting a click)."""
    folder = app.extensions.get("firsthand.click_journal_dir")
    if folder is None:
        url = app.config["DATABASE_URL"].encode()
        which = hashlib.sha256(url).hexdigest()[:12]
        folder = Path(app.config["CLICK_JOURNAL_DIR"]) / which
        app.extensions["firsthand.click_journal_dir"] = folder
    return folder


def apply_pending_clicks() -> int:
    """Put every click counted so far (by any process of this instance) in the database now,
    for a reader that cannot wait the journals' APPLY_SECONDS (tests, benchmarks); how many."""
    return apply_click_journals(journal_folder(current_app))

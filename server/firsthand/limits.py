"""Per-user rate limits on writes (Flask-Limiter; memory or Redis storage)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import Flask, Response, current_app, g, request
from flask_limiter import Limiter
from limits.storage import MemoryStorage

P = ParamSpec("P")
R = TypeVar("R")

# How often the in-memory store sweeps out expired counters (of people who did not come back;
# a counter read again is expired on the spot anyway).
SWEEP_SECONDS = 5.0


class SweptMemoryStorage(MemoryStorage):
    """limits' in-memory store, sweeping expired keys every few seconds instead of after
    every hit: the stock store starts a new timer thread on each write once the last one
    ran (10 ms later), which cost a logged share more CPU than its rate check."""

    STORAGE_SCHEME = ["firsthand-memory"]

    def __init__(self, uri: str | None = None, **options) -> None:
        self._next_sweep = 0.0
        self._sweep_lock = threading.Lock()
        super().__init__(uri, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 (the parent's private hook)
        now = time.monotonic()
        if now < self._next_sweep or not self._sweep_lock.acquire(blocking=False):
            return
        try:
            if now >= self._next_sweep and not self.timer.is_alive():
                self._next_sweep = now + SWEEP_SECONDS
                self.timer = threading.Timer(0.01, self._MemoryStorage__expire_events)
                self.timer.daemon = True
                self.timer.start()
        finally:
            self._sweep_lock.release()


def caller_key() -> str:
    """Key limits on the signed-in user, so one person cannot farm from many IPs."""
    user = g.get("user")
    return f"user:{user.id}" if user is not None else f"ip:{request.remote_addr}"


class _Limiter(Limiter):
    """Flask-Limiter, without its before-request pass over every request when no limit could
    apply there.

    That pass is for limits that cover requests rather than views (application-wide,
    default, blueprint and meta limits, in-memory fallback limits); Firsthand declares its
    limits on the views, which check them when called. With none of the others configured
    the pass resolved and evaluated an empty list on every request: about a third of the
    limiter's CPU on a logged share and a quarter of a health check's.
    """

    def _check_request_limit(
        self, callable_name: str | None = None, in_middleware: bool = True
    ) -> None:
        if in_middleware and not self._limits_beyond_views():
            return
        super()._check_request_limit(callable_name, in_middleware)

    def _limits_beyond_views(self) -> bool:
        manager = self.limit_manager
        return bool(
            manager._application_limits
            or manager._default_limits
            or manager._blueprint_limits
            or self._meta_limits
            or self._in_memory_fallback
        )


limiter = _Limiter(key_func=caller_key, headers_enabled=True)


def writes_limit() -> str:
    return current_app.config["RATELIMIT_WRITES"]


def readings_limit() -> str:
    """Reach readings (the extension reads the employee's own posts' counts as they scroll,
    one a post an hour): the writes' numbers in a budget of their own, so a scroll through
    one's activity page never holds up logging a share."""
    return current_app.config["RATELIMIT_WRITES"]


def refused_limit() -> str:
    return current_app.config["RATELIMIT_REFUSED"]


def accepted(response: Response) -> bool:
    """Only what was carried out spends the quota: a refused request (4xx) is a mistake, and
    a retry answered with what it already did (`answered_from_before`) writes nothing."""
    return response.status_code < 400 and not g.get("answered_from_before", False)


def answered_from_before() -> None:
    """Mark this request's answer as a replay of an earlier write (same Idempotency-Key,
    same post): it spends none of the write quota."""
    g.answered_from_before = True


def write_quota(view: Callable[P, R]) -> Callable[P, R]:
    """The caller's write quota: one budget for every write endpoint together (scope
    "writes"), not one per endpoint: 30 shares a minute left kudos, profile changes and
    deletes each a 30 of their own. Only accepted writes spend it."""
    return limiter.shared_limit(writes_limit, "writes", deduct_when=accepted)(view)


def spends_write_quota(write: Callable[P, R]) -> Callable[P, R]:
    """Check the caller's write quota when `write` is called rather than when the request
    arrives, for a view that first answers what needs no quota: a refusal (its own budget)
    or a retry of a write it already did. Same limit, same counter (the shared "writes"
    one), same 429; declared with `operation(..., quota_in_view=True)`."""
    return write_quota(write)


def refused(response: Response) -> bool:
    """Refusals have their own, separate budget, so a client looping on an error slows down;
    so do retries answered from before (they spend no write quota), so a client looping on
    one is slowed too, not served without end."""
    return response.status_code >= 400 or g.get("answered_from_before", False)


def refusals_budget(limit: Callable[[], str], view: Callable[P, R]) -> Callable[P, R]:
    """The refusals budget of the requests of `limit`'s kind: refused writes slow writes and
    refused draft readings slow draft readings, never the other kind (a client re-logging a
    logged share, answered 200 and counted here, shut the composer's suggestions off)."""
    kinds = {suggestions_limit: "suggestions", readings_limit: "readings"}
    kind = kinds.get(limit, "writes")
    return limiter.shared_limit(refused_limit, f"refused-{kind}", deduct_when=refused)(view)


def suggestions_limit() -> str:
    return current_app.config["RATELIMIT_SUGGESTIONS"]


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["RATELIMIT_STORAGE_URL"])
    if app.config["RATELIMIT_STORAGE_URI"] == "memory://":
        app.config["RATELIMIT_STORAGE_URI"] = "firsthand-memory://"
    app.config.setdefault("RATELIMIT_ENABLED", True)
    # Redis configured but down: keep serving, counting per process in memory (Flask-Limiter
    # logs "Rate limit storage unreachable - falling back to in-memory storage" and returns to
    # Redis when it answers again), and give up on an unreachable Redis within half a second.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    if app.config["RATELIMIT_STORAGE_URI"].startswith(("redis://", "rediss://")):
        app.config.setdefault(
            "RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        )
    # Registered before the limiter's own hook, so it runs after it (Flask runs after_request
    # hooks last registered first).
    app.after_request(_retry_after_only_when_refused)
    limiter.init_app(app)


def _retry_after_only_when_refused(response: Response) -> Response:
    """Flask-Limiter adds Retry-After (with the X-RateLimit-* headers) to every answer of a
    limited route; on a 200 or a 422 it told clients to wait when nothing asked them to. A 429
    and a busy database's 503 (errors.py) say when to come back."""
    if response.status_code not in (429, 503):
        response.headers.pop("Retry-After", None)
    busy = getattr(response, "busy_retry_after", None)
    if busy is not None:  # the limiter set its own window's reset over it
        response.headers["Retry-After"] = str(busy)
    return response


def store_state() -> dict:
    """The rate-limit store, for /health: its kind and whether it answers."""
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    kind = uri.partition("://")[0].removeprefix("firsthand-") or "memory"
    if kind == "memory":
        return {"state": "ok", "kind": kind}
    try:
        answers = bool(limiter.storage.check())
    except Exception:  # noqa: BLE001 - any failure means it does not answer
        answers = False
    if answers:
        return {"state": "ok", "kind": kind}
    return {
        "state": "degraded",
        "kind": kind,
        "message": "unreachable: limits are counted per process in memory until it answers",
    }

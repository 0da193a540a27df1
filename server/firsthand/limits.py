"""Per-user rate limits on writes (Flask-Limiter; memory or Redis storage)."""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_limiter import Limiter


def caller_key() -> str:
    """Key limits on the signed-in user, so one person cannot farm from many IPs."""
    user = g.get("user")
    return f"user:{user.id}" if user is not None else f"ip:{request.remote_addr}"


limiter = Limiter(key_func=caller_key, headers_enabled=True)


def writes_limit() -> str:
    return current_app.config["RATELIMIT_WRITES"]


def suggestions_limit() -> str:
    return current_app.config["RATELIMIT_SUGGESTIONS"]


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["RATELIMIT_STORAGE_URL"])
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)

"""Per-user rate limits on writes (Flask-Limiter; memory or Redis storage)."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request
from flask_limiter import Limiter


def caller_key() -> str:
    """Key limits on the signed-in user, so one person cannot farm from many IPs."""
    user = g.get("user")
    return f"user:{user.id}" if user is not None else f"ip:{request.remote_addr}"


limiter = Limiter(key_func=caller_key, headers_enabled=True)


def writes_limit() -> str:
    return current_app.config["RATELIMIT_WRITES"]


def refused_limit() -> str:
    return current_app.config["RATELIMIT_REFUSED"]


def accepted(response: Response) -> bool:
    """Only what was carried out spends the quota: a refused request (4xx) is a mistake."""
    return response.status_code < 400


def refused(response: Response) -> bool:
    """Refusals have their own, separate budget, so a client looping on an error slows down."""
    return response.status_code >= 400


def suggestions_limit() -> str:
    return current_app.config["RATELIMIT_SUGGESTIONS"]


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["RATELIMIT_STORAGE_URL"])
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)

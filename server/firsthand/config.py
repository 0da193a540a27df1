"""Configuration from environment variables, with safe defaults."""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

from .body_limit import request_body_limit
from .clock import utc_now

# Without FIRSTHAND_EXTENSION_ORIGINS (development), any well-formed extension origin: a
# Chrome id is 32 letters a-p, a Firefox one a lowercase UUID. Compiled, so case counts.
DEVELOPMENT_EXTENSION_ORIGINS = [
    re.compile(r"chrome-extension://[a-p]{32}\Z"),
    re.compile(r"moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z"),
]
PACKAGE_DATA_DIR = Path(__file__).parent / "data"


def data_dir() -> Path:
    """The folder of the admin-editable data files (FIRSTHAND_DATA_DIR, else the package's)."""
    return Path(os.environ.get("FIRSTHAND_DATA_DIR") or PACKAGE_DATA_DIR)


def from_environment(instance_path: str) -> dict:
    """Build the config mapping from FIRSTHAND_* variables."""
    env = os.environ.get
    extra_origins = _origins(env("FIRSTHAND_CORS_ORIGINS"))
    extension_origins = _origins(env("FIRSTHAND_EXTENSION_ORIGINS"))
    return {
        "DATABASE_URL": env("FIRSTHAND_DATABASE_URL")
        or f"sqlite:///{Path(instance_path) / 'firsthand.db'}",
        "SECRET_KEYS": _secret_keys(env("FIRSTHAND_SECRET_KEY"), instance_path),
        "TOKEN_MAX_AGE_DAYS": _whole("FIRSTHAND_TOKEN_MAX_AGE_DAYS", 90, least=1),
        "INVITE_MAX_AGE_DAYS": _whole("FIRSTHAND_INVITE_MAX_AGE_DAYS", 7, least=1),
        "PUBLIC_URL": (env("FIRSTHAND_PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/"),
        "EXTENSION_ORIGINS": extension_origins,
        # Exactly these origins (compiled, so matched with their case, never as a pattern).
        "CORS_ORIGINS": [_exactly(o) for o in extension_origins + extra_origins]
        + ([] if extension_origins else DEVELOPMENT_EXTENSION_ORIGINS),
        "RATELIMIT_STORAGE_URL": env("FIRSTHAND_RATELIMIT_STORAGE_URL") or "memory://",
        "PROXY_HOPS": _whole("FIRSTHAND_PROXY_HOPS", 0),
        "RATELIMIT_WRITES": env("FIRSTHAND_RATELIMIT_WRITES") or "30/minute;500/day",
        "RATELIMIT_REFUSED": env("FIRSTHAND_RATELIMIT_REFUSED") or "60/minute",
        "RATELIMIT_SUGGESTIONS": env("FIRSTHAND_RATELIMIT_SUGGESTIONS") or "120/minute",
        "DATA_DIR": str(data_dir()),
        "ISSUER_NAME": env("FIRSTHAND_ISSUER_NAME") or "Firsthand",
        "ISSUER_EMAIL": env("FIRSTHAND_ISSUER_EMAIL") or "badges@firsthand.example",
        "OB3_KEY_FILE": env("FIRSTHAND_OB3_KEY_FILE")
        or str(Path(instance_path) / "ob3_signing_key.pem"),
        # The largest body a request schema admits (body_limit: 235 KiB, a 20,000-character
        # draft of emoji escaped as json.dumps writes them), so no admitted body gets a 413.
        "MAX_CONTENT_LENGTH": request_body_limit(),
        "SMTP_URL": env("FIRSTHAND_SMTP_URL") or None,
        "CONSOLE_LINK_MINUTES": _whole("FIRSTHAND_CONSOLE_LINK_MINUTES", 15, least=1),
        "CONSOLE_IDLE_MINUTES": _whole("FIRSTHAND_CONSOLE_IDLE_MINUTES", 60, least=1),
        "CONSOLE_SESSION_HOURS": _whole("FIRSTHAND_CONSOLE_SESSION_HOURS", 12, least=1),
        # Analytics (issue 15): smallest group shown on its own; earned media value inputs.
        "ANALYTICS_MIN_GROUP": _whole("FIRSTHAND_ANALYTICS_MIN_GROUP", 3, least=3, why=SINGLES_OUT),
        "ANALYTICS_CACHE_SECONDS": _whole("FIRSTHAND_ANALYTICS_CACHE_SECONDS", 300),
        # Unset (None) unless the program sets them: a made-up price would show a new admin a
        # money figure that is nobody's ("USD 0.00 = … × CPM USD 8.00").
        "EMV_CPM": _amount("FIRSTHAND_EMV_CPM", None),
        "EMV_CPC": _amount("FIRSTHAND_EMV_CPC", None),
        "EMV_CURRENCY": env("FIRSTHAND_EMV_CURRENCY") or "USD",
        "IMPORT_MAX_BYTES": 8 * 1024 * 1024,
        # Where each process journals its counted clicks before the database has them
        # (stories_click_journal): a folder on a local disk, shared by the server's workers.
        "CLICK_JOURNAL_DIR": env("FIRSTHAND_CLICK_JOURNAL_DIR")
        or str(Path(instance_path) / "click-journal"),
        "CLOCK": utc_now,
        # Validate every API answer against its declared schema (the test suite turns it on).
        "CHECK_RESPONSES": (env("FIRSTHAND_CHECK_RESPONSES") or "") == "1",
    }


class ConfigError(ValueError):
    """A FIRSTHAND_* variable the server cannot use: its message names it and says why."""


# Below three, a member who knows their own part of a group's figure learns the others'.
SINGLES_OUT = "smaller groups would single people out"


def _whole(name: str, default: int, least: int = 0, why: str = "") -> int:
    """A whole number of at least `least` (a typo stopped the start with a bare int()
    traceback; a negative or zero lifetime was taken)."""
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) < least:
        because = f" ({why})" if why else ""
        raise ConfigError(
            f"{name} must be a whole number of {least} or more{because}, not {value!r}."
        )
    return int(value)


def _amount(name: str, default: float | None) -> float | None:
    """A finite amount of at least 0 ("nan" and "inf" were taken)."""
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    try:
        amount = float(value)
    except ValueError:
        amount = -1.0
    if not 0 <= amount < float("inf"):
        raise ConfigError(f"{name} must be an amount of 0 or more, such as 8.5, not {value!r}.")
    return amount


def _origins(value: str | None) -> list[str]:
    return [o.strip().rstrip("/") for o in (value or "").split(",") if o.strip()]


def _exactly(origin: str) -> re.Pattern:
    return re.compile(re.escape(origin) + r"\Z")


def _secret_keys(value: str | None, instance_path: str) -> list[str]:
    """Return signing keys oldest first, as itsdangerous expects for rotation.

    The variable lists them newest first (the one to sign with leads), which is
    how people write rotations down; without it a key is generated once and kept
    in the instance folder so tokens survive restarts.
    """
    if value:
        keys = [k.strip() for k in value.split(",") if k.strip()]
        if keys:
            return list(reversed(keys))
    return [_instance_secret(Path(instance_path) / "secret_key")]


def _instance_secret(path: Path) -> str:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        # O_EXCL: several gunicorn workers may start at once; only one writes.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_urlsafe(48)
        handle.write(key)
    return key


def _read_secret(path: Path) -> str:
    for _ in range(50):  # another process may be between creating and writing it
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{path} is empty: delete it or set FIRSTHAND_SECRET_KEY")

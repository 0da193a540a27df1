"""Small helpers the console's views share: the clock, keyset cursors, form values."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime

from flask import current_app, flash, g, redirect, request, session, url_for

from .. import mail
from ..errors import ApiError
from ..input_guard import cap_marks, check_json

# What a flash may hold: its words travel in the session cookie, which a browser drops whole
# past 4 KB (a refusal quoting 150 column titles was 6.6 KB: the page then showed nothing, and
# the session was gone too). The latest few messages are kept, each shortened past a limit.
FLASH_CHARS = 600
FLASHES_KEPT = 3


def now() -> datetime:
    return current_app.config["CLOCK"]()


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str | None, size: int, kinds: tuple[type, ...] = ()) -> list | None:
    """A cursor from the query string, or None when absent or not one of ours (with `kinds`,
    its values must be of those types: a forged [1, "x"] compared with (name, id) was a 500
    on PostgreSQL)."""
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past Python's depth
        return None
    if not isinstance(values, list) or len(values) != size:
        return None
    if kinds and any(type(v) is not kind for v, kind in zip(values, kinds, strict=True)):
        return None  # type(), not isinstance(): True is not an id
    try:
        check_json(values)  # a forged cursor: NUL, surrogates or ids beyond 64 bits
    except ApiError:
        return None
    return values


def form_text(name: str, max_length: int = 2000, label: str | None = None) -> str:
    """A form field, trimmed, without piles of combining marks (input_guard.cap_marks: the
    guidelines keep their text as typed otherwise); too long is refused (422), never cut
    short silently, naming the field by `label` (what its form calls it) or its name."""
    # A form sends each line break as CRLF (HTML), which the browser's maxlength counted as
    # one character: a text it let through was refused here, its line breaks counted twice.
    text = cap_marks((request.form.get(name) or "").replace("\r\n", "\n").strip())
    if len(text) > max_length:
        field = label or name.replace("_", " ").capitalize()
        reason = f"is too long: at most {max_length:,} characters, and it has {len(text):,}"
        raise ApiError(
            422,
            f"{field} {reason}. Nothing was saved.",
            code="too_long",
            details=[{"field": name, "message": reason}],  # shown beside it (field_errors)
        )
    return text


def field_errors(error: ApiError, fields: dict, words=None) -> tuple[dict[str, str], str | None]:
    """What a refused form shows: each fault beside the field it names (the error's details
    naming fields of `fields`, field -> the form's label for it), or, when some part of it
    names none of them, the whole message above the form. `words(field, reason)` says one
    fault in the form's words (else "Label reason."; a fault alone keeps its own message)."""
    details = error.details if isinstance(error.details, list) else []
    if not details or any(not isinstance(d, dict) or d.get("field") not in fields for d in details):
        return {}, error.message
    if words is None and len(details) == 1:
        return {details[0]["field"]: error.message}, None
    found: dict[str, str] = {}
    for detail in details:
        field, reason = detail["field"], detail["message"]
        said = words(field, reason) if words else f"{fields[field]} {reason}."
        found[field] = f"{found[field]} {said}" if field in found else said
    return {field: found[field] for field in fields if field in found}, None  # form order


def whole_number(raw: str | None) -> int | None:
    """An id typed or sent in a form or query: 1 to 17 ASCII digits, else None (not a
    number). str.isdigit() also says yes to '²', which int() refuses (a 500)."""
    raw = (raw or "").strip()
    return int(raw) if re.fullmatch(r"[0-9]{1,17}", raw) else None


def form_int(name: str) -> int | None:
    return whole_number(request.form.get(name))


def form_ints(name: str) -> list[int]:
    """Every value of a repeated form field that is a whole number (ticked teams)."""
    numbers = (whole_number(raw) for raw in request.form.getlist(name))
    return [n for n in numbers if n is not None]


def arg_int(name: str) -> int | None:
    return whole_number(request.args.get(name))


def failed(error: ApiError, endpoint: str, **values):
    """Show a domain error above the form it came from (post/redirect/get)."""
    flash(error.message, "error")
    return redirect(url_for(endpoint, **values))


def bound_flashes(response):
    """After a console request: every message waiting in the session within FLASH_CHARS, and
    no more than the last FLASHES_KEPT of them."""
    if not request.path.startswith("/console"):  # the session cookie's path: none elsewhere
        return response
    waiting = session.get("_flashes")
    if waiting and (len(waiting) > FLASHES_KEPT or any(len(m) > FLASH_CHARS for _, m in waiting)):
        session["_flashes"] = [(kind, _shortened(m)) for kind, m in waiting[-FLASHES_KEPT:]]
    return response


def _shortened(message: str) -> str:
    if len(message) <= FLASH_CHARS:
        return message
    cut = message[: FLASH_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[FLASH_CHARS // 2 :] else cut) + "…"


def done(message: str, endpoint: str, **values):
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


def template_globals() -> dict:
    from .security import nav_for

    user = g.get("console_user")
    return {
        "console_user": user,
        "console_nav": nav_for(user) if user else [],
        "mail_configured": mail.configured(),
    }

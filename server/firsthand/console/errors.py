"""Console errors are pages a person can act on, never JSON."""

from __future__ import annotations

import math
import time

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from .. import errors
from .security import signed_in_user

TITLES = {
    400: "That did not work",
    403: "Not for you",
    404: "Not found",
    405: "Not allowed",
    413: "That was too much to send",
    429: "Too many tries",
    500: "Something went wrong",
}


def error_page(status: int, message: str):
    if status == 404 and message.startswith("The requested URL"):
        message = "There is no such page in the console."
    if status == 413:
        message = _too_much()
    if status == 429:  # the limiter's own words ("10 per 1 minute") are for programs
        message = _try_again()
    html = render_template(
        "console/error.html",
        status=status,
        title=TITLES.get(status, "That did not work"),
        message=message,
        user=signed_in_user(),
    )
    return html, status, {"Content-Type": "text/html; charset=utf-8"}


def _too_much() -> str:
    """Which limit a 413 met: the body's size (an upload) or Werkzeug's count of form parts
    (a form of over 1,000 fields, which said "file too big" of a form with no file)."""
    limit = request.max_content_length
    sent = request.content_length  # None: a chunked body, cut at the limit as it was read
    if limit is not None and (sent is None or sent > limit):
        return (
            f"That is over the {_size(limit)} this page accepts. Send a smaller file "
            "(split a long import into several), or fewer and shorter fields."
        )
    return (
        f"This form sent more than {request.max_form_parts:,} fields, more than the console "
        "accepts in one go. Go back and choose fewer, then send it again in parts."
    )


def _try_again() -> str:
    """When the limit met lets this address try again: the Retry-After the answer carries."""
    from ..limits import limiter

    met = limiter.current_limit
    if met is None:
        return "That was tried too often from here in a short time. Wait a minute, then try again."
    wait = max(1, int(met.reset_at - time.time()))  # as Flask-Limiter writes Retry-After
    if wait < 60:
        when = f"{wait} second{'s' * (wait != 1)}"
    else:
        minutes = math.ceil(wait / 60)
        when = f"{minutes} minute{'s' * (minutes != 1)}"
    return f"That was tried too often from here in a short time. Try again in {when}."


def _size(limit: int) -> str:
    return f"{limit / 1048576:g} MiB" if limit >= 1048576 else f"{limit // 1024} KiB"


def init_errors(app: Flask) -> None:
    errors.html_pages("/console", error_page)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        message = (
            "This form was not sent from a console page you have open (its security token "
            "is missing or has expired). Go back, reload the page and try again."
        )
        if not request.path.startswith("/console"):
            return errors.error_response(400, message, "csrf_failed")
        return error_page(400, message)

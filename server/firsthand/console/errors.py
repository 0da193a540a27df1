"""Console errors are pages a person can act on, never JSON."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from .. import errors
from .security import signed_in_user

TITLES = {
    400: "That did not work",
    403: "Not for you",
    404: "Not found",
    405: "Not allowed",
    413: "That file is too big",
    500: "Something went wrong",
}


def error_page(status: int, message: str):
    if status == 404 and message.startswith("The requested URL"):
        message = "There is no such page in the console."
    html = render_template(
        "console/error.html",
        status=status,
        title=TITLES.get(status, "That did not work"),
        message=message,
        user=signed_in_user(),
    )
    return html, status, {"Content-Type": "text/html; charset=utf-8"}


def init_errors(app: Flask) -> None:
    errors.html_pages("/console", error_page)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        from flask import request

        message = (
            "This form was not sent from a console page you have open (its security token "
            "is missing or has expired). Go back, reload the page and try again."
        )
        if not request.path.startswith("/console"):
            return errors.error_response(400, message, "csrf_failed")
        return error_page(400, message)

"""Every error leaves the API as JSON: {"error": {"code", "message", "details"?}}."""

from __future__ import annotations

import logging
import sqlite3
import traceback

import peewee
from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from .error_words import in_reader_language, say, together

log = logging.getLogger(__name__)

# Codes a client can switch on, by HTTP status.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    503: "unavailable",
    500: "internal_error",
}

MESSAGES = {
    404: "No such endpoint or resource.",
    405: "This endpoint does not accept that HTTP method.",
}


# Paths served as web pages rather than JSON: (prefix, renderer(status, message)). The
# console registers itself here so its errors are pages.
HTML_PAGES: list[tuple[str, object]] = []


def html_pages(prefix: str, render) -> None:
    """Answer errors under `prefix` with `render(status, message)`, a page (once per app)."""
    if (prefix, render) not in HTML_PAGES:
        HTML_PAGES.append((prefix, render))


def _html_renderer(path: str):
    return next((render for prefix, render in HTML_PAGES if path.startswith(prefix)), None)


class ApiError(Exception):
    """An error the client can act on."""

    def __init__(
        self, status: int, message: str, *, code: str | None = None, details: object = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.details = details


class PersonErased(ApiError):
    """The person a write is for was erased (DELETE /me, the console) after the request read
    them: nothing is written for them any more. A 401 like their revoked token's."""

    def __init__(self) -> None:
        super().__init__(401, say("error.account_erased"), code="token_revoked")


def invalid(field: str, reason: str, message: str | None = None, code: str | None = None):
    """A 422 about one field: `details` names it and says what is wrong ("is in the future");
    the message defaults to both ("posted_at is in the future.")."""
    details = [{"field": field, "message": reason}]
    return ApiError(422, message or f"{field} {reason}.", code=code, details=details)


class Faults:
    """Field faults gathered while a form is checked, raised together (`all_faults`) at the
    end: `check` runs one validation and keeps its 422 instead of stopping at it."""

    def __init__(self) -> None:
        self.found: list[ApiError] = []

    def add(self, fault: ApiError) -> None:
        self.found.append(fault)

    def check(self, validate, *args):
        """validate(*args), or None with its 422 field fault kept (any other error is raised)."""
        try:
            return validate(*args)
        except ApiError as fault:
            if fault.status != 422 or not fault.details:
                raise
            self.found.append(fault)
            return None

    def raise_any(self) -> None:
        if self.found:
            raise all_faults(self.found)


def all_faults(faults: list[ApiError]) -> ApiError:
    """One 422 naming every field fault found (each from `invalid`), so that a form is put
    right in one go rather than one refusal at a time."""
    details = [d for fault in faults for d in fault.details or ()]
    return ApiError(422, together([f.message for f in faults]), details=details)


def error_response(
    status: int, message: str, code: str | None = None, details: object = None
) -> Response:
    body: dict = {"code": code or CODES.get(status, "error"), "message": message}
    if details is not None:
        body["details"] = details
    response = jsonify(error=body)
    response.status_code = status
    return response


BUSY_RETRY_AFTER = 5  # seconds; a write waits busy_timeout (10 s) before it gives up


# PostgreSQL's answers that mean "two writers met; this one was rolled back, try again":
# a deadlock (40P01), a serialisation failure (40001), a lock not available (55P03).
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "55P03"})
FOREIGN_KEY_VIOLATION = "23503"
STALE_MESSAGE = say("error.stale")
INTERNAL_MESSAGE = say("error.internal")


def database_busy(error: Exception) -> bool:
    """SQLite's "database is locked" (peewee's error or sqlite3's own), or PostgreSQL rolling
    a write back because it met another (peewee wraps psycopg's error: its cause says)."""
    locked = isinstance(error, (peewee.OperationalError, sqlite3.OperationalError))
    return (locked and "database is locked" in str(error)) or _sqlstate(
        error
    ) in RETRYABLE_SQLSTATES


def _stale_reference(error: Exception) -> bool:
    """A write naming a row another request deleted after this one read it (a team merged
    away meanwhile): SQLite's "FOREIGN KEY constraint failed", PostgreSQL's 23503. The
    transaction was rolled back whole, so it is a 409 to reload after, not a 500."""
    integrity = isinstance(error, (peewee.IntegrityError, sqlite3.IntegrityError))
    return (integrity and "FOREIGN KEY constraint failed" in str(error)) or _sqlstate(
        error
    ) == FOREIGN_KEY_VIOLATION


def _sqlstate(error: BaseException | None) -> str | None:
    for _ in range(4):  # the error, and the ones it was raised from
        if error is None:
            return None
        state = getattr(error, "sqlstate", None)
        if isinstance(state, str):
            return state
        error = error.__cause__ or error.__context__
    return None


def init_app(app: Flask) -> None:
    """Register the JSON error handlers."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Response:
        render = _html_renderer(request.path)
        if render:
            return render(error.status, error.message)
        message = in_reader_language(error.message)  # the extension shows it to a person
        return error_response(error.status, message, error.code, error.details)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        render = _html_renderer(request.path)
        if status == 405 and "//" in request.path and not render:
            # Werkzeug tries a path again with its slashes merged and reports the methods of
            # the rule it then finds, though API rules never merge slashes: GET /shares//1
            # said "405, Allow: DELETE" of a path that a DELETE found no such resource at.
            status = 404
        if render:
            return render(status, error.description or error.name)
        message = MESSAGES.get(status) or error.description or error.name
        details = None
        if status == 413:
            limit = current_app.config["MAX_CONTENT_LENGTH"] // 1024
            message = f"The request body is over the {limit} KiB limit."
        if status == 429:
            # The limit ("30 per 1 minute", Flask-Limiter's English) is for programs.
            message = in_reader_language(say("error.rate_limited"))
            details = {"limit": error.description}
        response = error_response(status, message, details=details)
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        retry_after = error.get_response().headers.get("Retry-After")
        if retry_after:  # Flask-Limiter's 429 says when to try again
            response.headers["Retry-After"] = retry_after
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if _stale_reference(error):
            log.warning(
                "a write met a row deleted meanwhile on %s %s", request.method, request.path
            )
            render = _html_renderer(request.path)
            if render:
                return render(409, STALE_MESSAGE)
            return error_response(409, in_reader_language(STALE_MESSAGE))
        if database_busy(error):
            # Other writes held SQLite's one write lock for the whole busy_timeout: the
            # write never began (BEGIN IMMEDIATE waits before anything is written); or
            # PostgreSQL rolled this one back on meeting another (a deadlock).
            log.warning("the database stayed busy on %s %s", request.method, request.path)
            message = say("error.busy")
            render = _html_renderer(request.path)
            if render:
                response = render(503, message)
            else:
                response = error_response(503, in_reader_language(message), "busy")
            response.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
            response.busy_retry_after = BUSY_RETRY_AFTER  # kept over the rate limit's (limits)
            return response
        # Log the type and route only: request bodies may hold draft text.
        # Log where it broke but not the exception's message or locals, which
        # may quote the request body (draft text is never logged).
        log.error(
            "unhandled %s on %s %s\n%s",
            type(error).__name__,
            request.method,
            request.path,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        render = _html_renderer(request.path)
        if render:
            return render(500, INTERNAL_MESSAGE)
        return error_response(500, in_reader_language(INTERNAL_MESSAGE))

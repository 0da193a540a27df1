"""gunicorn settings for Firsthand: request limits, and its own refusals as JSON.

Loaded by `gunicorn -c python:firsthand.gunicorn_conf 'firsthand:create_app()'` (the
gunicorn.conf.py at the repository's root does the same when gunicorn starts there).

gunicorn refuses some requests before Firsthand sees them (a request line or headers over
these limits, malformed HTTP, a bad chunk). It answers those with an HTML page; here they get
the API's error shape instead, `{"error": {"code", "message"}}`, without quoting the request.
"""

from __future__ import annotations

import json

from gunicorn import util

# The longest request line (method, path and query): API paths and queries are short; 4 KiB
# leaves room for a console page's query string. Over it: 414.
limit_request_line = 4094
# At most 50 headers of at most 8 KiB each (a browser sends about 15). Over: 431 or 400.
limit_request_fields = 50
limit_request_field_size = 8190
# Threads, not one request per process: a request mostly waits on the database (on
# PostgreSQL a counted click waits for its commit to reach the disk), and while one thread
# waits another runs. 4, 8 and 16 a worker measured alike on PostgreSQL (docs/stories.md,
# Measured); 8 lets 2 workers serve 16 clients at once. The pool holds 32 connections a worker.
worker_class = "gthread"
threads = 8
# A worker busy for 30 s is stuck (a request takes milliseconds).
timeout = 30
graceful_timeout = 20

CODES = {
    400: "bad_request",
    403: "forbidden",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "headers_too_large",
    501: "unsupported_transfer_coding",
}
MESSAGES = {
    400: "The request is not valid HTTP (a malformed request line, header or chunk).",
    403: "The request was refused.",
    414: f"The request line is over {limit_request_line} characters: shorten the URL.",
    417: "Expectation failed.",
    431: f"Too many headers (at most {limit_request_fields}) or a header over "
    f"{limit_request_field_size} bytes.",
    # RFC 9112 §6.1: a transfer coding the server does not read (xchunked, say) is a 501.
    501: "The request's Transfer-Encoding is not one this server reads: send the body with "
    "Content-Length, or as Transfer-Encoding: chunked alone.",
}
# gunicorn names every refusal it makes "Bad Request", its 501 too.
REASONS = {501: "Not Implemented"}


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's util.write_error, answering JSON (the message is ours, never the input)."""
    body = json.dumps(
        {
            "error": {
                "code": CODES.get(status_int, "bad_request" if status_int < 500 else "error"),
                "message": MESSAGES.get(status_int, reason),
            }
        }
    )
    reason = REASONS.get(status_int, reason)
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, (head + body).encode("latin1"))


util.write_error = write_json_error

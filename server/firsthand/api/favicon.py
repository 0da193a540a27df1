"""GET /favicon.ico: the extension's icon, so a browser tab on the server's pages (connect page,
console, badge pages) shows Firsthand instead of asking for it in vain on every page load.
scripts/make_icons.py draws it with the extension's icons.

Served from memory (a few KiB, read once): a file handle streamed to a browser that closed
its tab mid-answer was left open for the garbage collector (a ResourceWarning in a test run)."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, request

bp = Blueprint("favicon", __name__)

WEEK = 7 * 24 * 3600  # the icon changes with a release, if ever; revalidated by ETag after


@cache
def _icon(path: str) -> tuple[bytes, str]:
    body = Path(path).read_bytes()
    return body, hashlib.sha256(body).hexdigest()[:32]


@bp.get("/favicon.ico")
def favicon() -> Response:
    body, etag = _icon(str(Path(current_app.static_folder) / "favicon.ico"))
    response = Response(body, mimetype="image/vnd.microsoft.icon")
    response.cache_control.public = True
    response.cache_control.max_age = WEEK
    response.set_etag(etag)
    return response.make_conditional(request)

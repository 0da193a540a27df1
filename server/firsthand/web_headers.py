"""Headers every answer carries so a browser cannot be turned against its users.

HTML pages may not be framed (clickjacking a "Send" or "Deactivate" button), no answer is
content-sniffed into something it is not, and pages do not leak their URLs (which may carry a
connect link or a sign-in link) to other sites in the Referer header. Nor does a redirect of
the routing's own point at whatever host the request named.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, redirect, request
from werkzeug.routing import RequestRedirect

FRAME_ANCESTORS = "frame-ancestors 'none'"


def _secure(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        policy = response.headers.get("Content-Security-Policy")
        if not policy:
            response.headers["Content-Security-Policy"] = FRAME_ANCESTORS
        elif "frame-ancestors" not in policy:
            response.headers["Content-Security-Policy"] = f"{policy}; {FRAME_ANCESTORS}"
        response.headers.setdefault("X-Frame-Options", "DENY")  # browsers without CSP 2
        response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _redirect_on_this_server() -> Response | None:
    """Werkzeug's redirect to a path's canonical slashes (`/console` → `/console/`, `//` → `/`)
    is absolute, its host taken from the request's Host header, and permanent (308), so a
    cache in front keeps it: one request with `Host: evil.example` would send everyone
    there. The same redirect as a path on this server instead (never `//…`, which a browser
    reads as another host)."""
    found = request.routing_exception
    if not isinstance(found, RequestRedirect):
        return None
    target = urlsplit(found.new_url)
    path = "/" + target.path.lstrip("/")
    return redirect(f"{path}?{target.query}" if target.query else path, found.code)


def init_app(app: Flask) -> None:
    app.before_request(_redirect_on_this_server)
    app.after_request(_secure)

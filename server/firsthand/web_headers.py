"""Headers every answer carries so a browser cannot be turned against its users.

HTML pages may not be framed (clickjacking a "Send" or "Deactivate" button), no answer is
content-sniffed into something it is not, and pages do not leak their URLs (which may carry a
connect link or a sign-in link) to other sites in the Referer header. Nor does a redirect of
the routing's own point at whatever host the request named. Nor does a cache keep an API answer
meant for one person, or hand one origin's answer to another.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, g, redirect, request
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


def _api_caching(response: Response) -> Response:
    """Every API answer varies by Origin: flask-cors says so only when it allowed the origin,
    so a shared cache could keep an answer without CORS headers (to a page of another origin,
    or to no browser) and serve it to the extension, whose browser then refuses it. Vary is
    also made one header: flask-cors adds a second one beside the reader's language's.

    An answer to a request carrying a token is one person's (points, shares, names): no
    cache may store it (`no-store`, not `private, no-cache`: the extension does not revalidate,
    so a stored copy would only be a copy of personal data left on disk). A route that sets
    its own Cache-Control keeps it."""
    if not request.path.startswith("/api/"):
        return response
    varies: dict[str, str] = {}
    for line in [*response.headers.getlist("Vary"), "Origin"]:
        for name in filter(None, (part.strip() for part in line.split(","))):
            varies.setdefault(name.lower(), name)
    response.headers["Vary"] = ", ".join(varies.values())
    personal = "Authorization" in request.headers or g.get("user") is not None
    if personal and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
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
    app.after_request(_api_caching)  # before flask-cors registers its hook: runs after it

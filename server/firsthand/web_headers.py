"""Headers every answer carries so a browser cannot be turned against its users.

HTML pages may not be framed (clickjacking a "Send" or "Deactivate" button), no answer is
content-sniffed into something it is not, and pages do not leak their URLs (which may carry a
connect link or a sign-in link) to other sites in the Referer header. Nor does a redirect of
the routing's own point at whatever host the request named. Nor does a cache keep an API answer
meant for one person, or hand one origin's answer to another.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_from_bytes, urlsplit

from flask import Flask, Response, g, redirect, request
from werkzeug.routing import RequestRedirect
from werkzeug.serving import WSGIRequestHandler

FRAME_ANCESTORS = "frame-ancestors 'none'"
# The paths a browser sends the console's session cookie with (its Path is /console).
COOKIE_PATH = re.compile(r"/console(?:/|$)")


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


def _one_spelling() -> Response | None:
    """A path written so that the browser does not send the console's cookie (Path=/console)
    but the server reads as the console: "//console/people/" (Werkzeug routes it as
    /console/people/), or "/console%2Fpeople/" (decoded before routing). The console then saw
    no one signed in, and its sign-in redirect wrote a new cookie over the real one: any link
    so written signed the person out. Such a request is redirected to the path as the server
    reads it, before anything else runs (so no cookie is written). The API takes no cookie and
    answers as before."""
    doubled = request.environ.get("PATH_INFO", "").startswith("//")
    sent = _path_as_sent()
    hidden = request.path.startswith("/console") and sent is not None
    if request.path.startswith("/api/") or not (
        doubled or (hidden and not COOKIE_PATH.match(sent))
    ):
        return None
    query = quote_from_bytes(request.query_string, safe="&=+%;,/?:@!$'()*~")
    path = quote(request.path)
    return redirect(f"{path}?{query}" if query else path, 308)


def _path_as_sent() -> str | None:
    """The request's path as the client wrote it, before decoding (gunicorn's RAW_URI, or the
    development server's REQUEST_URI); None where the server gives neither."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if not raw:
        return None
    path = raw.split("?", 1)[0]
    return urlsplit(path).path if "://" in path else path  # a proxy's absolute form


class PathAsSent(WSGIRequestHandler):
    """The development server's requests (`firsthand run`) with the path as the client sent
    it in RAW_URI and REQUEST_URI: Python's http.server makes a leading "//" one "/" before
    Werkzeug reads it, so "//console/…", which a browser sends without the console's cookie,
    reached the console as "/console/…", with nothing to tell it apart (_one_spelling).
    gunicorn gives the path as sent."""

    def make_environ(self):
        environ = super().make_environ()
        sent = self.requestline.split(" ")
        if len(sent) > 1 and sent[1].startswith("//"):
            environ["RAW_URI"] = environ["REQUEST_URI"] = sent[1]
        return environ


def init_app(app: Flask) -> None:
    app.before_request(_one_spelling)
    app.before_request(_redirect_on_this_server)
    app.after_request(_secure)
    app.after_request(_api_caching)  # before flask-cors registers its hook: runs after it

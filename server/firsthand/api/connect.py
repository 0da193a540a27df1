"""The connect page: a connect link shows who it connects (GET, no side effects), and a POST
from that page, or the extension's own content script submitting it, spends the link.

Mail scanners (Outlook Safe Links, Slack unfurling) GET or HEAD every link before the person
clicks it; only a POST carrying the page's CSRF token, with the cookie the GET set, gets a token.
"""

import hmac
import secrets

from flask import Blueprint, current_app, render_template, request

from ..auth import issue_token, peek_invite, use_invite
from ..errors import ApiError
from ..people import mark_connected
from .helpers import now

bp = Blueprint("connect", __name__)

CSRF_COOKIE = "firsthand_connect_csrf"
CSRF_MINUTES = 60


@bp.get("/connect")
def confirm():
    """Say whose link this is and offer "Connect this browser"; the link stays unspent."""
    invite = request.args.get("invite", "")
    try:
        user = peek_invite(invite, current_app.config["INVITE_MAX_AGE_DAYS"])
    except ApiError as error:
        return _refused(error)
    csrf = secrets.token_urlsafe(24)
    html = render_template("connect.html", user=user, invite=invite, csrf=csrf, state="confirm")
    response = current_app.make_response(_private(html, 200))
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        max_age=CSRF_MINUTES * 60,
        path="/connect",
        secure=current_app.config["PUBLIC_URL"].startswith("https://"),
        httponly=True,
        samesite="Strict",
    )
    return response


@bp.post("/connect")
def connect():
    """Spend the link and hand the extension an API token on the page (once)."""
    invite = request.form.get("invite", "")
    sent, kept = request.form.get("csrf_token", ""), request.cookies.get(CSRF_COOKIE, "")
    if not (sent and kept and hmac.compare_digest(sent.encode(), kept.encode())):
        reason = (
            "This page could not be checked (it was open too long, or sent from another site). "
            "Open your connect link again."
        )
        return _private(render_template("connect.html", user=None, reason=reason), 400)
    try:
        user = use_invite(invite, current_app.config["INVITE_MAX_AGE_DAYS"], now())
    except ApiError as error:
        return _refused(error)
    mark_connected(user, now())
    # The server the extension will talk to is the configured public URL, never the Host
    # header of this request (which anyone can set).
    server = current_app.config["PUBLIC_URL"]
    html = render_template(
        "connect.html", user=user, token=issue_token(user), server=server, state="connected"
    )
    return _private(html, 200)


def _refused(error: ApiError):
    if error.code == "invite_used":
        html = render_template("connect.html", user=None, used_at=error.details)
        return _private(html, 410)
    reason = {
        "token_expired": "This connect link has expired.",
        "token_revoked": "This connect link was revoked.",
    }.get(error.code, "This connect link is not valid (it may be cut short or altered).")
    return _private(render_template("connect.html", user=None, reason=reason), 400)


def _private(html: str, status: int):
    # The page carries a live link or token: keep it out of caches and Referer headers.
    return (
        html,
        status,
        {
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            "Content-Type": "text/html; charset=utf-8",
        },
    )

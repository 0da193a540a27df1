from flask import Blueprint, current_app, render_template, request

from ..auth import issue_token, use_invite
from ..errors import ApiError
from ..people import mark_connected
from .helpers import now

bp = Blueprint("connect", __name__)


@bp.get("/connect")
def connect():
    """Turn a connect link into an API token the extension picks up from the page (once)."""
    invite = request.args.get("invite", "")
    try:
        user = use_invite(invite, current_app.config["INVITE_MAX_AGE_DAYS"], now())
    except ApiError as error:
        if error.code == "invite_used":
            html = render_template("connect.html", user=None, used_at=error.details)
            return _private(html, 410)
        reason = {
            "token_expired": "This connect link has expired.",
            "token_revoked": "This connect link was revoked.",
        }.get(error.code, "This connect link is not valid (it may be cut short or altered).")
        html = render_template("connect.html", user=None, reason=reason)
        return _private(html, 400)
    mark_connected(user, now())
    # The server the extension will talk to is the configured public URL, never the Host
    # header of this request (which anyone can set).
    server = current_app.config["PUBLIC_URL"]
    html = render_template("connect.html", user=user, token=issue_token(user), server=server)
    return _private(html, 200)


def _private(html: str, status: int):
    # The page carries a live token: keep it out of caches and Referer headers.
    return (
        html,
        status,
        {
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            "Content-Type": "text/html; charset=utf-8",
        },
    )

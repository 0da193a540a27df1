from flask import Blueprint, current_app, render_template, request

from ..auth import INVITE_SALT, issue_token, user_from_token
from ..errors import ApiError
from ..people import mark_connected
from .helpers import now

bp = Blueprint("connect", __name__)


@bp.get("/connect")
def connect():
    """Turn a connect link into an API token the extension picks up from the page."""
    invite = request.args.get("invite", "")
    try:
        user = user_from_token(
            invite, salt=INVITE_SALT, max_age_days=current_app.config["INVITE_MAX_AGE_DAYS"]
        )
    except ApiError as error:
        reason = {
            "token_expired": "This connect link has expired.",
            "token_revoked": "This connect link was revoked.",
        }.get(error.code, "This connect link is not valid (it may be cut short or altered).")
        html = render_template("connect.html", user=None, reason=reason)
        return _private(html, 400)
    mark_connected(user, now())
    html = render_template(
        "connect.html", user=user, token=issue_token(user), server=request.host_url.rstrip("/")
    )
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

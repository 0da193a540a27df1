"""The connect page: a connect link shows who it connects (GET, no side effects), and a POST
from that page, or the extension's own content script submitting it, spends the link.
"Connect this browser" is shown only where the extension's content script is (it unhides the
form); without it the page says to install the extension first, and offers the by-hand path
(spend the link, show the token) behind a disclosure.

Mail scanners (Outlook Safe Links, Slack unfurling) GET or HEAD every link before the person
clicks it; only a POST carrying the page's CSRF token, with the cookie the GET set, gets a token.

The POST answers 303 See Other to /connect/done, which shows what happened (the token, or why
not) from a short-lived signed cookie: reloading that page shows it again instead of sending the
spent link a second time, and neither URL carries the token. The pages speak the browser's
language (page_language.py).
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..auth import (
    connected_user,
    issue_token,
    peek_invite,
    read_connect_result,
    sign_connect_result,
    use_invite,
)
from ..errors import ApiError
from ..page_language import page_words
from .helpers import now

bp = Blueprint("connect", __name__)

CSRF_COOKIE = "firsthand_connect_csrf"
CSRF_MINUTES = 60
RESULT_COOKIE = "firsthand_connect_result"
RESULT_MINUTES = 15  # long enough to copy the token by hand, short on a shared computer
PROBLEMS = {"token_expired": "expired", "token_revoked": "revoked", "invite_used": "used"}


@bp.get("/connect")
def confirm():
    """Say whose link this is and offer "Connect this browser"; the link stays unspent."""
    invite = request.args.get("invite", "")
    try:
        user = peek_invite(invite, current_app.config["INVITE_MAX_AGE_DAYS"])
    except ApiError as error:
        return _problem_page(_problem_of(error))
    csrf = secrets.token_urlsafe(24)
    response = _page("confirm", 200, user=user, invite=invite, csrf=csrf)
    _set_cookie(response, CSRF_COOKIE, csrf, CSRF_MINUTES)
    return response


@bp.post("/connect")
def connect():
    """Spend the link, then send the browser to the page that shows the outcome (303)."""
    invite = request.form.get("invite", "")
    sent, kept = request.form.get("csrf_token", ""), request.cookies.get(CSRF_COOKIE, "")
    if not (sent and kept and hmac.compare_digest(sent.encode(), kept.encode())):
        return _see_outcome({"problem": "csrf"})
    try:
        user = use_invite(invite, current_app.config["INVITE_MAX_AGE_DAYS"], now(), kept)
    except ApiError as error:
        return _see_outcome(_problem_of(error))
    # Not "Connected" yet: the person is, once a browser uses the token (login_required marks
    # it on the first API call, which the extension makes at once). A token shown for connecting
    # by hand and never pasted anywhere connects nobody.
    return _see_outcome({"uid": user.id, "gen": user.token_generation, "use": user.invites_used})


@bp.get("/connect/done")
def done():
    """What the last "Connect this browser" in this browser did; as often as it is reloaded."""
    outcome = read_connect_result(request.cookies.get(RESULT_COOKIE, ""), RESULT_MINUTES)
    if outcome is not None and "problem" in outcome:
        return _problem_page(outcome)
    user = connected_user(outcome) if outcome is not None else None
    if user is None:  # none, expired, or superseded since (a newer link, revoked tokens)
        return _page("gone", 410, minutes=RESULT_MINUTES)
    # The server the extension will talk to is the configured public URL, never the Host
    # header of this request (which anyone can set).
    server = current_app.config["PUBLIC_URL"]
    token = issue_token(user)
    return _page("connected", 200, user=user, token=token, server=server, minutes=RESULT_MINUTES)


def error_page(status: int, message: str):
    """Any other refusal on these pages (a NUL or a broken character in a mangled link, which
    the input guard refuses before the view runs): the page that says the link is not valid,
    not a JSON body in the browser of the person who opened it."""
    return _page("problem", status, problem="invalid")


def _problem_of(error: ApiError) -> dict:
    problem = PROBLEMS.get(error.code, "invalid")
    used_at = error.details if problem == "used" and isinstance(error.details, datetime) else None
    return {"problem": problem, "at": used_at.isoformat() if used_at else None}


def _problem_page(outcome: dict):
    if outcome["problem"] == "used":
        used_at = datetime.fromisoformat(outcome["at"]) if outcome.get("at") else None
        return _page("used", 410, used_at=used_at)
    return _page("problem", 400, problem=outcome["problem"])


def _see_outcome(outcome: dict):
    response = redirect(url_for("connect.done"), 303)
    _set_cookie(response, RESULT_COOKIE, sign_connect_result(outcome), RESULT_MINUTES)
    response.headers.update(_PRIVATE)
    return response


def _set_cookie(response, name: str, value: str, minutes: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=minutes * 60,
        path="/connect",
        secure=current_app.config["PUBLIC_URL"].startswith("https://"),
        httponly=True,
        samesite="Strict",
    )


# The pages carry a live link or token: keep them out of caches and Referer headers.
_PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _page(state: str, status: int, **context):
    words = page_words()
    html = render_template("connect.html", state=state, t=words, lang=words.language, **context)
    response = current_app.make_response((html, status))
    response.headers.update(_PRIVATE)
    response.headers["Content-Language"] = words.language
    response.vary.add("Accept-Language")
    return response

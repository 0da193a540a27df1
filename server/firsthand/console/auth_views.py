"""Signing in to the console by emailed or printed one-time link, and signing out."""

from __future__ import annotations

import re
import threading
from datetime import datetime
from urllib.parse import urlparse

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from .. import mail
from ..accounts import normalise_email
from ..db import database, on_close
from ..errors import ApiError
from ..limits import limiter
from ..models import User
from ..signin import issue_sign_in_link, may_use_console, peek, redeem
from .security import session_problem, sign_in, sign_out
from .ui import now

bp = Blueprint("console_auth", __name__, url_prefix="/console")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _csrf() -> None:
    from . import csrf

    csrf.protect()


def _safe_next(target: str | None) -> str:
    """Only a console path of this site (no open redirect), without control characters (a
    CR or LF cannot go in a Location header: a 500 once the link was spent)."""
    if target and not CONTROL.search(target):
        try:
            parts = urlparse(target)
        except ValueError:  # "//[oops": after the link was used, not a 500
            return url_for("console_home.index")
        if not parts.scheme and not parts.netloc and parts.path.startswith("/console/"):
            # No stray "?" (an empty query, as links made before this fix carry) in the address.
            return target.removesuffix("?")
    return url_for("console_home.index")


@bp.get("/sign-in")
def sign_in_form():
    user, _ = session_problem()
    if user is not None and may_use_console(user):
        return redirect(url_for("console_home.index"))
    return render_template(
        "console/sign_in.html", next=request.args.get("next", ""), mail_ready=mail.configured()
    )


@bp.post("/sign-in")
@limiter.limit("10/minute;50/hour", key_func=lambda: f"console-sign-in:{request.remote_addr}")
def request_link():
    """Email a link to a console user; the answer is the same whether or not they exist."""
    _csrf()
    email = normalise_email(request.form.get("email") or "")[:254]
    if mail.configured() and email:
        _link_in_background(email, now())
    return render_template("console/sign_in_sent.html", email=email, mail_ready=mail.configured())


def _link_in_background(email: str, moment: datetime) -> None:
    """Find the console user, issue their link and email it, after the answer: the answer
    is the same page for any address, and so is its time. Issuing the link here (a write,
    an audit event) made a console user's address answer some 35 ms slower than a stranger's
    (measured on SQLite), which told who may sign in; so did sending, as long as the mail
    server takes."""
    app = current_app._get_current_object()
    target = database.obj
    minutes = app.config["CONSOLE_LINK_MINUTES"]
    issued = threading.Event()
    _ISSUING.add(issued)  # before the thread starts: close_pool may come first

    def send() -> None:
        to = link = None
        try:
            if database.obj is target:  # else rebound since (tests): not the one asked of
                with app.app_context(), database.connection_context():
                    user = User.get_or_none((User.email == email) & User.erased_at.is_null())
                    if may_use_console(user):
                        to, link = user.email, issue_sign_in_link(user, moment)
        except Exception:  # noqa: BLE001 - logged, never shown: the page says the same
            app.logger.exception("could not issue a console sign-in link")
        finally:
            issued.set()
            _ISSUING.discard(issued)
        if link is None:
            return
        body = (
            f"Sign in to the Firsthand console with this link:\n\n{link}\n\n"
            f"It works once, within {minutes} minutes. If you did not ask for it, ignore this "
            "email: nobody can sign in without opening the link."
        )
        with app.app_context():
            try:
                delivery = mail.send_many([(to, "Your Firsthand console sign-in link", body)])
            except Exception:  # noqa: BLE001 - logged, never shown: the page says the same
                app.logger.exception("could not email a console sign-in link")
                return
            if not delivery.complete:
                why = next(iter(delivery.refused.values()), delivery.stopped)
                app.logger.warning("could not email a console sign-in link: %s", why)

    threading.Thread(target=send, name="console-sign-in-link", daemon=True).start()


# Links being issued in the background. close_pool closes connections in use too, and SQLite's
# closed under a query is a crash: it waits for these first (a moment each; mail is not waited).
_ISSUING: set[threading.Event] = set()


def _issued_first() -> None:
    for issued in list(_ISSUING):
        issued.wait(timeout=10)


on_close(_issued_first)


@bp.get("/sign-in/<secret>")
def confirm(secret: str):
    """Ask before using the link: mail scanners that open links must not spend it."""
    try:
        user = peek(secret, now())
    except ApiError as error:
        return render_template("console/sign_in_failed.html", message=error.message), 400
    return render_template(
        "console/sign_in_confirm.html", user=user, secret=secret, next=request.args.get("next")
    )


@bp.post("/sign-in/<secret>")
def use_link(secret: str):
    _csrf()
    try:
        link = redeem(secret, now())
    except ApiError as error:
        return render_template("console/sign_in_failed.html", message=error.message), 400
    user = link.user
    wanted = request.form.get("next") or session.get("next")  # sign_in starts a new session
    sign_in(user, link.id)
    flash(f"Welcome, {user.name}.", "success")
    return redirect(_safe_next(wanted))


@bp.post("/sign-out")
def sign_out_view():
    _csrf()
    sign_out(asked=True)
    flash("You are signed out.", "success")
    return redirect(url_for("console_auth.sign_in_form"))

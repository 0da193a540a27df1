"""Who is signed in to the console, for how long, and what they may open.

The session is Flask's signed cookie (HttpOnly, SameSite=Lax, Secure behind https, scoped
to /console) holding the user id, their token generation, the id of the sign-in link that
began it and two times: when they signed in (absolute expiry) and when they were last seen
(idle expiry). Signing out marks that link's session ended on the server (signin.end_session),
so a copy of the cookie kept from before opens nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Blueprint, Flask, abort, current_app, g, redirect, request, session, url_for

from ..input_guard import form_checked_later, refuse_unstorable_form
from ..models import User
from ..signin import end_session, may_use_console, session_open
from ..token_expiry import expire_if_due

SESSION_KEY = "console"


def configure_session(app: Flask) -> None:
    keys = app.config["SECRET_KEYS"]  # oldest first; sign with the newest, accept the rest
    if not app.config.get("SECRET_KEY"):  # Flask's default is None, so setdefault won't do
        app.config["SECRET_KEY"] = keys[-1]
        app.config["SECRET_KEY_FALLBACKS"] = list(reversed(keys[:-1]))
    app.config.update(
        SESSION_COOKIE_NAME="firsthand_console",
        SESSION_COOKIE_PATH="/console",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["PUBLIC_URL"].startswith("https://"),
    )


def _now_ts() -> float:
    return current_app.config["CLOCK"]().timestamp()


def sign_in(user: User, link_id: int) -> None:
    """Start a fresh session for the user (a new cookie, so no fixation), known on the server
    by the sign-in link that began it."""
    session.clear()
    now = _now_ts()
    session[SESSION_KEY] = {
        "uid": user.id,
        "gen": user.token_generation,
        "link": link_id,
        "since": now,
        "seen": now,
    }
    session.permanent = False  # a browser session; the absolute limit is checked here


def sign_out(asked: bool = False) -> None:
    """End this session on the server too: a copy of its cookie must not outlive "Sign out".
    `asked`: the person pressed "Sign out" (audited when the session was still theirs and
    open); otherwise the session lapsed."""
    data = session.get(SESSION_KEY)
    if isinstance(data, dict):
        user = session_problem()[0] if asked else None
        end_session(data.get("link"), current_app.config["CLOCK"](), signed_out_by=user)
    session.clear()


def session_problem() -> tuple[User | None, str | None]:
    """The signed-in user, or None and why the session ended (None if never signed in)."""
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None, None
    config, now = current_app.config, _now_ts()
    if now - data.get("since", 0) > config["CONSOLE_SESSION_HOURS"] * 3600:
        return None, f"Sessions last {config['CONSOLE_SESSION_HOURS']} hours: sign in again."
    if now - data.get("seen", 0) > config["CONSOLE_IDLE_MINUTES"] * 60:
        return None, "You were signed out after a while without activity: sign in again."
    uid = data.get("uid")
    # Only an id the database can hold: 2**70 (a cookie signed with this key) raised on SQLite.
    storable = type(uid) is int and -(2**63) <= uid < 2**63
    user = User.get_or_none(User.id == uid) if storable else None
    if user is None or user.token_generation != data.get("gen") or user.erased_at:
        return None, "Your access was revoked: sign in again."
    # Deactivated or demoted, their sessions were ended (signin.end_console_access): they
    # meet the guard's "for active admins and managers only" rather than "signed out".
    if may_use_console(user) and not session_open(data.get("link"), user.id):
        return None, "This session was signed out: sign in again."
    data["seen"] = now
    session[SESSION_KEY] = data
    return user, None


def load_console_user() -> None:
    """Before every console view: put the user on g, or send them to sign in (or 403)."""
    user, problem = session_problem()
    if user is None:
        if problem:
            sign_out()
        return _to_sign_in(problem)
    if not may_use_console(user):
        abort(403, "The console is for active admins and managers only.")
    g.console_user = user
    return None


def signed_in_user() -> User | None:
    """The console user for a page drawn without the area's guard having run (an error
    raised before it, such as a NUL in the query, or a URL no area answers): the guard's
    user, else the session's while it is valid and may use the console. It never signs
    out nor redirects: an error page keeps the navigation of whoever is signed in."""
    if g.get("console_user") is not None:
        return g.console_user
    try:
        user, _problem = session_problem()
    except Exception:  # noqa: BLE001 - an error page must render even if this fails
        return None
    if user is None or not may_use_console(user):
        return None
    g.console_user = user
    return user


def _to_sign_in(problem: str | None):
    from flask import flash

    if request.method != "GET":
        # A form sent after the session ended (signed out in another tab, idle, revoked): the
        # guard stopped it before its view, so nothing was saved; say so rather than losing
        # the work without a word.
        ended = problem or "Your console session had ended."
        flash(f"{ended} What you sent was not saved: sign in, then send it again.", "warning")
    elif problem:
        flash(problem, "warning")
    # full_path ends in a bare "?" when there is no query: the page is its path alone then.
    target = None
    if request.method == "GET":
        target = request.full_path if request.query_string else request.path
        # Kept in this browser's session too: the link printed on the server or emailed
        # carries no `next`, and the person should still land on the page they asked for.
        session["next"] = target
    return redirect(url_for("console_auth.sign_in_form", next=target))


def requires_role(*roles: str) -> Callable:
    """Restrict a console view to some roles (403 page for the others)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if g.console_user.role not in roles:
                abort(403, f"Only {' or '.join(r + 's' for r in roles)} can do this.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


@dataclass(frozen=True)
class NavItem:
    order: int
    blueprint: str
    endpoint: str
    label: str
    roles: tuple[str, ...]


NAV: dict[str, NavItem] = {}  # blueprint name -> its navigation item
PART_OF: dict[str, str] = {}  # blueprint name -> the area it belongs to in the navigation


def area_blueprint(
    name: str,
    url_prefix: str,
    *,
    nav: str | None = None,
    order: int = 100,
    endpoint: str = "index",
    roles: tuple[str, ...] = ("admin", "manager"),
    part_of: str | None = None,
    max_body_config: str | None = None,
) -> Blueprint:
    """A console area: every route needs a signed-in console user with one of `roles`
    (403 page otherwise) and a CSRF token on every form post. `nav` puts the area in the
    navigation at `order`; `part_of` makes its pages highlight another area's item;
    `max_body_config` names the config key of a larger body limit (uploads)."""
    bp = Blueprint(name, __name__, url_prefix=f"/console{url_prefix}")

    @bp.before_request
    def _guard():
        from . import csrf

        response = load_console_user()
        if response is not None:
            return response
        if g.console_user.role not in roles:
            abort(403, f"Only {' or '.join(r + 's' for r in roles)} can open this page.")
        # Who is connected is shown here: end the connections whose tokens expired first.
        expire_if_due(current_app.config["CLOCK"]())
        if max_body_config:  # before the CSRF check reads the form
            request.max_content_length = current_app.config[max_body_config]
            refuse_unstorable_form()  # input_guard left it to this point (form_checked_later)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()
        return None

    if max_body_config:
        form_checked_later(bp.name)
    if nav:
        NAV[name] = NavItem(order, name, f"{name}.{endpoint}", nav, roles)
    if part_of:
        PART_OF[name] = part_of
    return bp


def nav_for(user: User) -> list[dict]:
    here = PART_OF.get(request.blueprint or "", request.blueprint)
    return [
        {"url": url_for(item.endpoint), "label": item.label, "current": here == item.blueprint}
        for item in sorted(NAV.values(), key=lambda i: i.order)
        if user.role in item.roles
    ]

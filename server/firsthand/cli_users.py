"""The `firsthand` commands about people: add-user, connect-link, console-link, token,
revoke; and the helpers every command uses (clear errors, links that follow --port)."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit, urlunsplit

import click
from flask import current_app
from flask.cli import with_appcontext
from peewee import DatabaseError

from . import audit
from .accounts import create_user, find_user, normalise_email, revoke_tokens
from .auth import connect_link, issue_token
from .db import database, write_transaction
from .errors import ApiError, database_busy
from .models import ROLES, User
from .signin import issue_sign_in_link


def fail_clearly(func):
    """Turn an ApiError, a busy database or one not set up into one 'Error: …' line and
    exit status 1."""

    def wrapper(*args, **kwargs):
        try:
            with database.connection_context():
                return func(*args, **kwargs)
        except ApiError as error:
            raise click.ClickException(error.message) from error
        except DatabaseError as error:
            if database_busy(error):  # another writer held the lock past busy_timeout
                raise click.ClickException(
                    "the database is busy: another process (the server, a backup, another "
                    "command) kept it locked too long. Try the command again in a moment."
                ) from error
            raise click.ClickException(
                f"the database is not ready ({type(error).__name__}): run `firsthand init-db` first"
            ) from error

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def link_base(func):
    """--host/--port: the links printed point at the server as run (`firsthand run --port
    8000`), whatever FIRSTHAND_PUBLIC_URL's host and port are; its scheme and path stay."""

    @click.option("--host", default=None, help="Host the server runs on.")
    @click.option("--port", type=click.IntRange(1, 65535), default=None, help="Its port.")
    @functools.wraps(func)
    def wrapper(*args, host: str | None, port: int | None, **kwargs):
        config = current_app.config
        if host or port:
            parts = urlsplit(config["PUBLIC_URL"])
            host = host or parts.hostname or "127.0.0.1"
            host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # listening everywhere
            host = f"[{host}]" if ":" in host else host
            port = port or parts.port
            netloc = f"{host}:{port}" if port else host
            base = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
            config["PUBLIC_URL"] = base.rstrip("/")
        return func(*args, **kwargs)

    return wrapper


@click.command("add-user")
@click.argument("email")
@click.option("--name", required=True, help="Display name.")
@click.option("--team", default=None, help="Team, for team leaderboards.")
@click.option("--role", type=click.Choice(ROLES), default="employee", show_default=True)
@click.option(
    "--first-admin",
    is_flag=True,
    help="Create this admin only if no admin is active (else do nothing, status 0).",
)
@with_appcontext
@link_base
@fail_clearly
def add_user_command(email: str, name: str, team: str | None, role: str, first_admin: bool) -> None:
    """Create a user and print their connect link."""
    if first_admin:
        # For set-up scripts run at every start (scripts/run): once an admin is active, the
        # people who run the program decide who is admin, so a demo admin they deleted
        # (or renamed, or demoted) is not brought back. Unless every admin is deactivated:
        # then nobody can sign in to decide (nor reactivate one), and this is the way back.
        admins = active_admins()
        if admins:
            # Every active admin is named (up to three): scripts/run prints them in its
            # banner, so who can sign in to the console is said, not "ADMIN_EMAIL".
            named = ", ".join(a.email for a in admins[:3])
            more = len(admins) - 3
            if more > 0:
                named += f" and {more} more"
            click.echo(f"An admin exists already ({named}); nobody created.")
            return
        role = "admin"
        known = User.get_or_none((User.email == normalise_email(email)) & User.erased_at.is_null())
        if known is not None and known.deactivated_at is not None:
            raise ApiError(
                409,
                f"{known.email} is deactivated and no admin is active, so nobody was created. "
                "Make another admin: `firsthand add-user ADMIN_EMAIL --name NAME --role admin`"
                f", then reactivate {known.email} in the console if they should be back.",
            )
        if known is not None:
            # create_user would answer "already exists: give them a new connect link", as
            # if a connection were the problem; the question asked was an admin.
            role_now = f"{'an' if known.role[0] in 'aeiou' else 'a'} {known.role}"
            raise ApiError(
                409,
                f"{known.email} is already {role_now} here and no admin is active, so "
                f"nobody was created and {known.email} is still {role_now}. Make an admin "
                "with another address: `firsthand add-user ADMIN_EMAIL --name NAME --role "
                f"admin`, then make {known.email} an admin in the console (People → their "
                "page → Role) if they should be one.",
            )
    user = create_user(email, name, current_app.config["CLOCK"](), team, role)
    click.echo(f"Created {user.name} <{user.email}> ({user.role}). Connect link:")
    click.echo(connect_link(user))


@click.command("connect-link")
@click.argument("email")
@with_appcontext
@link_base
@fail_clearly
def connect_link_command(email: str) -> None:
    """Print a fresh connect link for an existing user (audited: it retires the earlier ones)."""
    user, now = active_user(email), current_app.config["CLOCK"]()
    with write_transaction():
        audit.record(None, "person.connect_link", audit.person(user), now)
    click.echo(connect_link(user))


def active_user(email: str) -> User:
    """The person, refused when deactivated, as the console refuses them: a connect link or
    a token would only meet 'account deactivated'."""
    user = find_user(email)
    if user.deactivated_at is not None:
        raise ApiError(
            422,
            f"{user.email} is deactivated: reactivate them first (console: People → Reactivate).",
        )
    return user


@click.command("console-link")
@click.argument("email")
@with_appcontext
@link_base
@fail_clearly
def console_link_command(email: str) -> None:
    """Print a one-time console sign-in link for an admin or manager."""
    minutes = current_app.config["CONSOLE_LINK_MINUTES"]
    link = issue_sign_in_link(find_user(email), current_app.config["CLOCK"]())
    click.echo(f"Console sign-in link (works once, for {minutes} minutes):")
    click.echo(link)


@click.command("token")
@click.argument("email")
@with_appcontext
@fail_clearly
def token_command(email: str) -> None:
    """Print only an API token for the user, on one line (audited: it works like the token
    a connect link hands the extension, and using it counts the person as connected)."""
    user, now = active_user(email), current_app.config["CLOCK"]()
    with write_transaction():
        audit.record(None, "person.token", audit.person(user), now)
    click.echo(issue_token(user))


@click.command("revoke")
@click.argument("email")
@with_appcontext
@fail_clearly
def revoke_command(email: str) -> None:
    """Invalidate every token and connect link the user holds."""
    user = find_user(email)
    revoke_tokens(user, current_app.config["CLOCK"]())
    click.echo(f"Revoked every token of {user.email}.")


def active_admins() -> list[User]:
    """The database's active admins, oldest first (a deactivated one cannot sign in, a
    deleted one is no longer a person)."""
    active = User.erased_at.is_null() & User.deactivated_at.is_null()
    return list(User.select().where((User.role == "admin") & active).order_by(User.id))


USER_COMMANDS = (
    add_user_command,
    connect_link_command,
    console_link_command,
    token_command,
    revoke_command,
)

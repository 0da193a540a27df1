"""The `firsthand` command: a Flask CLI group with the admin commands."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from . import datafiles, reach, rollups
from .analysis import Analyzer
from .app_data import RULEBOOK, loaded
from .backup import backup_to, restore_from
from .badge_revocation import revoke_badge
from .cli_users import USER_COMMANDS, fail_clearly
from .config import data_dir
from .db import migrate
from .errors import ApiError
from .models import UserBadge
from .rescore import rescore_everyone
from .rules import RuleBook, load_rulebook
from .stories_webhooks import retry_announcements
from .stories_webhooks import settings as webhook_settings
from .weekly_summary import send_weekly_summary, summarise
from .weekly_summary_messages import LABELS, slack_payload, week_label
from .weekly_summary_weeks import last_complete_week, parse_week, weeks_due


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the tables (applies pending migrations)."""
    click.echo(migrations_said(migrate()) or "Database is up to date.")


def migrations_said(applied: list[str]) -> str:
    """A line for the migrations applied: a new database applies them all, and their 36 names
    were a wall of text at the top of ./scripts/run's output."""
    if len(applied) <= 3:
        return f"Applied {', '.join(applied)}." if applied else ""
    return f"Applied {len(applied)} migrations ({applied[0]} … {applied[-1]})."


@click.command("revoke-badge")
@click.argument("assertion_id")
@click.option("--reason", required=True, help="Shown to anyone who checks the badge.")
@with_appcontext
@fail_clearly
def revoke_badge_command(assertion_id: str, reason: str) -> None:
    """Revoke an earned badge: its assertion URL then answers 410 Gone."""
    row = UserBadge.get_or_none(UserBadge.uid == assertion_id)
    if row is None:
        raise ApiError(404, f"No badge assertion {assertion_id}.")
    revoke_badge(row, reason, current_app.config["CLOCK"](), None)
    click.echo(f"Revoked {row.badge_id} of user {row.user_id} ({assertion_id}).")


@click.command("rescore")
@click.option("--dry-run", is_flag=True, help="Print what would change; change nothing.")
@with_appcontext
@fail_clearly
def rescore_command(dry_run: bool) -> None:
    """Re-score everyone's shares under the current rules file (ledger stays append-only)."""
    book = loaded(RULEBOOK)  # after the whole data folder's check, as the server's start
    changes = rescore_everyone(book, current_app.config["CLOCK"](), dry_run)
    moved = [c for c in changes if c.changed]
    for change in moved:
        kudos = f", {change.kudos_changed} kudos" if change.kudos_changed else ""
        badges = f"; badge(s): {', '.join(change.badges)}" if change.badges else ""
        click.echo(
            f"{change.email}: {change.before} → {change.after} points "
            f"({change.shares_changed} share(s){kudos} re-scored){badges}"
        )
    awarded = sum(len(c.badges) for c in changes)
    verb, award = ("Would change", "Would award") if dry_run else ("Changed", "Awarded")
    badges = f"{awarded} badge{'' if awarded == 1 else 's'}"
    click.echo(f"{verb} {len(moved)} of {len(changes)} users. {award} {badges}.")


@click.command("rebuild-rollups")
@with_appcontext
@fail_clearly
def rebuild_rollups_command() -> None:
    """Recompute the analytics rollups (program and reach) from the raw rows."""
    started = time.perf_counter()
    rollups.rebuild()
    reach_rows = reach.rebuild_rollups()
    click.echo(
        f"Program and reach rollups rebuilt ({reach_rows} reach rows) "
        f"in {time.perf_counter() - started:.1f} s."
    )


@click.command("check-data")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def check_data_command(path: Path | None) -> None:
    """Check a data folder or one data file (default: the server's) as start-up does."""
    path = path or data_dir()
    problems = check_data(path)
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"OK: {path} is valid.")


def check_data(path: Path) -> list[datafiles.Problem]:
    """The problems of a data folder, or of one data file checked on its own."""
    if path.is_file():
        name = datafiles.name_for(path)
        if name is None:
            known = ", ".join(datafiles.data_file_names())
            return [datafiles.Problem(path.name, "$", f"is not a data file (known: {known})")]
        return datafiles.read(path, name)[1]
    problems = datafiles.check_dir(path)
    if problems:
        return problems
    try:
        load_rulebook(path)
        # Everything the suggestion engine reads must also work together.
        engine = Analyzer.load(path)
        for draft in ("", "I am proud of what we built this week. Thank you, team!"):
            engine.analyze(draft)
    except datafiles.DataFileError as error:
        return error.problems
    except Exception as error:  # any failure of the engine here is the data's
        return [datafiles.Problem("suggestions", "$", f"{type(error).__name__}: {error}")]
    return []


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
@fail_clearly
def backup_command(path: Path) -> None:
    """Write a consistent copy of the SQLite database to PATH while the server keeps running."""
    size = backup_to(path)
    click.echo(f"Backed up to {path} ({size:,} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
@fail_clearly
def restore_command(path: Path, yes: bool) -> None:
    """Replace the SQLite database's content with the backup at PATH (stop the server first)."""
    if not yes:
        click.confirm(
            "Everything recorded since that backup will be lost. Is the server stopped?",
            abort=True,
        )
    restore_from(path)
    applied = migrate()  # a backup from an older release is brought up to date
    click.echo(f"Restored {path}. {migrations_said(applied)}".strip())


@click.command("send-weekly-summary")
@click.option(
    "--week",
    default=None,
    help="The week to summarise: an ISO week (2026-W47) or a date in it. "
    "Default: the last whole week (Monday to Sunday, UTC).",
)
@click.option("--dry-run", is_flag=True, help="Print the summary; post and record nothing.")
@with_appcontext
@fail_clearly
def send_weekly_summary_command(week: str | None, dry_run: bool) -> None:
    """Post the weekly recognition summary to Slack / Teams (once per week: safe to re-run)."""
    now = current_app.config["CLOCK"]()
    book = loaded(RULEBOOK)  # after the whole data folder's check, as rescore
    if dry_run:
        monday = parse_week(week) if week else last_complete_week(now)
        if not webhook_settings().weekly_summary:
            click.echo("The weekly summary is turned off (console → Settings → Webhooks):")
            click.echo("a run would post nothing. This is what it would post once it is on:")
        blocks = slack_payload(summarise(monday, book))["blocks"]
        click.echo("\n".join(b["text"]["text"] for b in blocks[:-1]))
        click.echo(blocks[-1]["elements"][0]["text"])  # who is named, and who not
        return
    if not webhook_settings().weekly_summary:
        click.echo(
            "The weekly summary is turned off (console → Settings → Webhooks); nothing sent."
        )
        return
    failed = []
    for monday, destinations in [(parse_week(week), None)] if week else weeks_due(now):
        failed += _post_summary(monday, book, now, destinations)
    if failed:
        raise click.ClickException(
            f"{'; '.join(failed)}. Nothing was recorded as sent there; run the command again "
            "to retry."
        )


def _post_summary(
    monday: date, book: RuleBook, now: datetime, destinations: list[str] | None
) -> list[str]:
    """Post one week's summary, saying what happened; what failed, in words."""
    label = f"the week of {week_label(monday)}"
    outcomes = send_weekly_summary(monday, book, now, destinations)
    if not outcomes:
        raise ApiError(
            422,
            "The weekly summary is on but no Slack or Teams webhook address is set: "
            "add one in the console (Settings → Webhooks).",
        )
    failed = []
    for outcome in outcomes:
        where = LABELS[outcome.destination]
        if outcome.result == "sent":
            click.echo(f"Posted the summary of {label} to {where}.")
        elif outcome.result == "already_sent":
            click.echo(f"{where} already has the summary of {label}; not posted again.")
        elif outcome.result == "in_progress":
            click.echo(f"Another run is posting the summary of {label} to {where} right now.")
        else:
            failed.append(f"{where} {outcome.error}")
    return [f"the summary of {label} was not posted: {'; '.join(failed)}"] if failed else []


@click.command("announce-stories")
@with_appcontext
@fail_clearly
def announce_stories_command() -> None:
    """Post again the story announcements a Slack / Teams channel did not take (live stories)."""
    retried = retry_announcements(current_app.config["CLOCK"]())
    failed = []
    for done in retried:
        where = LABELS[done.destination]
        if done.error:
            failed.append(f"{where} {done.error} (story {done.story.id})")
        else:
            click.echo(f"Announced the story {done.story.title!r} to {where}.")
    if not retried:
        click.echo("No story announcement is waiting to be posted again.")
    if failed:
        raise click.ClickException(
            f"not announced: {'; '.join(failed)}. Run the command again to retry."
        )


def commands() -> tuple[click.Command, ...]:
    from .token_expiry import expire_connections_command

    return (
        backup_command,
        restore_command,
        init_db_command,
        *USER_COMMANDS,
        revoke_badge_command,
        rescore_command,
        send_weekly_summary_command,
        announce_stories_command,
        rebuild_rollups_command,
        expire_connections_command,
    )


def init_app(app: Flask) -> None:
    for command in commands():
        app.cli.add_command(command)


class Commands(FlaskGroup):
    """The `firsthand` group. Its commands are its own, so neither its --help nor a command's
    builds the app (Flask's group builds it to list the app's commands): a command builds it
    as it runs (with_appcontext), without the data files unless it serves (`run`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(click.Group.list_commands(self, ctx))


def _serving() -> bool:
    """Whether the app is built to serve (`firsthand run`): then the data files are checked and
    loaded as it starts, as gunicorn's create_app() does; other commands load them if used."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.command.name == "run"


def main() -> None:
    """Entry point of the `firsthand` console script."""
    from werkzeug import serving

    from .web_headers import PathAsSent

    # `firsthand run`'s development server, which Flask's run command gives no handler of
    # one's choosing: its requests keep the path as sent ("//console/…", PathAsSent).
    serving.WSGIRequestHandler = PathAsSent
    group()(prog_name="firsthand")


def group() -> click.Group:
    """The `firsthand` command group."""
    from . import create_app

    firsthand = Commands(
        create_app=lambda: create_app(data=_serving()),
        help="Firsthand server administration.",
        add_version_option=False,
        load_dotenv=False,
    )
    for command in commands():
        firsthand.add_command(command)
    # Flask's own options pick another app, its env file or debug mode: not this command's
    # business (a first user read them as Firsthand's); --version says Firsthand's version.
    firsthand.params = [p for p in firsthand.params if p.name not in ("env_file", "app", "debug")]
    version = click.version_option(package_name="firsthand", prog_name="Firsthand")
    firsthand = version(firsthand)
    firsthand.add_command(check_data_command)  # works even when the data would stop the app
    return firsthand

"""Analytics: is the program working, and for whom? Every figure is a table (the chart is
drawn from it when scripts run) and every table downloads as CSV. Managers see their own
teams; admins write the posting guidelines the popup links to."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, g, redirect, render_template, request, url_for

from .. import analytics, analytics_stories, audit, guidelines, potential_reach
from ..db import write_transaction
from ..errors import ApiError
from ..people import ACTIVE_DAYS, SETTLING_DAYS
from . import scope
from .csv_export import csv_response
from .security import area_blueprint, requires_role
from .ui import form_text, now

bp = area_blueprint("console_analytics", "/analytics", nav="Analytics", order=45)
NEW = "Just connected"
# What the group is, not what its people wish: some of them said "Not for me" or "Don't ask
# again" (the hold-back answers below); the overview calls them "quiet" too.
QUIET = "Connected but quiet"
NOT_ON_BOARD = "Not on board"


def _groups(moment, teams) -> analytics.Table:
    counts = analytics.status_counts(moment, teams)
    return analytics.Table(
        "groups",
        "The three groups, and who has just connected",
        ["group", "people", "what it means"],
        rows=[
            ["Already share", counts["active"], f"shared in the last {ACTIVE_DAYS} days"],
            [NEW, counts["new"], f"connected in the last {SETTLING_DAYS} days, no share yet"],
            [
                QUIET,
                counts["quiet"],
                f"connected at least {SETTLING_DAYS} days ago, no share in {ACTIVE_DAYS} days "
                "(what holds them back: the answers below)",
            ],
            [NOT_ON_BOARD, counts["invited"], "invited, never connected"],
        ],
        chart="bar",
        note=f"Someone who connected less than {SETTLING_DAYS} days ago and has not shared yet "
        "is counted as just connected, not as quiet: they have not yet had the time. Admins "
        "who have never connected the extension or shared run the program: they are in none "
        "of the groups.",
    )


# Each table by name, in page order; a CSV computes only its own.
TABLES = {
    "participation": lambda m, t, n: analytics.participation(m, t),
    "groups": lambda m, t, n: _groups(m, t),
    "hold_back": lambda m, t, n: analytics.hold_back(t, n),
    "retention": lambda m, t, n: analytics.retention(m, t, n),
    "own_voice": lambda m, t, n: analytics.own_voice(m, t),
    "reach_by_team": lambda m, t, n: analytics.reach_by_team(m, t, n),
    "reach_by_network": lambda m, t, n: analytics.reach_by_network(m, t, n),
    "top_posts": lambda m, t, n: analytics.top_posts(m, t),
    # Stories and tracked-link clicks (analytics_stories.py)
    "story_reach": lambda m, t, n: analytics_stories.story_reach(m, t, n),
    "clicks_by_team": lambda m, t, n: analytics_stories.clicks_by_team(m, t, n),
    "clicks_by_network": lambda m, t, n: analytics_stories.clicks_by_network(m, t, n),
    "potential_reach": lambda m, t, n: potential_reach.potential_by_team(t, n),
}


# Figures of everyone in view together: with fewer people in view than the smallest group
# shown (a manager of a team of one or two), they are those people's own figures.
WHOLE_SCOPE = frozenset({"participation", "groups", "own_voice"})


def _too_few(table: analytics.Table, minimum: int) -> analytics.Table:
    table.rows, table.chart, table.hidden = [], None, True
    table.note = (
        f"Not shown: fewer than {minimum} people are in view, so these figures would be "
        "their own, one by one."
    )
    return table


# The table that names people: computed each time (ten rows read in index order), so that
# someone who opts out of the boards or is erased leaves it at once, not minutes later.
NAMES_PEOPLE = frozenset({"top_posts"})


def _table(name: str) -> analytics.Table:
    """A table, computed at most once per FIRSTHAND_ANALYTICS_CACHE_SECONDS per scope.

    The figures are weekly and monthly and read rollups (a computed page costs tens of
    milliseconds at 100,000 people, docs/impact.md); each worker still keeps them a few minutes.
    """
    config = current_app.config
    teams, moment = scope.team_ids(), now()
    ttl = config["ANALYTICS_CACHE_SECONDS"]
    cache = current_app.extensions.setdefault("firsthand.analytics_cache", {})
    key = (name, tuple(sorted(teams)) if teams is not None else None)
    hit = cache.get(key)
    if ttl > 0 and name not in NAMES_PEOPLE and hit and moment - hit[0] < timedelta(seconds=ttl):
        return hit[1]
    minimum = config["ANALYTICS_MIN_GROUP"]
    table = TABLES[name](moment, teams, minimum)
    if name in WHOLE_SCOPE and sum(analytics.team_sizes(teams).values()) < minimum:
        table = _too_few(table, minimum)
    cache[key] = (moment, table)
    return table


def _tables() -> dict[str, analytics.Table]:
    return {name: _table(name) for name in TABLES}


def _earned_media(tables) -> dict:
    config = current_app.config
    impressions = sum(row[-1] for row in tables["reach_by_team"].rows)
    clicks = analytics_stories.clicks_in_view(tables)
    return analytics.earned_media(impressions, clicks, config["EMV_CPM"], config["EMV_CPC"]) | {
        "currency": config["EMV_CURRENCY"]
    }


def _nobody_yet(tables: dict[str, analytics.Table]) -> dict | None:
    """No one in view has connected yet: every figure is empty or zero, so the page says why
    and what fills them: connect links for those `waiting` (invited, not connected), or
    inviting people when there are none. Counted afresh when the groups' table is hidden (too
    few people in view): that no one has connected says nothing about anyone."""
    rows = {row[0]: row[1] for row in tables["groups"].rows}
    if not rows:
        counts = analytics.status_counts(now(), scope.team_ids())
        rows = {"Already share": counts["active"], QUIET: counts["quiet"], NEW: counts["new"]}
        rows[NOT_ON_BOARD] = counts["invited"]
    if any(rows[k] for k in ("Already share", QUIET, NEW)):
        return None
    return {"waiting": rows[NOT_ON_BOARD]}


@bp.get("/")
def index():
    tables = _tables()
    return render_template(
        "console/analytics.html",
        tables=tables,
        nobody_yet=_nobody_yet(tables),
        emv=_earned_media(tables),
        guidelines=guidelines.current(),
        scoped=scope.team_ids() is not None,
    )


@bp.get("/<name>.csv")
def table_csv(name: str):
    if name not in TABLES:
        abort(404, "There is no such table.")
    columns, rows = _table(name).export()
    return csv_response(f"firsthand-{name}.csv", columns, rows)


@bp.get("/guidelines")
@requires_role("admin")
def guidelines_form(typed: dict | None = None, error: str | None = None, status: int = 200):
    page = render_template(
        "console/guidelines_edit.html",
        page=guidelines.current(),
        address=guidelines.address(),
        typed=typed,
        error=error,
    )
    return page, status


@bp.post("/guidelines")
@requires_role("admin")
def guidelines_save():
    try:
        title = form_text("title", 200) or "Posting guidelines"
        body = form_text("body", 20000, "The text of the guidelines")
    except ApiError as error:  # the form again, with what was typed: nothing is lost
        typed = {name: request.form.get(name, "") for name in ("title", "body")}
        return guidelines_form(typed, error.message, 422)
    with write_transaction():
        guidelines.save(title, body, now())
        audit.record(
            g.console_user,
            "guidelines.edit",
            audit.Target("console", None, "posting guidelines"),
            now(),
            {"title": title, "length": len(body)},
        )
    return redirect(url_for("console_analytics.guidelines_form"))

"""Teams: the list, each team's page with its people and managers; create, rename, merge."""

from __future__ import annotations

from flask import g, render_template, request, url_for

from .. import teams as domain
from ..accounts import find_user
from ..db import write_transaction
from ..directory import NAME_AND_ID, PeopleFilter, people_page
from ..errors import ApiError
from ..people import STATUSES
from . import scope
from .security import area_blueprint, requires_role
from .ui import decode_cursor, done, encode_cursor, failed, form_int, form_text, now

bp = area_blueprint("console_teams", "/teams", nav="Teams", order=30)


def _refused(error: ApiError, team_id: int):
    """Back to the team's page, or to the list when the team was merged away meanwhile
    (its page is a 404 now)."""
    if error.code == "team_gone" and domain.Team.get_or_none(domain.Team.id == team_id) is None:
        return failed(error, ".index")
    return failed(error, ".team", team_id=team_id)


@bp.get("/")
def index():
    sizes = domain.team_sizes()
    allowed = scope.team_ids()
    rows = [
        {"team": t, "size": sizes.get(t.id, 0), "managers": domain.managers_of(t)}
        for t in domain.all_teams()
        if allowed is None or t.id in allowed
    ]
    return render_template("console/teams.html", rows=rows, is_admin=scope.is_admin())


@bp.post("/")
@requires_role("admin")
def create():
    try:
        with write_transaction():
            team = domain.create_team(form_text("name", 200), now(), g.console_user)
    except ApiError as error:
        return failed(error, ".index")
    return done(f"Team {team.name} created.", ".team", team_id=team.id)


@bp.get("/<id:team_id>")
def team(team_id: int):
    row = scope.team_in_scope(team_id)
    after = decode_cursor(request.args.get("after"), 2, NAME_AND_ID)
    page = people_page(
        PeopleFilter(team_id=row.id, scope_team_ids=scope.team_ids()),
        now(),
        after=tuple(after) if after else None,
    )
    # A path on this server (as the people list's pager): request.base_url is the Host
    # header's site, a proxy's own address behind one that passes it.
    next_url = (
        url_for(".team", team_id=row.id, after=encode_cursor(list(page.next_after)))
        if page.next_after
        else None
    )
    return render_template(
        "console/team.html",
        team=row,
        page=page,
        next_url=next_url,
        managers=domain.managers_of(row),
        other_teams=[t for t in domain.all_teams() if t.id != row.id],
        is_admin=scope.is_admin(),
        statuses=STATUSES,
    )


@bp.post("/<id:team_id>/rename")
@requires_role("admin")
def rename(team_id: int):
    row = scope.team_in_scope(team_id)
    try:
        with write_transaction():
            old = row.name
            domain.rename_team(row, form_text("name", 200), now(), g.console_user)
    except ApiError as error:
        return _refused(error, row.id)
    return done(f"Renamed {old} to {row.name}.", ".team", team_id=row.id)


@bp.post("/<id:team_id>/merge")
@requires_role("admin")
def merge(team_id: int):
    source = scope.team_in_scope(team_id)
    try:
        if request.form.get("confirm") != "1":
            raise ApiError(
                422,
                f"Nothing was merged: tick the box to confirm that {source.name} is removed.",
                code="confirmation_required",
            )
        into = domain.team_by_id(form_int("into") or 0)
        with write_transaction():
            moved = domain.merge_teams(source, into, now(), g.console_user)
    except ApiError as error:
        return _refused(error, source.id)
    return done(
        f"Merged {source.name} into {into.name}: {moved} people moved.", ".team", team_id=into.id
    )


@bp.post("/<id:team_id>/managers")
@requires_role("admin")
def add_manager(team_id: int):
    row = scope.team_in_scope(team_id)
    try:
        manager = find_user(form_text("email", 254))
        with write_transaction():
            domain.add_manager(row, manager, now(), g.console_user)
    except ApiError as error:
        return _refused(error, row.id)
    return done(f"{manager.name} now manages {row.name}.", ".team", team_id=row.id)


@bp.post("/<id:team_id>/managers/<id:user_id>/remove")
@requires_role("admin")
def remove_manager(team_id: int, user_id: int):
    row = scope.team_in_scope(team_id)
    manager = scope.person_in_scope(user_id)
    with write_transaction():
        domain.remove_manager(row, manager, now(), g.console_user)
    return done(f"{manager.name} no longer manages {row.name}.", ".team", team_id=row.id)

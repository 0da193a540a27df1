"""People: the searchable list and each person's page."""

from __future__ import annotations

from flask import g, render_template, request, url_for

from ..api.helpers import rulebook
from ..directory import NAME_AND_ID, NO_TEAM, PeopleFilter, people_page
from ..models import ROLES, Kudos, Share, User, UserBadge, UserStats
from ..people import STATUSES, last_shared_at, status_of
from ..staff import is_staff_member
from . import scope
from .security import area_blueprint
from .ui import arg_int, decode_cursor, encode_cursor, now

bp = area_blueprint("console_people", "/people", nav="People", order=20)


def _filter() -> PeopleFilter:
    args = request.args
    team = args.get("team", "")
    return PeopleFilter(
        q=(args.get("q") or "")[:100],
        team_id=NO_TEAM if team == "none" else arg_int("team"),
        role=args.get("role") if args.get("role") in ROLES else None,
        status=args.get("status") if args.get("status") in STATUSES else None,
        scope_team_ids=scope.team_ids(),
    )


@bp.get("/")
def index():
    flt = _filter()
    after = decode_cursor(request.args.get("after"), 2, NAME_AND_ID)
    before = decode_cursor(request.args.get("before"), 2, NAME_AND_ID) if not after else None
    page = people_page(
        flt,
        now(),
        after=tuple(after) if after else None,
        before=tuple(before) if before else None,
    )
    kept = {k: v for k, v in request.args.items() if k not in ("after", "before") and v}
    links = {
        "next": url_for(".index", **kept, after=encode_cursor(list(page.next_after)))
        if page.next_after
        else None,
        "prev": url_for(".index", **kept, before=encode_cursor(list(page.prev_before)))
        if page.prev_before
        else None,
        "first": url_for(".index", **kept) if (after or before) else None,
    }
    teams = scope.teams_for_forms()
    return render_template(
        "console/people.html",
        page=page,
        flt=flt,
        args=request.args,
        teams=teams,
        statuses=STATUSES,
        roles=ROLES,
        links=links,
        filtered=any(v for k, v in kept.items()),
    )


@bp.get("/<id:person_id>")
def person(person_id: int):
    return person_page(scope.person_in_scope(person_id))


def person_page(user: User, status: int = 200, kudos_form: dict | None = None):
    """A person's page; `kudos_form` (message, share, error) re-shows a refused kudos form
    with what was typed and the reason beside it."""
    moment = now()
    last = last_shared_at(user)
    shares = list(
        Share.select()
        .where((Share.user == user.id) & Share.deleted_at.is_null())
        .order_by(Share.logged_at.desc())
        .limit(20)
    )
    badges = list(
        UserBadge.select().where(UserBadge.user == user.id).order_by(UserBadge.earned_at.desc())
    )
    kudos = list(
        Kudos.select(Kudos, User)
        .join(User, on=Kudos.giver)
        .where(Kudos.receiver == user.id)
        .order_by(Kudos.created_at.desc())
        .limit(10)
    )
    return render_template(
        "console/person.html",
        person=user,
        stats=UserStats.get_or_none(UserStats.user == user.id),
        status=status_of(user, last, moment, staff=is_staff_member(user)),
        statuses=STATUSES,
        last_shared_at=last,
        shares=shares,
        badges=badges,
        book=rulebook(),
        kudos=kudos,
        teams=scope.teams_for_forms(),
        is_admin=scope.is_admin(),
        is_self=user.id == g.console_user.id,
        may_change=scope.may_change(user),
        kudos_form=kudos_form or {},
    ), status

"""Recognition: leadership kudos sent from the console, badge revocations, and the point
rules and badge catalogue as the server loaded them."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, url_for

from ..accounts import find_user
from ..admin_models import AuditEvent
from ..api.helpers import rulebook
from ..audit import details_of
from ..directory import PeopleFilter, filtered
from ..errors import ApiError
from ..models import Kudos, User
from . import scope
from .security import area_blueprint
from .ui import failed, form_text, now

bp = area_blueprint("console_recognition", "/recognition", nav="Recognition", order=40)


@bp.get("/")
def index():
    giver = User.alias()
    receiver = User.alias()
    recent = (
        Kudos.select(Kudos, giver, receiver)
        .join(giver, on=Kudos.giver == giver.id)
        .switch(Kudos)
        .join(receiver, on=Kudos.receiver == receiver.id)
        .where(Kudos.leadership == True)  # noqa: E712 (peewee expression)
        .order_by(Kudos.id.desc())
        .limit(20)
    )
    allowed = scope.team_ids()
    if allowed is not None:
        recent = recent.where(receiver.team.in_(sorted(allowed) or [0]))
    revoked = []
    if scope.is_admin():
        revoked = [
            (event, details_of(event))
            for event in AuditEvent.select()
            .where(AuditEvent.action == "badge.revoke")
            .order_by(AuditEvent.id.desc())
            .limit(10)
        ]
    return render_template(
        "console/recognition.html", recent=list(recent), revoked=revoked, me=g.console_user
    )


@bp.post("/find")
def find_person():
    """Pick a person to recognise (their page has the kudos form), by email or by name: a
    comms admin knows the name of the person they want to thank, rarely their address."""
    who = " ".join((form_text("who", 254) or form_text("email", 254)).split())
    if "@" not in who:
        return _by_name(who)
    refusal = None
    try:
        person = find_user(who)
    except ApiError as error:
        person, refusal = None, error
    if person is None or not scope.may_act_on(person):
        if not scope.is_admin() and (refusal is None or refusal.status == 404):
            # The same answer for an unknown address and for someone in another team: it
            # must not tell a manager who else is in the program.
            refusal = ApiError(404, "No one with that email is in the teams you manage.")
        return failed(refusal, ".index")
    return redirect(url_for("console_people.person", person_id=person.id, _anchor="kudos"))


def _by_name(name: str):
    """One active person whose name holds these words: their page. Several: the People list
    of them, each name leading to its page. None: say so (within a manager's own teams)."""
    if not name:
        return failed(ApiError(422, "Type their name or email."), ".index")
    flt = PeopleFilter(q=name, scope_team_ids=scope.team_ids())
    active = filtered(flt, now()).where(User.deactivated_at.is_null())
    matches = list(active.order_by(User.name_folded, User.id).limit(2))
    if len(matches) == 1:
        return redirect(url_for("console_people.person", person_id=matches[0].id, _anchor="kudos"))
    if matches:
        return redirect(url_for("console_people.index", q=name))
    where = "in the program" if scope.is_admin() else "in the teams you manage"
    return failed(ApiError(404, f"No one active {where} has a name with “{name}”."), ".index")


@bp.get("/rules")
def rules():
    book = rulebook()
    data_dir = current_app.config["DATA_DIR"]
    return render_template("console/rules.html", book=book, data_dir=data_dir)

"""Recognition: leadership kudos sent from the console, badge revocations, and the point
rules and badge catalogue as the server loaded them."""

from __future__ import annotations

from flask import current_app, g, render_template

from ..accounts import find_user
from ..admin_models import AuditEvent
from ..api.helpers import rulebook
from ..audit import details_of
from ..errors import ApiError
from ..models import Kudos, User
from . import scope
from .security import area_blueprint
from .ui import failed, form_text

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
    """Pick a person by email to recognise them (their page has the kudos form)."""
    refusal = None
    try:
        person = find_user(form_text("email", 254))
    except ApiError as error:
        person, refusal = None, error
    if person is None or not scope.may_act_on(person):
        if not scope.is_admin() and (refusal is None or refusal.status == 404):
            # The same answer for an unknown address and for someone in another team: it
            # must not tell a manager who else is in the program.
            refusal = ApiError(404, "No one with that email is in the teams you manage.")
        return failed(refusal, ".index")
    from flask import redirect, url_for

    return redirect(url_for("console_people.person", person_id=person.id, _anchor="kudos"))


@bp.get("/rules")
def rules():
    book = rulebook()
    data_dir = current_app.config["DATA_DIR"]
    return render_template("console/rules.html", book=book, data_dir=data_dir)

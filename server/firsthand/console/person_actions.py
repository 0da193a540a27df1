"""Changes to one person: invite, edit, connect link, deactivate, kudos, badges, delete.

Every action checks scope on the server (a manager only acts on their teams' people) and
goes through a domain function that records it in the audit log.
"""

from __future__ import annotations

import shlex
import smtplib

from flask import current_app, flash, g, render_template, request

from .. import audit, mail
from ..accounts import confirms_address, create_user, normalise_email
from ..api.helpers import rulebook
from ..auth import connect_link
from ..badge_revocation import revoke_badge
from ..db import write_transaction
from ..errors import ApiError
from ..kudos import give_kudos
from ..models import Team, User, UserBadge
from ..people import deactivate, reactivate, update_person
from ..privacy import erase_person
from ..teams import team_by_id
from . import scope
from .people_views import person_page
from .security import area_blueprint, requires_role
from .ui import done, failed, field_errors, form_int, form_text, now

bp = area_blueprint("console_person", "/people", part_of="console_people")
# The invite form's fields, in its order, by the names its faults give (field_errors).
INVITE_FIELDS = {"email": "Work email", "name": "Name", "team": "Team", "role": "Role"}
TEAM = [{"field": "team", "message": "is not one of your teams"}]


def _chosen_team() -> Team | None:
    team_id = form_int("team")
    if team_id is None:
        if not scope.is_admin():
            raise ApiError(422, "Choose one of your teams.", code="team_required", details=TEAM)
        return None
    team = team_by_id(team_id)
    allowed = scope.team_ids()
    if allowed is not None and team.id not in allowed:
        raise ApiError(403, "You can only put people in the teams you manage.", details=TEAM)
    return team


@bp.get("/invite")
def invite_form(values: dict | None = None, existing: User | None = None, errors=None):
    return render_template(
        "console/invite.html",
        teams=scope.teams_for_forms(),
        is_admin=scope.is_admin(),
        values=values or {},
        existing=existing,
        errors=errors or {},
    )


@bp.post("/invite")
def invite():
    try:
        team = _chosen_team()
        role = (form_text("role") or "employee") if scope.is_admin() else "employee"
        user = create_user(
            form_text("email", 254),
            form_text("name", 120),
            now(),
            team.name if team else None,
            role,
            actor=g.console_user,
        )
    except ApiError as error:
        if error.code == "email_taken":
            return _already_in(error)
        # Shown with what was typed, so one wrong field does not cost the others, and the
        # fault beside its field (above the form only when it names none).
        errors, above = field_errors(error, INVITE_FIELDS)
        if above:
            flash(above, "error")
        return invite_form(request.form.to_dict(), errors=errors), error.status
    return _show_link(user, invited=True)


def _already_in(error: ApiError):
    """The invite of someone already in Firsthand (a typo, or the connect-link page reloaded,
    which sends the form again): what was typed, and a way on to their page for a new link,
    rather than the API's words with a shell command in backticks."""
    person = User.get_or_none(
        (User.email == normalise_email(form_text("email", 254))) & User.erased_at.is_null()
    )
    errors = {"email": error.message.split(" To reconnect")[0]}
    existing = person if person is not None and scope.may_act_on(person) else None
    return invite_form(request.form.to_dict(), existing, errors), error.status


def _show_link(user, invited: bool = False):
    link = connect_link(user)
    emailed, not_emailed = False, None
    if request.form.get("email_link") and mail.configured():
        delivery = _email_links([(user, link)])
        emailed = delivery is not None and delivery.complete
        if not emailed:
            not_emailed = _why_not(delivery, user.email)
    return render_template(
        "console/connect_link.html",
        person=user,
        link=link,
        invited=invited,
        emailed=emailed,
        not_emailed=not_emailed,
        mail_ready=mail.configured(),
        shell_email=shlex.quote(user.email),  # o'brien@… pasted into a shell as it stands
    )


def _email_links(pairs) -> mail.Delivery | None:
    """Email each person their connect link: what became of each, or None (and a log line)
    when the mail server could not be reached or refused us (nothing was sent)."""
    messages = [
        (
            user.email,
            "Connect Firsthand to your browser",
            f"Hello {user.name},\n\nYou are invited to Firsthand, which helps you post in your "
            f"own voice and recognises you for it. Open this link in the browser where the "
            f"Firsthand extension is installed:\n\n{link}\n\nThe link works for "
            f"{current_app.config['INVITE_MAX_AGE_DAYS']} days.",
        )
        for user, link in pairs
    ]
    try:
        delivery = mail.send_many(messages)
    except (OSError, smtplib.SMTPException, ValueError):
        current_app.logger.exception("could not email connect links")
        return None
    if not delivery.complete:
        current_app.logger.warning(
            "connect links: %d sent, %d refused, %d not tried (%s)",
            len(delivery.sent),
            len(delivery.refused),
            len(delivery.unsent),
            delivery.stopped or "addresses refused",
        )
    return delivery


def _why_not(delivery: mail.Delivery | None, email: str) -> str:
    """Why `email` was not sent its message, in words."""
    if delivery is None:
        return "the mail server could not be reached or did not accept the message"
    return delivery.refused.get(email) or delivery.stopped or "the mail server did not take it"


@bp.post("/<id:person_id>/connect-link")
def reissue_link(person_id: int):
    person = scope.person_to_change(person_id)
    if person.deactivated_at is not None:
        return failed(
            ApiError(422, "Reactivate them first: a deactivated person cannot connect."),
            "console_people.person",
            person_id=person.id,
        )
    with write_transaction():
        audit.record(g.console_user, "person.connect_link", audit.person(person), now())
    return _show_link(person)


@bp.post("/<id:person_id>")
def update(person_id: int):
    person = scope.person_to_change(person_id)
    try:
        team = _chosen_team() if "team" in request.form else False
        role = form_text("role") or None
        if role and role != person.role and not scope.is_admin():
            raise ApiError(403, "Only admins can change roles.")
        changes = update_person(
            person, now(), g.console_user, name=form_text("name", 200) or None, team=team, role=role
        )
    except ApiError as error:
        return failed(error, "console_people.person", person_id=person.id)
    message = "Saved." if changes else "Nothing to change."
    return done(message, "console_people.person", person_id=person.id)


@bp.post("/<id:person_id>/deactivate")
def deactivate_view(person_id: int):
    person = scope.person_to_change(person_id)
    try:
        deactivate(person, now(), g.console_user)
    except ApiError as error:
        return failed(error, "console_people.person", person_id=person.id)
    return done(
        f"{person.name} is deactivated: their extension is disconnected and they are off "
        "leaderboards. Their history is kept.",
        "console_people.person",
        person_id=person.id,
    )


@bp.post("/<id:person_id>/reactivate")
def reactivate_view(person_id: int):
    person = scope.person_to_change(person_id)
    reactivate(person, now(), g.console_user)
    return done(f"{person.name} is active again.", "console_people.person", person_id=person.id)


@bp.post("/<id:person_id>/kudos")
def kudos(person_id: int):
    person = scope.person_in_scope(person_id)
    typed = {"message": (request.form.get("message") or "").strip(), "share": None}
    try:
        typed["share"] = form_int("share")
        message = form_text("message", 280)
        with write_transaction():
            given = give_kudos(
                g.console_user, person.id, message, typed["share"], rulebook(), now()
            )
            if not given.repeated:  # the same thanks again wrote nothing: nothing to audit
                audit.record(
                    g.console_user, "kudos.give", audit.person(person), now(), {"message": message}
                )
    except ApiError as error:
        # The person's page again, the message kept and the reason beside the form.
        return person_page(person, error.status, {**typed, "error": error.message})
    return done(
        f"Kudos sent: {person.name} sees them in their Firsthand popup.",
        "console_people.person",
        person_id=person.id,
    )


@bp.post("/badges/<id:badge_row_id>/revoke")
@requires_role("admin")
def revoke(badge_row_id: int):
    row = UserBadge.get_or_none(UserBadge.id == badge_row_id)
    if row is None:
        return failed(ApiError(404, "No such badge."), "console_people.index")
    person = scope.person_in_scope(row.user_id)
    try:
        revoke_badge(row, form_text("reason", 400), now(), g.console_user)
    except ApiError as error:
        return failed(error, "console_people.person", person_id=person.id)
    return done(
        "Badge revoked: its public page now says so (410 Gone).",
        "console_people.person",
        person_id=person.id,
    )


@bp.get("/<id:person_id>/delete")
@requires_role("admin")
def delete_confirm(person_id: int):
    person = scope.person_in_scope(person_id)
    return render_template("console/person_delete.html", person=person)


@bp.post("/<id:person_id>/delete")
@requires_role("admin")
def delete(person_id: int):
    person = scope.person_in_scope(person_id)
    if person.id == g.console_user.id:
        return failed(
            ApiError(422, "You cannot delete your own account from the console."),
            "console_people.person",
            person_id=person.id,
        )
    if not confirms_address(form_text("confirm_email", 254), person.email):
        return failed(
            ApiError(422, "Type the person's email exactly to confirm the deletion."),
            ".delete_confirm",
            person_id=person.id,
        )
    name = person.name
    erase_person(person, now(), g.console_user)
    return done(
        f"{name} and their data are deleted; their badges are revoked.", "console_people.index"
    )

"""Inviting many people from a CSV: upload, preview, confirm, then their connect links."""

from __future__ import annotations

import json

from flask import g, render_template, request, url_for
from flask import redirect as go

from .. import audit, imports, mail
from ..admin_models import ImportBatch
from ..auth import connect_link
from ..db import write_transaction
from ..errors import ApiError
from ..folding import sort_key
from ..models import User
from ..staff import is_staff
from . import scope
from .csv_export import csv_response
from .person_actions import _email_links
from .security import area_blueprint
from .ui import done, failed, now

bp = area_blueprint(
    "console_import", "/people/import", part_of="console_people", max_body_config="IMPORT_MAX_BYTES"
)
SHOWN = 1000  # rows of each kind listed on the preview (every problem is always listed)


def _batch(batch_id: int) -> ImportBatch:
    batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
    if batch is None or batch.actor_id != g.console_user.id:
        raise ApiError(
            404, "There is no such import (imports are kept for the person who made them)."
        )
    return batch


@bp.get("/")
def index():
    return render_template("console/import.html")


@bp.post("/")
def upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return failed(ApiError(422, "Choose a CSV file to upload."), ".index")
    try:
        sheet = imports.read_sheet(upload.read())
    except ApiError as error:
        return failed(error, ".index")
    if not sheet.rows:
        return failed(ApiError(422, "The file has no rows of people."), ".index")
    batch = imports.save_preview(sheet.rows, upload.filename, g.console_user, now(), sheet.notes)
    return go(url_for(".preview", batch_id=batch.id))


@bp.get("/<id:batch_id>")
def preview(batch_id: int):
    batch = _batch(batch_id)
    if batch.applied_at is not None:
        return go(url_for(".result", batch_id=batch.id))
    plan = imports.plan(imports.batch_rows(batch), g.console_user, scope.team_ids())
    return render_template(
        "console/import_preview.html",
        batch=batch,
        plan=plan,
        notes=imports.batch_notes(batch),
        shown=SHOWN,
    )


@bp.post("/<id:batch_id>")
def confirm(batch_id: int):
    batch = _batch(batch_id)
    try:
        applied = imports.apply(batch, g.console_user, scope.team_ids(), now())
    except ApiError as error:
        return failed(error, ".result", batch_id=batch.id)
    return done(
        f"Imported: {applied.created} invited, {applied.updated} updated, "
        f"{applied.unchanged} unchanged, {applied.skipped} skipped.",
        ".result",
        batch_id=batch.id,
    )


def _waiting(batch: ImportBatch) -> list[User]:
    """The import's people who still have to connect (and are not deactivated): the ones
    whose links are handed out. Program staff are not among them (_staff)."""
    return _not_connected(batch, staff=False)


def _staff(batch: ImportBatch) -> list[User]:
    """The import's admins who run the program from the console and never connected (staff.py):
    they need no connect link to do that, so handing them one, in the CSV or by email, would be
    a working credential given for nothing. The result page names them apart; one who also
    posts can get a link from their own page."""
    return _not_connected(batch, staff=True)


def _not_connected(batch: ImportBatch, staff: bool) -> list[User]:
    ids = json.loads(batch.invited or "[]")
    # Decided now, not at the import: someone made an employee since is waiting like anyone.
    staff_now = is_staff() if staff else ~is_staff()
    people = []
    for start in range(0, len(ids), 500):
        people += list(
            User.select().where(
                User.id.in_(ids[start : start + 500])
                & User.connected_at.is_null()
                & User.deactivated_at.is_null()
                & User.erased_at.is_null()
                & staff_now
            )
        )
    # A manager gets links only for people whose accounts they may still change: someone made
    # an admin since, or moved out of their teams, is not theirs to connect (scope.may_change).
    theirs = (p for p in people if scope.may_change(p))
    return sorted(theirs, key=lambda u: (sort_key(u.name), u.id))


@bp.get("/<id:batch_id>/done")
def result(batch_id: int):
    batch = _batch(batch_id)
    if batch.applied_at is None:
        return go(url_for(".preview", batch_id=batch.id))
    waiting, emailed = _waiting(batch), set(json.loads(batch.emailed or "[]"))
    return render_template(
        "console/import_result.html",
        batch=batch,
        waiting=waiting,
        emailed=emailed,
        not_emailed=[person for person in waiting if person.id not in emailed],
        staff=_staff(batch),
    )


def _issue_links(people: list[User]) -> list[tuple[User, str]]:
    pairs = [(person, connect_link(person)) for person in people]
    with write_transaction():
        audit.record_many(
            g.console_user,
            [(audit.person(p), {"source": "import"}) for p in people],
            "person.connect_link",
            now(),
        )
    return pairs


@bp.get("/<id:batch_id>/links.csv")
def links_csv_page(batch_id: int):
    """A bookmarked or prefetched address issues nothing: links come only from the form."""
    return go(url_for(".result", batch_id=_batch(batch_id).id))


@bp.post("/<id:batch_id>/links.csv")
def links_csv(batch_id: int):
    # POST with the CSRF token: issuing links writes audit events and hands out working
    # credentials, which a link preview, a prefetch or another site's <img> must not do.
    batch = _batch(batch_id)
    rows = [
        (person.email, person.name, person.team_name or "", link)
        for person, link in _issue_links(_waiting(batch))
    ]
    return csv_response(
        f"connect-links-{batch.id}.csv", ["email", "name", "team", "connect_link"], rows
    )


@bp.post("/<id:batch_id>/email")
def email_links(batch_id: int):
    """Email the waiting people their links: those not emailed from this import yet, or with
    `again`, everyone waiting (new links). Each one sent is recorded (audit, batch.emailed)
    once the mail server took it; a batch it broke off says who was sent and who was not."""
    batch = _batch(batch_id)
    if not mail.configured():
        return failed(
            ApiError(422, "This server does not send email."), ".result", batch_id=batch.id
        )
    emailed = set(json.loads(batch.emailed or "[]"))
    people = _waiting(batch)
    if request.form.get("again") != "1":
        people = [person for person in people if person.id not in emailed]
    if not people:
        return done(
            "Everyone waiting was emailed their link from this import already: nothing was sent.",
            ".result",
            batch_id=batch.id,
        )
    delivery = _email_links([(person, connect_link(person)) for person in people])
    if delivery is None:
        return failed(
            ApiError(502, "The mail server did not accept the messages; nothing was sent."),
            ".result",
            batch_id=batch.id,
        )
    _record_emailed(batch, [person for person in people if person.email in delivery.sent])
    if delivery.complete:
        return done(f"Emailed connect links to {len(people)} people.", ".result", batch_id=batch.id)
    return failed(ApiError(502, _not_all_sent(delivery, len(people))), ".result", batch_id=batch.id)


def _record_emailed(batch: ImportBatch, people: list[User]) -> None:
    if not people:
        return
    with write_transaction():
        audit.record_many(
            g.console_user,
            [(audit.person(p), {"source": "import", "emailed": True}) for p in people],
            "person.connect_link",
            now(),
        )
        before = json.loads(ImportBatch.get_by_id(batch.id).emailed or "[]")
        emailed = sorted(set(before) | {person.id for person in people})
        ImportBatch.update(emailed=json.dumps(emailed)).where(ImportBatch.id == batch.id).execute()


def _not_all_sent(delivery: mail.Delivery, tried: int) -> str:
    """Who was sent their link and who was not, and why (up to ten of each reason)."""
    parts = [f"{address} ({why})" for address, why in list(delivery.refused.items())[:10]]
    if len(delivery.refused) > 10:
        parts.append(f"{len(delivery.refused) - 10} more the mail server refused")
    if delivery.unsent:
        more = len(delivery.unsent) - 10
        listed = ", ".join(delivery.unsent[:10]) + (f" and {more} more" if more > 0 else "")
        parts.append(f"{listed} ({delivery.stopped})")
    said = (
        f"Emailed connect links to {len(delivery.sent)} of {tried} people. Not sent to "
        f"{len(delivery.refused) + len(delivery.unsent)}: {'; '.join(parts)}."
    )
    if delivery.sent:
        said += (
            " Emailing the links again sends to those not emailed only: the "
            f"{len(delivery.sent)} emailed are not sent another."
        )
    return said

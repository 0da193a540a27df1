"""The audit log: every change an admin or manager makes goes through `record`.

Call `record` inside the write transaction of the change it describes, so the log and the
data never disagree. Labels are copied at the time (a renamed team still reads as it was
called then); `forget_person` anonymises a deleted person's labels.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from .addresses import names_address
from .admin_models import AuditEvent
from .clock import iso
from .db import insert_rows
from .models import Team, User

# What each action means, for the console's filter and its sentences.
ACTIONS = {
    "console.sign_in": "signed in to the console",
    "console.sign_out": "signed out of the console",
    "console.sign_in_link": "issued a console sign-in link",
    "person.invite": "invited",
    "person.update": "changed",
    "person.connect_link": "issued a connect link for",
    "person.token": "issued an API token for",
    "person.deactivate": "deactivated",
    "person.reactivate": "reactivated",
    "person.revoke": "revoked every token and connect link of",
    "person.erase": "deleted the data of",
    "people.import": "imported people from a CSV",
    "team.create": "created the team",
    "team.rename": "renamed the team",
    "team.merge": "merged teams into",
    "team.add_manager": "made a manager of",
    "team.remove_manager": "removed a manager of",
    "kudos.give": "sent kudos to",
    "badge.revoke": "revoked a badge of",
    "guidelines.edit": "edited the posting guidelines",
    "settings.webhooks": "changed the webhook settings",
}
COMMAND_LINE = "command line"
# The details' keys as the audit page names them (a key not here is shown with its "_" as
# spaces): the raw keys read like code to the admins who read the log.
DETAIL_WORDS = {
    "name": "Name",
    "team": "Team",
    "role": "Role",
    "manager": "Manager",
    "source": "How",
    "from": "Was",
    "to": "Now",
    "merged": "Team merged in",
    "merged_team_id": "Its number",
    "people_moved": "People moved",
    "state": "State",
    "shares": "Shares deleted",
    "ledger_entries": "Points entries deleted",
    "badges_revoked": "Badges revoked",
    "kudos_received": "Kudos received deleted",
    "channels": "Posted to",
    "refused": "Refused",
    "title": "Title",
    "context": "Context",
    "questions": "Questions",
    "audience": "For",
    "starts_at": "Starts",
    "ends_at": "Ends",
    "status": "Status",
}
DETAIL_VALUES = {"import": "a CSV import"}
# The keys whose value is a change as [before, after] (person.update): any other list is a list
# (a story's two questions read “What did you build?” “Who helped you?”).
PAIRED = {"name", "team", "role"}


@dataclass(frozen=True)
class Target:
    type: str
    id: int | None
    label: str


def person(user: User) -> Target:
    return Target("person", user.id, f"{user.name} <{user.email}>")


def team(row: Team) -> Target:
    return Target("team", row.id, row.name)


def record(
    actor: User | None,
    action: str,
    target: Target,
    at: datetime,
    details: dict | None = None,
    *,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append one event; `actor` None means the command line (or the system)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to audit.ACTIONS")
    label = actor_label or (f"{actor.name} <{actor.email}>" if actor else COMMAND_LINE)
    return AuditEvent.create(
        at=at,
        actor=actor.id if actor else None,
        actor_label=label[:400],
        action=action,
        target_type=target.type,
        target_id=target.id,
        target_label=target.label[:400],
        details=json.dumps(details or {}, ensure_ascii=False, default=str),
    )


def record_many(
    actor: User | None, targets: list[tuple[Target, dict]], action: str, at: datetime
) -> None:
    """Append one event per (target, details) in one prepared statement (imports)."""
    label = f"{actor.name} <{actor.email}>" if actor else COMMAND_LINE
    rows = [
        {
            "at": at,
            "actor": actor.id if actor else None,
            "actor_label": label[:400],
            "action": action,
            "target_type": t.type,
            "target_id": t.id,
            "target_label": t.label[:400],
            "details": json.dumps(details, ensure_ascii=False, default=str),
        }
        for t, details in targets
    ]
    insert_rows(AuditEvent, rows)


def forget_person(user_id: int, email: str) -> None:
    """Replace a deleted person's name and email wherever the log names them: as the
    target, as the one who acted (a deleted manager's sign-ins and changes), and in other
    events' details (the manager a team gained or lost). What was done stays, by whom
    becomes "deleted person #id"."""
    placeholder = f"deleted person #{user_id}"
    AuditEvent.update(target_label=placeholder, details="{}").where(
        (AuditEvent.target_type == "person") & (AuditEvent.target_id == user_id)
    ).execute()
    AuditEvent.update(actor_label=placeholder).where(AuditEvent.actor == user_id).execute()
    for event in AuditEvent.select(AuditEvent.id, AuditEvent.details).where(
        AuditEvent.details.contains(email)
    ):
        details = _without(details_of(event), email, placeholder)
        text = json.dumps(details, ensure_ascii=False, default=str)
        AuditEvent.update(details=text).where(AuditEvent.id == event.id).execute()


def _without(value: object, email: str, placeholder: str) -> object:
    """`value` (parsed details) with every string that names `email` replaced: one that is
    the address or holds it whole, not jordan@… when dan@… is deleted."""
    if isinstance(value, str):
        return placeholder if names_address(value, email) else value
    if isinstance(value, list):
        return [_without(item, email, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, email, placeholder) for key, item in value.items()}
    return value


def detail_words(key: str) -> str:
    """How the audit page names a details key."""
    return DETAIL_WORDS.get(key) or key.replace("_", " ").capitalize()


def detail_text(key: str, value: object) -> str:
    """How the audit page shows a details value: a change as "before → after", a list as its
    items each in quotes (a question may hold "; " or ", ": joined bare, one read as two),
    True (a long text changed) as "edited", "import" as "a CSV import", and None (a link or
    an end cleared) as "—", not "None"."""
    if key in PAIRED and isinstance(value, list) and len(value) == 2:
        return f"{value[0] or '—'} → {value[1] or '—'}"
    if isinstance(value, list):
        return " ".join(f"“{'—' if item is None else item}”" for item in value) or "—"
    if value is True:
        return "edited"
    if value is None:
        return "—"
    return str(DETAIL_VALUES.get(value, value) if isinstance(value, str) else value)


def history_of(user: User) -> list[dict]:
    """The log's events about `user` (as the one changed, or the manager a team gained or
    lost), oldest first, for their own export. Who acted is said by role, not by name: the
    export is the person's data, not the admins'."""
    about_them = (AuditEvent.target_type == "person") & (AuditEvent.target_id == user.id)
    as_manager = AuditEvent.action.in_(("team.add_manager", "team.remove_manager"))
    events = AuditEvent.select().where(
        about_them | (as_manager & AuditEvent.details.contains(user.email))
    )
    history = []
    for event in events.order_by(AuditEvent.at, AuditEvent.id):
        details = details_of(event)
        if event.target_type == "team" and details.get("manager") != user.email:
            continue  # contains() matched another address holding theirs
        history.append(
            {
                "at": iso(event.at),
                "what": ACTIONS.get(event.action, event.action),
                "action": event.action,
                "about": "you" if event.target_type == "person" else event.target_label,
                "by": _by(event, user),
                "details": details,
            }
        )
    return history


def _by(event: AuditEvent, user: User) -> str:
    if event.actor_id == user.id or event.actor_label == "the person themselves":
        return "you"
    return "an admin or manager" if event.actor_id else "the command line"


def details_of(event: AuditEvent) -> dict:
    try:
        return json.loads(event.details or "{}")
    except ValueError:
        return {}

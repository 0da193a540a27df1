"""The program side's tables: who manages which team, the audit log, console sign-in links
and CSV imports waiting for confirmation."""

from __future__ import annotations

from typing import ClassVar

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from .fields import UTCDateTimeField
from .folding import FoldedColumns
from .models import BaseModel, Team, User


class TeamManager(BaseModel):
    """A manager (or admin) responsible for a team: they see and act on its people."""

    team = ForeignKeyField(Team, backref="manager_links", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="managed_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("team", "user"), True), (("user", "team"), False))


class AuditEvent(FoldedColumns, BaseModel):
    """One change an admin or manager made (or an employee made to their own account).

    The actor's and target's labels are copied at the time, so the log stays readable when
    people are renamed; erasing a person replaces their label where they are the target.
    """

    at = UTCDateTimeField()
    actor = ForeignKeyField(User, null=True, backref="audit_actions", on_delete="SET NULL")
    actor_label = CharField(max_length=400)
    action = CharField(max_length=40)  # e.g. person.deactivate, team.merge
    target_type = CharField(max_length=20)  # person, team, badge, kudos, import, console
    target_id = IntegerField(null=True)
    target_label = CharField(max_length=400)
    details = TextField(default="{}")  # JSON: what changed, from what to what
    # fold() of the labels, written with them: the log's actor and target filters
    actor_label_folded = TextField(default="")
    target_label_folded = TextField(default="")
    folded: ClassVar[dict[str, str]] = {
        "actor_label": "actor_label_folded",
        "target_label": "target_label_folded",
    }

    class Meta:
        indexes = (
            (("at", "id"), False),
            (("actor", "id"), False),
            (("action", "id"), False),
            (("target_type", "target_id", "id"), False),
        )


class SignInLink(BaseModel):
    """A single-use console sign-in link; only a hash of its secret is stored."""

    user = ForeignKeyField(User, backref="sign_in_links", on_delete="CASCADE")
    secret_hash = CharField(unique=True, max_length=64)
    created_at = UTCDateTimeField()
    expires_at = UTCDateTimeField()
    used_at = UTCDateTimeField(null=True)
    # The console session this link began was signed out: its cookie opens nothing any more.
    signed_out_at = UTCDateTimeField(null=True)


class ImportBatch(BaseModel):
    """A previewed people CSV: nothing is written until it is confirmed."""

    actor = ForeignKeyField(User, on_delete="CASCADE")
    created_at = UTCDateTimeField()
    filename = CharField(max_length=200)
    rows = TextField()  # JSON {"rows": the parsed rows, "notes": on its columns} (a list before)
    applied_at = UTCDateTimeField(null=True)
    # JSON list of the user ids the confirmed import created or left waiting to connect
    invited = TextField(default="[]")
    emailed = TextField(default="[]")  # and of those emailed their connect link (0042)


ADMIN_MODELS = [TeamManager, AuditEvent, SignInLink, ImportBatch]

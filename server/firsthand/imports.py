"""Inviting many people from a CSV (email, name, team, role): read, preview, then apply.

Nothing is written until the preview is confirmed; the plan is made again against the
database at that moment, so a confirmed import does exactly what is true then, and the
same file a second time plans nothing."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from . import audit, rollups
from .accounts import normalise_email
from .addresses import names_address
from .admin_models import ImportBatch
from .db import insert_rows, write_transaction
from .errors import ApiError
from .import_cells import cell_problems
from .import_checks import check_row, managers_change_employees_only
from .import_file import firsthand_role, read_csv, read_sheet  # noqa: F401 - the first step
from .input_guard import tidy_line
from .models import PeriodStats, Team, User, UserStats
from .signin import CONSOLE_ROLES, end_console_access
from .teams import lock_team_names, manage_own_team, team_key

CHUNK = 500


@dataclass
class Row:
    line: int
    email: str
    name: str
    team: str
    role: str
    problems: list[str] = field(default_factory=list)
    action: str = "skip"  # create, update, unchanged or skip
    changes: dict = field(default_factory=dict)
    person_id: int | None = None
    note: str = ""


@dataclass
class Plan:
    rows: list[Row]
    new_teams: list[str]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def problems(self) -> list[Row]:
        return [r for r in self.rows if r.problems]

    @property
    def importable(self) -> int:
        return sum(1 for r in self.rows if not r.problems)

    @property
    def writes(self) -> bool:
        return any(r.action in ("create", "update") for r in self.rows)


def plan(raw: list[dict], actor: User, scope_team_ids: set[int] | None) -> Plan:
    """What the import would do to each row, checked against the database now."""
    rows = [Row(**{k: r[k] for k in ("line", "email", "name", "team", "role")}) for r in raw]
    emails = [normalise_email(r.email) for r in rows]
    existing = _existing_people(emails)
    teams = {team_key(t.name): t for t in Team.select()}
    seen: dict[str, int] = {}
    new_teams: dict[str, str] = {}
    for row, email in zip(rows, emails, strict=True):
        row.problems += cell_problems(asdict(row))  # before tidy_line joins a cell's lines
        written, row.email = row.email.strip(), email
        row.team, row.name = tidy_line(row.team), tidy_line(row.name)
        row.role = firsthand_role(row.role)  # "Führungskraft" is manager; unknown kept as written
        check_row(row, seen, teams, existing.get(email), actor, scope_team_ids)
        if not row.problems:
            _decide(row, existing.get(email), teams)
            managers_change_employees_only(row, existing.get(email), actor, scope_team_ids)
            if row.team and team_key(row.team) not in teams:
                new_teams.setdefault(team_key(row.team), row.team)
        if row.problems:  # a skipped row is shown as the file wrote it (FATMA.YILMAZ@…)
            row.email = written
    return Plan(rows, sorted(new_teams.values(), key=str.lower))


def _existing_people(emails: list[str]) -> dict[str, User]:
    found = {}
    unique = sorted(set(emails))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        for user in User.select().where(User.email.in_(chunk) & User.erased_at.is_null()):
            found[user.email] = user
    return found


def _decide(row: Row, person: User | None, teams: dict) -> None:
    if person is None:
        row.action = "create"
        row.role = row.role or "employee"
        return
    row.person_id = person.id
    current_team = next((t.name for t in teams.values() if t.id == person.team_id), None)
    if row.name and row.name != person.name:
        row.changes["name"] = [person.name, row.name]
    if row.team and team_key(current_team or "") != team_key(row.team):
        row.changes["team"] = [current_team, row.team]
    if row.role and row.role != person.role:
        row.changes["role"] = [person.role, row.role]
    row.action = "update" if row.changes else "unchanged"
    if person.deactivated_at is not None:
        row.note = "deactivated (stays deactivated)"


def save_preview(
    raw: list[dict], filename: str, actor: User, now: datetime, notes: list[str] | None = None
) -> ImportBatch:
    """Keep the read rows, and the notes on the file's columns, until the admin confirms
    (nothing about people is written)."""
    with write_transaction():
        return ImportBatch.create(
            actor=actor.id,
            created_at=now,
            filename=(tidy_line(filename) or "people.csv")[:200],
            rows=json.dumps({"rows": raw, "notes": notes or []}, ensure_ascii=False),
        )


def batch_rows(batch: ImportBatch) -> list[dict]:
    kept = json.loads(batch.rows)
    return kept if isinstance(kept, list) else kept["rows"]  # a list: saved before the notes


def _names(value: object, email: str) -> bool:
    """Whether a kept cell names the address (most cells, names and teams, hold no "@" at all:
    not normalised one by one, in the erasure's write transaction)."""
    text = str(value)
    return ("@" in text or "\uff20" in text) and names_address(text, email)


def forget_in_batches(email: str) -> None:
    """Take a deleted person's rows out of every kept people file: imported by someone
    else, their name and address stayed in that file's rows (and in every backup after).
    Every file is read: it may spell the address otherwise than the account does
    (ÉMILE@…, ＢＯＢ@…, the domain as DNS spells it), which no database search finds."""
    for batch in ImportBatch.select(ImportBatch.id, ImportBatch.rows):
        kept = json.loads(batch.rows)
        rows = kept if isinstance(kept, list) else kept["rows"]
        left = [r for r in rows if not any(_names(v, email) for v in r.values())]
        if len(left) == len(rows):
            continue
        kept = left if isinstance(kept, list) else kept | {"rows": left}
        text = json.dumps(kept, ensure_ascii=False)
        ImportBatch.update(rows=text).where(ImportBatch.id == batch.id).execute()


def batch_notes(batch: ImportBatch) -> list[str]:
    kept = json.loads(batch.rows)
    return [] if isinstance(kept, list) else kept["notes"]


@dataclass
class Applied:
    created: int
    updated: int
    unchanged: int
    skipped: int
    teams_created: int
    invited_ids: list[int]


def apply(
    batch: ImportBatch, actor: User, scope_team_ids: set[int] | None, now: datetime
) -> Applied:
    """Carry out the plan for a previewed file, once, in one transaction."""
    with write_transaction():
        lock_team_names()  # before reading whether it was applied, and which teams are new
        fresh = ImportBatch.get_by_id(batch.id)
        if fresh.applied_at is not None:
            raise ApiError(409, "This file was already imported.", code="already_imported")
        result = plan(batch_rows(fresh), actor, scope_team_ids)
        teams = {team_key(t.name): t for t in Team.select()}
        for name in result.new_teams:
            team = Team.create(name=name, created_at=now)
            teams[team_key(name)] = team
            audit.record(actor, "team.create", audit.team(team), now, {"source": "import"})
        created = _create_people([r for r in result.rows if r.action == "create"], teams, now)
        updated = [r for r in result.rows if r.action == "update"]
        for row in updated:
            _update_person(row, teams, now)
        audit.record_many(
            actor,
            [(audit.person(u), {"source": "import", "role": u.role}) for u in created],
            "person.invite",
            now,
        )
        audit.record_many(
            actor,
            [
                (audit.Target("person", r.person_id, f"{r.name} <{r.email}>"), r.changes)
                for r in updated
            ],
            "person.update",
            now,
        )
        managers = [u for u in created if u.role == "manager"]
        managers += [User.get_by_id(r.person_id) for r in updated if r.role == "manager"]
        for manager in managers:
            manage_own_team(manager, now, actor)
        invited = [u.id for u in created] + _still_invited(result)
        applied = Applied(
            created=len(created),
            updated=len(updated),
            unchanged=result.count("unchanged"),
            skipped=result.count("skip"),
            teams_created=len(result.new_teams),
            invited_ids=invited,
        )
        if result.writes or result.new_teams:
            summary = {k: v for k, v in asdict(applied).items() if k != "invited_ids"}
            audit.record(
                actor,
                "people.import",
                audit.Target("import", fresh.id, fresh.filename),
                now,
                summary,
            )
        ImportBatch.update(applied_at=now, invited=json.dumps(invited)).where(
            ImportBatch.id == fresh.id
        ).execute()
    return applied


def _create_people(rows: list[Row], teams: dict, moment: datetime) -> list[User]:
    insert_rows(
        User,
        [
            {
                "email": r.email,
                "name": r.name,
                "team": teams[team_key(r.team)].id if r.team else None,
                "role": r.role,
                "created_at": moment,
                "token_generation": 0,
                "leaderboard_opt_out": False,
            }
            for r in rows
        ],
    )
    created = []
    emails = [r.email for r in rows]
    for start in range(0, len(emails), CHUNK):
        created += list(User.select().where(User.email.in_(emails[start : start + CHUNK])))
    insert_rows(UserStats, [{"user": u.id} for u in created])
    rollups.invited_many([(u.id, u.team_id) for u in created], moment)
    return sorted(created, key=lambda u: u.id)


def _update_person(row: Row, teams: dict, now: datetime) -> None:
    values = {}
    if "name" in row.changes:
        values[User.name] = row.name
    if "role" in row.changes:
        values[User.role] = row.role
    if "team" in row.changes:
        team_id = teams[team_key(row.team)].id
        values[User.team] = team_id
        PeriodStats.update(team=team_id).where(PeriodStats.user == row.person_id).execute()
    with rollups.tracked(row.person_id) as changes:
        # Not a person erased since the plan read them (their anonymous row keeps no name).
        User.update(values).where((User.id == row.person_id) & User.erased_at.is_null()).execute()
        if "role" in row.changes and row.role not in CONSOLE_ROLES:
            end_console_access(row.person_id, now)  # as people.update_person
        if "team" in row.changes:
            rollups.moved(changes, row.person_id, values[User.team], now)


def _still_invited(result: Plan) -> list[int]:
    """People already there who have not connected yet: their links are offered too."""
    ids = [r.person_id for r in result.rows if r.action in ("update", "unchanged")]
    waiting = []
    for start in range(0, len(ids), CHUNK):
        waiting += [
            u.id
            for u in User.select(User.id).where(
                User.id.in_(ids[start : start + CHUNK])
                & User.connected_at.is_null()
                & User.deactivated_at.is_null()
            )
        ]
    return waiting

"""Reading a CSV of people to invite (email, name, team, role): the first step of an import
(imports.py plans and applies it). Whatever the spreadsheet wrote: UTF-8 with or without its
BOM, UTF-16 (Excel's "Unicode Text"), Windows' cp1252; `,`, `;` or tab (or the one a first
line "sep=;" names); a header or none. Column titles are recognised in the six languages of
Firsthand (import_columns.json); what the file's header or columns seem to get wrong is said
in notes shown above the preview, rather than as the same problem on every row."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import import_records
from .accounts import EMAIL
from .errors import ApiError
from .folding import fold
from .input_guard import INVISIBLE
from .models import ROLES

MAX_ROWS = import_records.MAX_ROWS
# Excel's first line naming the delimiter ("sep=;"): Excel reads it and shows no row for it.
SEP_HINT = re.compile(r"sep=([^\r\n])[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)
TITLES_SHOWN = 8  # column titles a refusal quotes
COLUMNS = ("email", "name", "team", "role")  # what each row read holds, in headerless order
EXPECTED = (
    "email (or e-mail, email address…), name (or first name and last name), "
    "team (or department) and role"
)
COLUMNS_FILE = Path(__file__).with_name("import_columns.json")
ROLES_FILE = Path(__file__).with_name("import_roles.json")
PLURAL_MARK = re.compile(r"\((?:e?s)\)")
# The parts of a name, in the order they are joined when there is no whole-name column.
NAME_PARTS = ("first_name", "last_name_prefix", "last_name", "second_last_name")


@dataclass
class Sheet:
    rows: list[dict]
    notes: list[str] = field(default_factory=list)  # about the file as a whole, for the preview


def read_csv(data: bytes) -> list[dict]:
    """The file's rows as {line, email, name, team, role}; 422 if it cannot be read."""
    return read_sheet(data).rows


def read_sheet(data: bytes) -> Sheet:
    """The file's rows, and notes on its columns; 422 if it cannot be read."""
    text = import_records.text(data)
    if "\x00" in text:
        raise ApiError(422, "This is not a CSV text file.", code="not_csv")
    hint = SEP_HINT.match(text)
    if hint:
        text, delimiter = text[hint.end() :], hint.group(1)
    else:
        first = _first_line(text)
        delimiter = max(",;\t", key=first.count)  # Excel writes ';' where ',' is a decimal point
    count, filled = import_records.records(text, delimiter)
    if not count:
        raise ApiError(422, "The file is empty.", code="empty_csv")
    if not filled:
        return Sheet([])
    # The header is the first line with something in it: blank lines above it are no titles.
    at, head = filled[0]
    titles = [_title(h) for h in head]
    positions = _columns(titles)
    has_header = "email" in positions or _looks_like_header(filled[:6], bool(positions))
    body = filled[1:] if has_header else filled
    notes = []
    if has_header:
        if "email" not in positions:
            raise ApiError(422, _no_email(head), code="no_email")
        notes += _ignored(head, titles, positions)
    else:
        positions = {"email": 0, "name": 1, "team": 2, "role": 3}
    if count - (at if has_header else 0) > MAX_ROWS:  # blank lines count, as they always have
        raise ApiError(422, import_records.TOO_MANY, code="too_many")
    notes += _misplaced_emails([r for _, r in body], positions, head if has_header else None)
    if has_header:
        notes += _job_titles([r for _, r in body], positions, head)
    rows = []
    for line, record in body:  # the line number people see in a spreadsheet
        values = {
            key: (record[i].strip() if i < len(record) else "") for key, i in positions.items()
        }
        if "name" not in values and any(part in values for part in NAME_PARTS):
            values["name"] = _joined_name(values)
        rows.append({"line": line, **{k: values.get(k, "") for k in COLUMNS}})
    return Sheet(rows, notes)


def _first_line(text: str) -> str:
    """The file's first line with something in it (found without splitting every line: a file
    of 8 MiB of line breaks made a list of 8 million)."""
    found = re.search(r"\S", text)
    if found is None:
        return ""
    start = max(text.rfind("\n", 0, found.start()), text.rfind("\r", 0, found.start())) + 1
    end = re.compile(r"[\r\n]").search(text, found.start())
    return text[start : end.start() if end else len(text)]


def _joined_name(values: dict[str, str]) -> str:
    """Given name, then the family name as written: "Jan" "van" "Dijk", "Ana" "Gil" "Ruiz". A
    given-name cell that already ends with the family name (an English "Name" column holding
    "Ana Silva" beside "Surname" "Silva") is the whole name, not "Ana Silva Silva"."""
    parts = [values[p] for p in NAME_PARTS if values.get(p)]
    first, family = values.get("first_name", ""), " ".join(parts[1:])
    given, surname = fold(f" {first}"), fold(f" {family}")
    if first and family and len(given) > len(surname) and given.endswith(surname):
        return first
    return " ".join(parts)


@cache
def _known_titles() -> tuple[dict[str, str], frozenset[str]]:
    """Folded column title -> the column it names; and the titles that are a surname beside a
    first-name column."""
    data = json.loads(COLUMNS_FILE.read_text(encoding="utf-8"))
    known = {_title(t): key for key, titles in data["columns"].items() for t in titles}
    return known, frozenset(_title(t) for t in data["surname_beside_first_name"])


@cache
def _given_names_beside_surname() -> frozenset[str]:
    """Titles that are the given name beside a last-name column ("Name, Surname")."""
    data = json.loads(COLUMNS_FILE.read_text(encoding="utf-8"))
    return frozenset(_title(t) for t in data["given_name_beside_surname"])


def firsthand_role(cell: str) -> str:
    """The Firsthand role a role cell names, in any of the six languages ("Führungskraft" is
    manager, "Mitarbeiterin" employee); an empty cell is ""; an unknown value is returned as
    written, for its row's problem to quote."""
    return _known_roles().get(_role_key(cell), cell.strip())


@cache
def _known_roles() -> dict[str, str]:
    """Folded role value -> the role it names (import_roles.json)."""
    data = json.loads(ROLES_FILE.read_text(encoding="utf-8"))
    known: dict[str, str] = {}
    for role, values in data["roles"].items():
        if role not in ROLES:
            raise ValueError(f"import_roles.json: {role!r} is not a role")
        for value in values:
            # One word naming two roles would grant whichever was read last: refused here.
            if known.setdefault(_role_key(value), role) != role:
                raise ValueError(f"import_roles.json: {value!r} names two roles")
    return known


def _role_key(cell: str) -> str:
    # Invisible characters (a zero-width space pasted from a web page) left out: "Admin\u200b"
    # was an unknown role, quoted in a problem that read "unknown role “Admin”".
    return " ".join(fold(INVISIBLE.sub("", cell)).replace("\u2019", "'").split())


def _title(cell: str) -> str:
    """A column title as compared: case, accents, underscores and extra spaces ignored."""
    # A plural written "(s)" or "(es)" ("Apellido(s)", "Given name(s)") is its title without it.
    bare = PLURAL_MARK.sub("", fold(INVISIBLE.sub("", cell)))  # and "Email\u200b" is Email
    return " ".join(bare.replace("_", " ").split())


def _columns(titles: list[str]) -> dict[str, int]:
    known, surnames = _known_titles()
    found: dict[str, int] = {}
    for i, title in enumerate(titles):
        key = known.get(title)
        if key is not None and key not in found:
            found[key] = i
    if (
        "first_name" in found
        and "last_name" not in found
        and "name" in found
        and titles[found["name"]] in surnames
    ):
        found["last_name"] = found.pop("name")  # "Name, Vorname": Name is the surname
    elif (
        "last_name" in found
        and "first_name" not in found
        and "name" in found
        and titles[found["name"]] in _given_names_beside_surname()
    ):
        found["first_name"] = found.pop("name")  # "Name, Surname": Name is the given name
    if "name" in found:  # a whole name wins over its parts
        for part in NAME_PARTS:
            found.pop(part, None)
    return found


def _looks_like_header(records: list[tuple[int, list[str]]], titled: bool) -> bool:
    """A first line with no email address is titles when some are known, or when the lines
    under it have addresses (a header whose titles are all unknown)."""
    if any(_is_email(cell) for cell in records[0][1]):
        return False
    return titled or any(_is_email(cell) for _, record in records[1:6] for cell in record)


def _is_email(cell: str) -> bool:
    return bool(EMAIL.match(cell.strip().lower()))


def _no_email(header: list[str]) -> str:
    """Refused by naming the titles: the first few (the message travels in the session cookie,
    and 150 titles made it 6.6 KB, which a browser drops: the page then said nothing)."""
    titles = [f"“{cell.strip()[:40]}”" for cell in header if cell.strip()]
    more = f" and {len(titles) - TITLES_SHOWN} more" if len(titles) > TITLES_SHOWN else ""
    shown = ", ".join(titles[:TITLES_SHOWN]) + more
    return (
        f"No column of this file is recognised as the email: its header has {shown}. "
        f"Title the columns {EXPECTED}."
    )


def _ignored(header: list[str], titles: list[str], positions: dict[str, int]) -> list[str]:
    used = set(positions.values())
    known = _known_titles()[0]
    # A column read already, given again ("email,email"): named as such, not as unknown.
    again = {i for i, title in enumerate(titles) if i not in used and known.get(title) in positions}
    notes = []
    # First and last names beside a whole-name column: that one is read ("a whole name wins
    # over its parts"), which the note says instead of calling them unknown.
    parts = {
        i
        for i, title in enumerate(titles)
        if "name" in positions and i not in used and known.get(title) in NAME_PARTS
    }
    if parts:
        shown = ", ".join(f"“{header[i].strip()[:40]}”" for i in sorted(parts))
        whole = header[positions["name"]].strip()[:40]
        notes.append(f"The “{whole}” column is read as the name, so these are left out: {shown}.")
    if again:
        shown = ", ".join(f"“{header[i].strip()[:40]}” (column {i + 1})" for i in sorted(again))
        notes.append(
            f"Columns given twice: the first of each is read, and these left out: {shown}."
        )
    unknown = [
        f"“{cell.strip()[:40]}”"
        for i, cell in enumerate(header)
        if cell.strip() and i not in used | again | parts
    ]
    if not unknown:
        return notes
    missing = [
        k
        for k in ("name", "team")
        if k not in positions
        and not (k == "name" and any(part in positions for part in NAME_PARTS))
    ]
    gap = f" No {' or '.join(missing)} column was found." if missing else ""
    return [
        *notes,
        f"Columns not recognised, and left out: {', '.join(unknown)}.{gap} "
        f"The columns read are {EXPECTED}.",
    ]


def _misplaced_emails(body, positions: dict[str, int], header: list[str] | None) -> list[str]:
    """When the email column holds few addresses but another holds many: swapped columns."""
    sample = body[:200]

    def share(i: int) -> float:
        cells = [r[i].strip() for r in sample if i < len(r) and r[i].strip()]
        return sum(1 for c in cells if _is_email(c)) / len(cells) if cells else 0.0

    width = max((len(r) for r in sample), default=0)
    if not sample or share(positions["email"]) >= 0.5:
        return []
    best = max(range(width), key=share)
    if share(best) < 0.5:
        return []
    if header is not None and best >= len(header):
        header = None  # an untitled column: say where the addresses are, as for no header
    if header is None:
        return [
            f"Column {best + 1} holds the email addresses, but a file without a header is read "
            "as email, name, team, role in that order. Add a header row "
            "(email,name,team,role) or put the email addresses in the first column."
        ]
    return [
        f"The column “{header[positions['email']].strip()[:40]}” holds few email addresses, "
        f"but column {best + 1} (“{header[best].strip()[:40]}”) holds many: are the titles "
        "swapped?"
    ]


def _job_titles(body, positions: dict[str, int], header: list[str]) -> list[str]:
    """An HR export's "Role" is mostly a job title, not a Firsthand role: the column is left
    out (new people join as employees, no one's role changes), said once, rather than every
    row refused as "unknown role"."""
    at = positions.get("role")
    cells = [r[at].strip() for r in body[:200] if at is not None and at < len(r)]
    cells = [c for c in cells if c]
    if not cells or sum(firsthand_role(c) in ROLES for c in cells) / len(cells) >= 0.5:
        return []
    del positions["role"]
    return [
        f"The column “{header[at].strip()[:40]}” holds job titles, not Firsthand roles "
        "(employee, manager or admin), so it was left out: new people join as employees and "
        "no one's role changes. Title it “role” only for Firsthand roles."
    ]

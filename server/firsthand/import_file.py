"""Reading a CSV of people to invite (email, name, team, role): the first step of an import
(imports.py plans and applies it). Whatever the spreadsheet wrote: UTF-8 with or without its
BOM, UTF-16 (Excel's "Unicode Text"), Windows' cp1252; `,`, `;` or tab (or the one a first
line "sep=;" names); a header or none."""

from __future__ import annotations

import codecs
import csv
import io
import re

from .errors import ApiError

MAX_ROWS = 50_000
# Excel's first line naming the delimiter ("sep=;"): Excel reads it and shows no row for it.
SEP_HINT = re.compile(r"sep=([^\r\n])[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)
COLUMNS = {
    "email": ("email", "e-mail", "mail", "email address", "work email"),
    "name": ("name", "full name", "display name", "employee name"),
    "team": ("team", "department", "team name"),
    "role": ("role", "firsthand role"),
}


def read_csv(data: bytes) -> list[dict]:
    """The file's rows as {line, email, name, team, role}; 422 if it cannot be read."""
    text = _text(data)
    if "\x00" in text:
        raise ApiError(422, "This is not a CSV text file.", code="not_csv")
    hint = SEP_HINT.match(text)
    if hint:
        text, delimiter = text[hint.end() :], hint.group(1)
    else:
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max(",;\t", key=first.count)  # Excel writes ';' where ',' is a decimal point
    try:  # newline="": '\r' alone (Excel for Mac) ends a line too, as csv expects
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:  # a cell over csv's field limit (128 KiB)
        raise ApiError(422, f"This file cannot be read as CSV: {error}.") from error
    if not records:
        raise ApiError(422, "The file is empty.", code="empty_csv")
    header = [h.strip().lower() for h in records[0]]
    positions = _columns(header)
    has_header = positions is not None
    body = records[1:] if has_header else records
    start = 2 if has_header else 1  # the line number people see in a spreadsheet
    positions = positions or {"email": 0, "name": 1, "team": 2, "role": 3}
    if "email" not in positions:
        raise ApiError(
            422, "The file needs an email column (email, name, team, role).", code="no_email"
        )
    if len(body) > MAX_ROWS:
        raise ApiError(422, f"Import at most {MAX_ROWS:,} people at a time.", code="too_many")
    rows = []
    for offset, record in enumerate(body):
        if not any(cell.strip() for cell in record):
            continue
        values = {
            key: (record[i].strip() if i < len(record) else "") for key, i in positions.items()
        }
        rows.append({"line": offset + start, **{k: values.get(k, "") for k in COLUMNS}})
    return rows


def _text(data: bytes) -> str:
    """The file as text: UTF-16 by its byte-order mark (Excel's "Unicode Text"), else UTF-8,
    else Windows' cp1252 (Excel on Windows), with any UTF-8 BOM left out rather than read
    as "ï»¿" in front of the first column's title."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.removeprefix(codecs.BOM_UTF8).decode("cp1252", errors="replace")


def _columns(header: list[str]) -> dict[str, int] | None:
    found = {}
    for key, names in COLUMNS.items():
        for i, title in enumerate(header):
            if title in names:
                found[key] = i
                break
    return found if "email" in found else None

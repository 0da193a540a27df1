"""CSV downloads from the console, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return) is read by Excel, LibreOffice
and Google Sheets as a formula, so a person named "=HYPERLINK(…)" could run one on an admin's
machine (OWASP "CSV injection"). Such text cells get a leading apostrophe, which spreadsheets
show as plain text; numbers are written as numbers.

Excel set to French, German, Spanish, Dutch or Portuguese splits a file by semicolons and reads
"0.5" as text: a file with commas opened there is one column. `?sep=semicolon` (or a form's
`sep` field) gives such a file: semicolons, decimal commas, and times (the columns named
"…_at") as "2026-12-05 03:00:00" (UTC), which Excel reads as dates where it keeps
"2026-12-05T03:00:00Z" as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from flask import Response, request

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEMICOLON = "semicolon"
ISO_TIME = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)Z")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet will show it, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """A CSV attachment (UTF-8 with a BOM, so Excel reads accents) that is never cached; with
    semicolons for Excel in most European languages when the request asks (`sep`)."""
    european = (request.values.get("sep") or "") == SEMICOLON
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if european else ",")
    writer.writerow(header)
    # Only a time column's cells are times (named as the API names them, "starts_at"): a story
    # titled "2026-11-18T09:00:00Z" is a title, and stays as written.
    times = [str(title).endswith("_at") for title in header]
    for row in rows:
        cells = [safe_cell(value) for value in row]
        if european:
            cells = [_european(cell, i < len(times) and times[i]) for i, cell in enumerate(cells)]
        writer.writerow(cells)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _european(value: object, is_time: bool) -> object:
    """A cell as Excel in French, German, Spanish, Dutch or Portuguese reads it."""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if is_time and isinstance(value, str) and ISO_TIME.fullmatch(value):
        return ISO_TIME.sub(r"\1 \2", value)
    return value

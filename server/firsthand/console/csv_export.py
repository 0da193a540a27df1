"""CSV downloads from the console, safe to open in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return) is read by Excel, LibreOffice
and Google Sheets as a formula, so a person named "=HYPERLINK(…)" could run one on an admin's
machine (OWASP "CSV injection"). Such text cells get a leading apostrophe, which spreadsheets
show as plain text; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet will show it, never as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """A CSV attachment (UTF-8 with a BOM, so Excel reads accents) that is never cached."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )

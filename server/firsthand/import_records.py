"""A people file's records, read within limits (import_file.py reads the file as a whole).
The upload is at most 8 MiB, but a file of separators or line breaks alone made millions of
cells and records: 8 MiB of "a,a,a,…" on one line took 10 s of CPU, 8 MiB of line breaks
0.6 GB, before the row count was checked. So the records are read one at a time and refused at
the first one over a limit, before csv has built it (a row's characters) or the list of them
(rows, columns); blank records are counted but not kept."""

from __future__ import annotations

import codecs
import csv
import re

from .errors import ApiError

MAX_ROWS = 50_000  # people in one import
MAX_COLUMNS = 200
# Characters in one record: far more than a row of people needs, and more than csv's limit
# of one cell (128 KiB), which keeps its own message; a row of separators is refused here.
MAX_RECORD_CHARS = 256 * 1024
BLOCK = 1024 * 1024  # bytes decoded at a time when the file is not all UTF-8
LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
TOO_MANY = f"Import at most {MAX_ROWS:,} people at a time."


def text(data: bytes) -> str:
    """The file as text: UTF-16 by its byte-order mark (Excel's "Unicode Text"), else UTF-8,
    else Windows' cp1252 (Excel on Windows), line by line, with any UTF-8 BOM left out rather
    than read as "ï»¿" in front of the first column's title. Line by line: a file joined from
    two exports keeps its UTF-8 lines' letters (decoded whole as cp1252 for one byte of the
    other, every "É" of the UTF-8 lines became "Ã‰", and Confirm renamed people so). A block
    of lines at a time, each block whole when it can be: a list of every line of 8 MiB of
    line breaks took 150 MB."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    parts, start = [], 0
    while start < len(data):
        end = data.find(b"\n", start + BLOCK)
        end = len(data) if end < 0 else end + 1
        try:
            parts.append(data[start:end].decode("utf-8"))
        except UnicodeDecodeError:
            parts.append("\n".join(map(_line_text, data[start:end].split(b"\n"))))
        start = end
    return "".join(parts)


def _line_text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


class _Lines:
    """The text's lines for csv.reader, with the characters given since the last record."""

    def __init__(self, text: str) -> None:
        # Lines as csv expects them, ending as written ('\r' alone, Excel for Mac's, too); not
        # through io.StringIO, which held a copy of the text at 4 bytes a character.
        self.lines = (found.group() for found in LINE.finditer(text))
        self.taken = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken += len(line)
        if self.taken > MAX_RECORD_CHARS:
            raise _TooLong
        return line


class _TooLong(Exception):
    pass


def records(text: str, delimiter: str) -> tuple[int, list[tuple[int, list[str]]]]:
    """How many records the file has (blank ones too), and the filled ones with their number
    (1 for the first); 422 at the first record past MAX_ROWS + 1 (a header and MAX_ROWS
    people), with over MAX_COLUMNS cells, or longer than MAX_RECORD_CHARS."""
    lines = _Lines(text)
    filled: list[tuple[int, list[str]]] = []
    count = 0
    try:
        for count, record in enumerate(csv.reader(lines, delimiter=delimiter), 1):
            if count > MAX_ROWS + 1:
                raise ApiError(422, TOO_MANY, code="too_many")
            if len(record) > MAX_COLUMNS:
                raise ApiError(
                    422,
                    f"Row {count} of this file has {len(record):,} columns: a file of people "
                    f"may have at most {MAX_COLUMNS}. Keep the columns to import ({_KEPT}) "
                    "and upload it again.",
                    code="too_wide",
                )
            if any(cell.strip() for cell in record):
                filled.append((count, record))
            lines.taken = 0
    except _TooLong:
        raise ApiError(
            422,
            f"Row {count + 1} of this file is longer than {MAX_RECORD_CHARS:,} characters: "
            f"a file of people has short rows ({_KEPT}). Is it the right file?",
            code="too_wide",
        ) from None
    except csv.Error as error:  # a cell over csv's field limit (128 KiB)
        raise ApiError(422, f"This file cannot be read as CSV: {error}.") from error
    return count, filled


_KEPT = "email, name, team, role"

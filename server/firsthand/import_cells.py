"""What a people file's cells show went wrong in the file itself, for the import's preview
(import_file.py reads the file, imports.py plans the rows). Read before a cell's spacing is
tidied: tidy_line joins its lines into one, and the sign of a quote left open is gone."""

from __future__ import annotations

from .accounts import EMAIL
from .addresses import ADDRESS_IN_TEXT
from .import_file import COLUMNS

ENCODING = (
    "{} has a character the file's encoding could not give (shown as �): save the file as "
    "UTF-8 and upload it again"
)
OPEN_QUOTE = 'a cell runs over several lines: is a quotation mark (") left open before it?'
ADDRESS_IN_NAME = "the name holds an email address: are a quote or the columns misplaced?"


def cell_problems(row: dict) -> list[str]:
    """The problems of one row as read ({email, name, team, role}): a quote left open ("abc)
    joins the lines after it into one cell, the next people's addresses into a name; a byte
    cp1252 has no letter for (0x81, 0x8D, 0x8F, 0x90, 0x9D) was read as �, which a name
    imported so would keep."""
    problems = [ENCODING.format(key) for key in COLUMNS if "\ufffd" in row[key]]
    if any(len(row[key].strip().splitlines()) > 1 for key in ("name", "team", "role")):
        problems.append(OPEN_QUOTE)
    found = ADDRESS_IN_TEXT.finditer(row["name"])
    if any(EMAIL.match(address.group().rstrip(".").lower()) for address in found):
        problems.append(ADDRESS_IN_NAME)
    return problems

"""What a people file's cells show went wrong in the file itself, for the import's preview
(import_file.py reads the file, imports.py plans the rows). Read before a cell's spacing is
tidied: tidy_line joins its lines into one, and the sign of a quote left open is gone."""

from __future__ import annotations

from .accounts import EMAIL
from .addresses import ADDRESS_IN_TEXT

OPEN_QUOTE = 'a cell runs over several lines: is a quotation mark (") left open before it?'
ADDRESS_IN_NAME = "the name holds an email address: are a quote or the columns misplaced?"


def cell_problems(row: dict) -> list[str]:
    """The problems of one row as read ({email, name, team, role}): a quote left open ("abc)
    joins the lines after it into one cell, the next people's addresses into a name."""
    problems = []
    if any(len(row[key].strip().splitlines()) > 1 for key in ("name", "team", "role")):
        problems.append(OPEN_QUOTE)
    found = ADDRESS_IN_TEXT.finditer(row["name"])
    if any(EMAIL.match(address.group().rstrip(".").lower()) for address in found):
        problems.append(ADDRESS_IN_NAME)
    return problems

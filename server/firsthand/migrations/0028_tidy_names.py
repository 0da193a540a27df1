"""People's and teams' names as input cleaning keeps them now (input_guard.tidy_line): no
control characters (ESC, BEL, backspace, DEL, C1), no direction overrides, spacing collapsed.
Names stored before that cleaning kept them: an ESC recoloured the terminal the CLI prints
names to, showed as a box in the console and reached CSV downloads and chat as it was.

Only rows whose name changes are written (usually none); name_folded is refolded with
folding.fold, as 0016 filled it. A name with nothing left keeps its own (a person or team is
never left nameless), and a team whose tidied name another team holds keeps its own (the
name is unique; merging teams is an admin's decision, in the console). The rules are copied
here, frozen: a migration must give the same result whatever input_guard.py becomes."""

import re

from firsthand.folding import fold

CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
CHUNK = 1000


def tidy(name: str) -> str:
    return " ".join(CONTROLS.sub("", BIDI_CONTROLS.sub("", name)).split())


def _untidy(db, table: str) -> list[tuple[int, str]]:
    """(id, tidied name) of each row whose name tidies to another (non-empty) one, reading a
    chunk of rows (in id order) at a time."""
    p, last, found = db.param, 0, []
    while True:
        rows = db.execute_sql(
            f'SELECT "id", "name" FROM "{table}" WHERE "id" > {p} ORDER BY "id" LIMIT {CHUNK}',
            (last,),
        ).fetchall()
        if not rows:
            return found
        found += [(i, tidy(name)) for i, name in rows if name and tidy(name) not in ("", name)]
        last = rows[-1][0]


def up(migrator, db):
    p = db.param
    for user_id, name in _untidy(db, "user"):
        db.execute_sql(
            f'UPDATE "user" SET "name" = {p}, "name_folded" = {p} WHERE "id" = {p}',
            (name, fold(name), user_id),
        )
    for team_id, name in _untidy(db, "team"):
        if db.execute_sql(f'SELECT 1 FROM "team" WHERE "name" = {p}', (name,)).fetchone() is None:
            db.execute_sql(f'UPDATE "team" SET "name" = {p} WHERE "id" = {p}', (name, team_id))


def down(migrator, db):
    pass  # the characters left out were never meant to be kept

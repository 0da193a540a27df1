"""People's names in the order a person expects: the console's people list is paged by
(name_folded, id) instead of (name, id), so "Émilie" sits beside "emilie" and before "Tom"
(by code point, accented and lower-case names sorted after every plain capital).

The folded copy (folding.fold: case-folded, accents off) is compared as plain code points on
both back ends: SQLite's BINARY collation does so already; on PostgreSQL the column takes the
"C" collation, or the database's locale would order it (punctuation and spaces ignored, by
locale rules), and the same page would differ from SQLite's. The folded text is what is
compared, so no locale is needed. The people search through the column (trigram index,
ILIKE on folded text against a folded needle) is unchanged."""

from peewee import PostgresqlDatabase

OLD = (("name", "id"), ("team_id", "name", "id"), ("role", "name", "id"))
NEW = (("name_folded", "id"), ("team_id", "name_folded", "id"), ("role", "name_folded", "id"))


def _name(columns: tuple[str, ...]) -> str:
    return "user_" + "_".join(columns)  # playhouse's names, as 0004 made them


def up(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql('ALTER TABLE "user" ALTER COLUMN "name_folded" TYPE text COLLATE "C"')
    migrator.migrate(
        *(migrator.drop_index("user", _name(columns)) for columns in OLD),
        *(migrator.add_index("user", columns, False) for columns in NEW),
    )


def down(migrator, db):
    migrator.migrate(
        *(migrator.drop_index("user", _name(columns)) for columns in NEW),
        *(migrator.add_index("user", columns, False) for columns in OLD),
    )
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql('ALTER TABLE "user" ALTER COLUMN "name_folded" TYPE text COLLATE "default"')

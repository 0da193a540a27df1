"""An import remembers whom it emailed their connect link (`import_batch.emailed`, a JSON
list of user ids): after a batch the mail server broke off, emailing the links again sends
to those not emailed yet, not a second link to the people who have one already."""

from peewee import TextField


def up(migrator, db):
    migrator.migrate(migrator.add_column("import_batch", "emailed", TextField(default="[]")))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("import_batch", "emailed"))

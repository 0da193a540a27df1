"""An index on `user.connected_at`: a person connected less than people.SETTLING_DAYS ago is
"new", not "quiet", and the console counts those few by a range read of this index instead
of a pass over everyone (people.new_connections)."""

INDEX = "user_connected_at"


def up(migrator, db):
    migrator.migrate(migrator.add_index("user", ("connected_at",), False))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("user", INDEX))

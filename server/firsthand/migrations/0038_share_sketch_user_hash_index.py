"""An index on `share_sketch (user_id, hash)`: a share repeating the employee's own words is
looked for among their own sketch rows holding the new text's hashes (repeats.py), under the
counters' lock. With only `(user_id)` SQLite read every sketch row the person ever had (32 a
share, never pruned): 5 ms at 400 shares, growing with each one."""

INDEX = "share_sketch_user_id_hash"


def up(migrator, db):
    migrator.migrate(migrator.add_index("share_sketch", ("user_id", "hash"), False))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("share_sketch", INDEX))

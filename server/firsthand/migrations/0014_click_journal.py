"""Click journals (stories_click_journal): how much of each process's journal of counted
clicks is in story_clicks, so that each line is counted exactly once whoever applies it."""


def up(migrator, db):
    db.execute_sql(
        "CREATE TABLE click_journal ("
        "name VARCHAR(200) NOT NULL PRIMARY KEY, "
        "applied BIGINT NOT NULL DEFAULT 0, "
        "finished BOOLEAN NOT NULL DEFAULT FALSE)"
    )


def down(migrator, db):
    db.execute_sql("DROP TABLE click_journal")

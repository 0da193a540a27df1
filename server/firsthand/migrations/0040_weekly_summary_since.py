"""A run of `firsthand send-weekly-summary` catches each channel up on the weeks it missed
(cron or the server down for a whole Monday), never on weeks that ended before the channel
was set up for the summary: the console now records since when the summary is on and since
when each of its addresses is set. A summary turned on before this migration takes the time
the settings were last saved (it was on by then at the latest); addresses set before it have
no time, and a channel's first recorded week stands in for it (weekly_summary_weeks.since)."""

from peewee import DateTimeField

COLUMNS = ("weekly_summary_since", "slack_since", "teams_since")


def up(migrator, db):
    migrator.migrate(
        *(
            migrator.add_column("webhook_settings", name, DateTimeField(null=True))
            for name in COLUMNS
        )
    )
    db.execute_sql(
        'UPDATE "webhook_settings" SET "weekly_summary_since" = "updated_at" '
        f'WHERE "weekly_summary" = {db.param}',
        (True,),
    )


def down(migrator, db):
    migrator.migrate(*(migrator.drop_column("webhook_settings", name) for name in COLUMNS))

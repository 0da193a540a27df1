"""Webhook settings the console edits (Slack / Teams addresses, the weekly recognition
summary on or off) and the record of each weekly summary posted, one row per week and
destination, so a second run for the same week posts nothing."""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class WebhookSettings(Model):
        slack_url = CharField(null=True, max_length=2048)
        teams_url = CharField(null=True, max_length=2048)
        weekly_summary = BooleanField(default=False)
        updated_at = DateTimeField(null=True)
        updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "webhook_settings"

    class WeeklySummaryPost(Model):
        week = DateField()
        destination = CharField(max_length=16)
        state = CharField(max_length=16)
        claimed_at = DateTimeField()
        sent_at = DateTimeField(null=True)
        attempts = IntegerField(default=0)
        last_error = CharField(null=True, max_length=400)

        class Meta:
            database = db
            table_name = "weekly_summary_post"
            indexes = ((("week", "destination"), True),)

    db.create_tables([WebhookSettings, WeeklySummaryPost])


def down(migrator, db):
    for table in ("weekly_summary_post", "webhook_settings"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')

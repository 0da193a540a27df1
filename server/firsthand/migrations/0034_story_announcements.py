"""The record of each story's announcement to each chat channel (one row per story and
channel, like the weekly summary's), so that a story published again is not announced again
and one a channel did not take is retried (`firsthand announce-stories`)."""

from peewee import *


def up(migrator, db):
    class Story(Model):
        class Meta:
            database = db
            table_name = "story"

    class StoryAnnouncement(Model):
        story = ForeignKeyField(Story, on_delete="CASCADE", index=False)
        destination = CharField(max_length=16)
        state = CharField(max_length=16)
        claimed_at = DateTimeField()
        sent_at = DateTimeField(null=True)
        attempts = IntegerField(default=0)
        last_error = CharField(null=True, max_length=400)

        class Meta:
            database = db
            table_name = "story_announcement"
            indexes = ((("story", "destination"), True),)

    db.create_tables([StoryAnnouncement])


def down(migrator, db):
    db.execute_sql('DROP TABLE IF EXISTS "story_announcement"')

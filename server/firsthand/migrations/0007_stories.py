"""Stories (issue 14): stories to tell and their teams, employees' suggestions, counted
clicks on tracked links, and the story each logged share tells."""

from peewee import *


def up(migrator, db):
    class Team(Model):
        class Meta:
            database = db
            table_name = "team"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Share(Model):
        class Meta:
            database = db
            table_name = "share"

    class Story(Model):
        title = CharField(max_length=140)
        context = TextField()
        link = CharField(null=True, max_length=2048)
        image_url = CharField(null=True, max_length=2048)
        everyone = BooleanField(default=True)
        starts_at = DateTimeField()
        ends_at = DateTimeField(null=True)
        questions = TextField()
        published_at = DateTimeField(null=True)
        withdrawn_at = DateTimeField(null=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "story"
            indexes = ((("published_at", "starts_at"), False),)

    class StoryTeam(Model):
        story = ForeignKeyField(Story, on_delete="CASCADE")
        team = ForeignKeyField(Team, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "story_team"
            indexes = ((("story", "team"), True), (("team", "story"), False))

    class StorySuggestion(Model):
        user = ForeignKeyField(User, on_delete="CASCADE")
        link = CharField(null=True, max_length=2048)
        line = CharField(max_length=280)
        created_at = DateTimeField()
        status = CharField(default="pending", max_length=16)
        decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
        decided_at = DateTimeField(null=True)
        story = ForeignKeyField(Story, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "story_suggestion"
            indexes = ((("status", "created_at"), False),)

    class StoryClicks(Model):
        story = ForeignKeyField(Story, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        clicks = IntegerField(default=0)
        first_click_at = DateTimeField()
        last_click_at = DateTimeField()

        class Meta:
            database = db
            table_name = "story_clicks"
            indexes = ((("story", "user"), True),)

    class ShareStory(Model):
        share = ForeignKeyField(Share, primary_key=True, on_delete="CASCADE")
        story = ForeignKeyField(Story, on_delete="CASCADE")
        user = ForeignKeyField(User, on_delete="CASCADE")
        via = CharField(max_length=16)
        own_voice = BooleanField(default=False)
        story_copy = BooleanField(default=False)

        class Meta:
            database = db
            table_name = "share_story"
            indexes = ((("story", "user"), False),)

    db.create_tables([Story, StoryTeam, StorySuggestion, StoryClicks, ShareStory])


def down(migrator, db):
    for table in ("share_story", "story_clicks", "story_suggestion", "story_team", "story"):
        db.execute_sql(f'DROP TABLE IF EXISTS "{table}"')

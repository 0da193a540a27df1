"""Stories worth telling (issue 14): company news handed to employees as questions, the
teams each story is for, employees' story suggestions, clicks on personal tracked links and
which story a logged share tells."""

from __future__ import annotations

import json
import operator
import re
import unicodedata
from datetime import datetime, timedelta
from functools import reduce
from urllib.parse import quote, urlsplit

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from .canonical import ascii_name
from .db import backend_name
from .fields import UTCDateTimeField
from .models import BaseModel, Share, Team, User

LINK_KEY_LENGTH = 200


def story_link_key(url: str) -> str:
    """A link as a share's and a story's are matched: host without www., path without its
    trailing slash (scheme, query and fragment set aside; trailing punctuation of a link
    written in a sentence dropped). One page has one key however it is spelt: the host in
    its DNS (ASCII) name without a final dot, %-escapes of UTF-8 read as their characters
    (bücher.example/caf%C3%A9 is xn--bcher-kva.example/café, as a browser opens it), but
    never as control characters (_unescaped)."""
    try:
        parts = urlsplit(url.strip().rstrip(".,;:!?"))
        host = ascii_name((parts.hostname or "").rstrip(".")).lower().removeprefix("www.")
    except ValueError:  # "https://[oops" in a post's text: no link a story can have
        return ""
    return f"{host}{_unescaped(parts.path).rstrip('/')}"


# A run of %-escapes, read as UTF-8 bytes together: %C3%A9 is one character.
ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _unescaped(path: str) -> str:
    """The path with its escapes of UTF-8 read, but never into a control character: %00,
    %0A or %C2%85 stay escapes (in upper case), as a database text column cannot hold a NUL
    (PostgreSQL refuses it) and no page's address holds the others as they are."""
    if "%" not in path:
        return path
    try:
        return ESCAPES.sub(_read_escapes, path)
    except UnicodeDecodeError:  # escapes of another encoding (Latin-1 %E9): as written
        return path


def _read_escapes(run: re.Match) -> str:
    text = bytes.fromhex(run[0].replace("%", "")).decode("utf-8")
    return "".join(quote(c, safe="") if unicodedata.category(c) == "Cc" else c for c in text)


class Story(BaseModel):
    """A story to tell. Its state is derived: draft until published, then scheduled, live
    and expired by its window, or withdrawn (see stories.state_of)."""

    title = CharField(max_length=140)
    context = TextField()  # what happened: context for the employee, not text to copy
    link = CharField(null=True, max_length=2048)
    image_url = CharField(null=True, max_length=2048)
    everyone = BooleanField(default=True)  # otherwise the teams in StoryTeam
    starts_at = UTCDateTimeField()
    ends_at = UTCDateTimeField(null=True)
    questions = TextField()  # JSON list of 2-4 angle questions
    published_at = UTCDateTimeField(null=True)  # None: a draft
    withdrawn_at = UTCDateTimeField(null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    # The link as a share's links are compared with it (story_link_key), cut to an index's
    # width: a share finds the stories it may tell by this index, not by reading them all.
    link_key = CharField(null=True, max_length=LINK_KEY_LENGTH)

    class Meta:
        indexes = ((("published_at", "starts_at"), False), (("link_key",), False))

    def save(self, force_insert: bool = False, only=None):
        # The key follows the link saved, never a stale copy of it (a save of other fields).
        saving = self.dirty_fields if only is None else only
        if self.id is None or "link" in {field.name for field in saving}:
            link = self.link
            self.link_key = story_link_key(link)[:LINK_KEY_LENGTH] or None if link else None
            only = None if only is None else [*only, Story.link_key]
        return super().save(force_insert, only)

    @property
    def question_list(self) -> list[str]:
        return json.loads(self.questions)


class StoryTeam(BaseModel):
    story = ForeignKeyField(Story, backref="team_links", on_delete="CASCADE")
    team = ForeignKeyField(Team, on_delete="CASCADE")

    class Meta:
        indexes = ((("story", "team"), True), (("team", "story"), False))


class StorySuggestion(BaseModel):
    """An employee's idea for a story (a link and a line), waiting for an admin."""

    user = ForeignKeyField(User, on_delete="CASCADE")
    link = CharField(null=True, max_length=2048)
    line = CharField(max_length=280)
    created_at = UTCDateTimeField()
    status = CharField(default="pending", max_length=16)  # pending, approved, declined
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    decided_at = UTCDateTimeField(null=True)
    story = ForeignKeyField(Story, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("status", "created_at"), False),)


class StoryClicks(BaseModel):
    """Counted clicks on one employee's tracked link of one story: a count, nothing about
    who clicked (no address, user agent or cookie is stored)."""

    story = ForeignKeyField(Story, on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    clicks = IntegerField(default=0)
    first_click_at = UTCDateTimeField()
    last_click_at = UTCDateTimeField()

    class Meta:
        indexes = ((("story", "user"), True),)


class ShareStory(BaseModel):
    """The story a logged share tells, how it was recognised and whether it was told in the
    employee's own voice (not a near-copy of the story or of colleagues' posts)."""

    share = ForeignKeyField(Share, primary_key=True, on_delete="CASCADE")
    story = ForeignKeyField(Story, on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    via = CharField(max_length=16)  # tracked_link, link, explicit
    own_voice = BooleanField(default=False)
    story_copy = BooleanField(default=False)  # reads like the announcement

    class Meta:
        indexes = ((("story", "user"), False),)


def forget_story_activity(user_id: int) -> None:
    """Erasing a person: their story suggestions (pending or decided), clicks and story
    links of shares go; the audit log keeps that a suggestion was declined, not its words.
    A story approved from their suggestion stays: it is the approver's story now."""
    from .admin_models import AuditEvent

    theirs = StorySuggestion.select(StorySuggestion.id).where(StorySuggestion.user == user_id)
    AuditEvent.update(target_label=f"a suggestion by deleted person #{user_id}").where(
        (AuditEvent.target_type == "story_suggestion") & AuditEvent.target_id.in_(theirs)
    ).execute()
    ShareStory.delete().where(ShareStory.user == user_id).execute()
    StoryClicks.delete().where(StoryClicks.user == user_id).execute()
    StorySuggestion.delete().where(StorySuggestion.user == user_id).execute()
    from .stories_links import forget_resolved

    forget_resolved()  # their tracked links stop redirecting at once


STORY_MODELS = [Story, StoryTeam, StorySuggestion, StoryClicks, ShareStory]


# A story posted again by the same person, word for word, this soon: the same form sent twice
# (a double click, a retry after a slow answer), not a second story to tell.
REPEAT_WINDOW = timedelta(minutes=10)


def just_posted_twin(
    author: User, values: dict, team_ids: list[int], published: bool, now: datetime
) -> Story | None:
    """The author's story made within REPEAT_WINDOW with these very `values` (Story's columns;
    starts_at None: it started when made) and teams, published or a draft as the new one, not
    withdrawn. Called in the creating transaction, the author's row locked first on PostgreSQL
    (SQLite's write lock holds everything), so two sends at once find each other."""
    if backend_name() == "postgresql":
        User.select(User.id).where(User.id == author.id).for_update("FOR NO KEY UPDATE").execute()
    alike = [
        (Story.starts_at == Story.created_at)
        if name == "starts_at" and value is None
        else getattr(Story, name).is_null()
        if value is None
        else getattr(Story, name) == value
        for name, value in values.items()
    ]
    query = Story.select().where(
        (Story.created_by == author.id)
        & (Story.created_at >= now - REPEAT_WINDOW)
        & Story.withdrawn_at.is_null()
        & Story.published_at.is_null(not published)
        & reduce(operator.and_, alike)
    )
    for story in query.order_by(Story.id):
        teams = StoryTeam.select(StoryTeam.team).where(StoryTeam.story == story.id)
        if {link.team_id for link in teams} == set(team_ids):
            return story
    return None

"""Webhook settings the console edits, and the record of what was posted to the channels: the
weekly recognition summaries and the stories' announcements."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, IntegerField

from .fields import UTCDateTimeField
from .models import BaseModel, User
from .stories_models import Story


class WebhookSettings(BaseModel):
    """One row (id 1): the Slack and Teams incoming-webhook addresses set in the console
    (each overrides its FIRSTHAND_*_WEBHOOK_URL) and whether the weekly summary is on."""

    slack_url = CharField(null=True, max_length=2048)
    teams_url = CharField(null=True, max_length=2048)
    weekly_summary = BooleanField(default=False)
    # Since when the summary is on, and each address set: a run catches a channel up on the
    # weeks it missed, never on weeks that ended before it was set up (weekly_summary_weeks).
    weekly_summary_since = UTCDateTimeField(null=True)
    slack_since = UTCDateTimeField(null=True)
    teams_since = UTCDateTimeField(null=True)
    updated_at = UTCDateTimeField(null=True)
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")


class ChannelPost(BaseModel):
    """Something posted once to one destination (slack, teams): claimed ("sending") before it
    is posted, "sent" once the receiver accepted it, "failed" when it did not (a later run
    retries it; webhook_claims)."""

    destination = CharField(max_length=16)
    state = CharField(max_length=16)  # sending, sent, failed
    claimed_at = UTCDateTimeField()
    sent_at = UTCDateTimeField(null=True)
    attempts = IntegerField(default=0)
    last_error = CharField(null=True, max_length=400)


class WeeklySummaryPost(ChannelPost):
    """One week's summary to one destination. The unique (week, destination) is what makes
    a second run post nothing."""

    week = DateField()  # the Monday of the ISO week summarised

    class Meta:
        indexes = ((("week", "destination"), True),)


class StoryAnnouncement(ChannelPost):
    """A story's announcement to one destination: a story published again (after it ran
    out, say) is not announced again, and one a channel did not take is retried by
    `firsthand announce-stories` while the story is live."""

    story = ForeignKeyField(Story, on_delete="CASCADE", backref="+", index=False)

    class Meta:
        indexes = ((("story", "destination"), True),)


WEBHOOK_MODELS = [WebhookSettings, WeeklySummaryPost, StoryAnnouncement]

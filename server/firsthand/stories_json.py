"""Stories as JSON: for employees, for the people who manage them, suggestions, and the
story a logged share tells."""

from __future__ import annotations

from datetime import datetime

from peewee import JOIN, fn

from .clock import iso
from .models import Share, User
from .stories import state_of, teams_of
from .stories_models import ShareStory, Story, StoryClicks, StorySuggestion


def _iso(moment: datetime | None) -> str | None:
    return iso(moment)


def employee_json(
    story: Story, colleagues: int | None, mine: bool, tracked_link: str | None
) -> dict:
    return {
        "id": story.id,
        "title": story.title,
        "context": story.context,
        "link": story.link,
        "image_url": story.image_url,
        "questions": story.question_list,
        "starts_at": _iso(story.starts_at),
        "ends_at": _iso(story.ends_at),
        "colleagues_posted": colleagues,
        "you_posted": mine,
        "tracked_link": tracked_link,
    }


def manager_json(story: Story, now: datetime, figures: dict | None = None) -> dict:
    teams = teams_of(story)
    body = {
        "id": story.id,
        "title": story.title,
        "context": story.context,
        "link": story.link,
        "image_url": story.image_url,
        "questions": story.question_list,
        "audience": {
            "everyone": story.everyone,
            "teams": [{"id": t.id, "name": t.name} for t in teams],
        },
        "starts_at": _iso(story.starts_at),
        "ends_at": _iso(story.ends_at),
        "state": state_of(story, now),
        "published_at": _iso(story.published_at),
        "withdrawn_at": _iso(story.withdrawn_at),
        "created_at": _iso(story.created_at),
        "updated_at": _iso(story.updated_at),
    }
    if figures is not None:
        body["figures"] = figures
    return body


def suggestion_json(suggestion: StorySuggestion) -> dict:
    return {
        "id": suggestion.id,
        "link": suggestion.link,
        "line": suggestion.line,
        "status": suggestion.status,
        "created_at": _iso(suggestion.created_at),
        "story_id": suggestion.story_id,
    }


def share_story_of(share_id: int) -> ShareStory | None:
    return (
        ShareStory.select(ShareStory, Story)
        .join(Story, JOIN.INNER, on=ShareStory.story == Story.id)
        .where(ShareStory.share == share_id)
        .first()
    )


def share_story_json(share_id: int) -> dict | None:
    """The story a share tells, for the share's answer (None when it tells none)."""
    row = share_story_of(share_id)
    if row is None:
        return None
    return {
        "id": row.story.id,
        "title": row.story.title,
        "via": row.via,
        "own_voice": row.own_voice,
        "reads_like_story": row.story_copy,
    }


def colleagues_posted(story_ids: list[int], user: User, minimum: int) -> dict[int, int | None]:
    """How many colleagues (not the user) logged a share telling each story: counts only, of
    the active people who have not opted out of leaderboards (an opted-out person is in no
    figure a colleague sees). None when fewer than `minimum`: "one colleague posted" in a
    small team says who."""
    if not story_ids:
        return {}
    people = fn.COUNT(ShareStory.user.distinct())
    rows = (
        ShareStory.select(ShareStory.story, people)
        .join(Share, on=Share.id == ShareStory.share)
        .switch(ShareStory)
        .join(User, on=User.id == ShareStory.user)
        .where(
            ShareStory.story.in_(story_ids),
            ShareStory.user != user.id,
            Share.deleted_at.is_null(),
            User.deactivated_at.is_null(),
            User.erased_at.is_null(),
            User.leaderboard_opt_out == False,  # noqa: E712 (SQL, not Python)
        )
        .group_by(ShareStory.story)
        .tuples()
    )
    counts = dict(rows)
    return {s: (counts.get(s, 0) if counts.get(s, 0) >= minimum else None) for s in story_ids}


def posted_by(story_ids: list[int], user: User) -> set[int]:
    if not story_ids:
        return set()
    rows = (
        ShareStory.select(ShareStory.story)
        .join(Share, on=Share.id == ShareStory.share)
        .where(
            ShareStory.story.in_(story_ids),
            ShareStory.user == user.id,
            Share.deleted_at.is_null(),
        )
        .tuples()
    )
    return {story_id for (story_id,) in rows}


def export_story_activity(user: User) -> dict:
    """The person's story suggestions (and what became of them), the stories their logged
    shares tell and the counted clicks on their tracked links, for their data export."""
    suggestions = (
        StorySuggestion.select()
        .where(StorySuggestion.user == user.id)
        .order_by(StorySuggestion.created_at, StorySuggestion.id)
    )
    told = (
        ShareStory.select(ShareStory, Story.id, Story.title)
        .join(Story, on=ShareStory.story == Story.id)
        .where(ShareStory.user == user.id)
        .order_by(ShareStory.share)
    )
    clicks = (
        StoryClicks.select(StoryClicks, Story.id, Story.title)
        .join(Story, on=StoryClicks.story == Story.id)
        .where(StoryClicks.user == user.id)
        .order_by(StoryClicks.story)
    )
    return {
        "story_suggestions": [
            {**suggestion_json(s), "decided_at": _iso(s.decided_at)} for s in suggestions
        ],
        "shares_telling_stories": [
            {
                "share_id": row.share_id,
                "story": {"id": row.story.id, "title": row.story.title},
                "via": row.via,
                "own_voice": row.own_voice,
                "reads_like_story": row.story_copy,
            }
            for row in told
        ],
        "tracked_link_clicks": [
            {
                "story": {"id": row.story.id, "title": row.story.title},
                "clicks": row.clicks,
                "first_click_at": _iso(row.first_click_at),
                "last_click_at": _iso(row.last_click_at),
            }
            for row in clicks
        ],
    }

"""Employees suggest stories (a link and a line); admins, and managers for their teams,
approve them into stories or decline them."""

from __future__ import annotations

from datetime import datetime

from . import audit
from .db import backend_name, write_transaction
from .errors import ApiError, Faults, invalid, say
from .input_guard import text_key, tidy_line
from .models import User, UserStats
from .stories import StoryFields, create_story, story_link, story_target
from .stories_models import Story, StorySuggestion
from .teams import managed_team_ids


def suggest(user: User, link: str | None, line: str, now: datetime) -> tuple[StorySuggestion, bool]:
    """A suggestion, and whether it was sent before; a 422 names every fault (the line and
    the link) at once. The same line and link again while the first is still pending (a
    double click, a resent request) is that one: nothing is written."""
    line = tidy_line(line)[:280]
    faults = Faults()
    if not line:
        message = say("error.suggestion.no_line")
        faults.add(invalid("line", "must say in a line what the story is", message))
    link = faults.check(story_link, link)
    faults.raise_any()
    with write_transaction():
        UserStats.locked(user.id)  # serialises this person's writes (copies find each other)
        same = (StorySuggestion.link.is_null()) if link is None else StorySuggestion.link == link
        waiting = (
            StorySuggestion.select()
            .where((StorySuggestion.user == user.id) & (StorySuggestion.status == "pending") & same)
            .order_by(StorySuggestion.created_at, StorySuggestion.id)
        )
        # By text_key, in Python (one person's pending suggestions are few): the same line
        # with a decomposed accent or other capitals is the same suggestion.
        key = text_key(line)
        earlier = next((s for s in waiting if text_key(s.line) == key), None)
        if earlier is not None:
            return earlier, True
        return StorySuggestion.create(user=user.id, link=link, line=line, created_at=now), False


def pending_suggestions(actor: User) -> list[StorySuggestion]:
    """Suggestions waiting for a decision: all for admins, their teams' for managers."""
    query = (
        StorySuggestion.select(StorySuggestion, User)
        .join(User, on=StorySuggestion.user == User.id)
        .where(StorySuggestion.status == "pending")
        .order_by(StorySuggestion.created_at, StorySuggestion.id)
    )
    if actor.role != "admin":
        query = query.where(User.team.in_(list(managed_team_ids(actor)) or [0]))
    return list(query)


def suggestion_for(actor: User, suggestion_id: int) -> StorySuggestion:
    """A suggestion waiting for the actor's decision, or the 404 of one that is not."""
    found = [s for s in pending_suggestions(actor) if s.id == suggestion_id]
    if not found:
        raise ApiError(404, f"There is no pending story suggestion {suggestion_id} for you.")
    return found[0]


def _still_pending(suggestion: StorySuggestion) -> None:
    """In the decision's transaction: its row, locked (PostgreSQL; SQLite's write lock holds
    everything), still pending. Read before it, a double-clicked approve made two stories
    of one suggestion, and an approve racing a decline a story of a declined one."""
    query = StorySuggestion.select(StorySuggestion.id).where(
        (StorySuggestion.id == suggestion.id) & (StorySuggestion.status == "pending")
    )
    if backend_name() == "postgresql":
        query = query.for_update()
    if query.first() is None:
        raise ApiError(404, f"There is no pending story suggestion {suggestion.id} for you.")


def approve_suggestion(
    actor: User, suggestion_id: int, fields: StoryFields, now: datetime
) -> Story:
    """Turn a suggestion into a story (the fields complete it; a draft unless published)."""
    suggestion = suggestion_for(actor, suggestion_id)
    fields.title = fields.title or suggestion.line[:140]
    fields.context = fields.context or suggestion.line
    fields.link = fields.link if fields.link is not None else suggestion.link
    if fields.everyone is None and not fields.team_ids:
        if actor.role == "admin":
            fields.everyone = True
        elif suggestion.user.team_id:
            fields.team_ids = [suggestion.user.team_id]
    with write_transaction():
        _still_pending(suggestion)
        story = create_story(actor, fields, now)
        suggestion.status, suggestion.story = "approved", story.id
        suggestion.decided_by, suggestion.decided_at = actor.id, now
        suggestion.save()
        audit.record(actor, "story.suggest_approve", story_target(story), now)
    return story


def decline_suggestion(actor: User, suggestion_id: int, now: datetime) -> StorySuggestion:
    suggestion = suggestion_for(actor, suggestion_id)
    with write_transaction():
        _still_pending(suggestion)
        suggestion.status, suggestion.decided_by, suggestion.decided_at = "declined", actor.id, now
        suggestion.save()
        audit.record(
            actor,
            "story.suggest_decline",
            audit.Target("story_suggestion", suggestion.id, suggestion.line[:100]),
            now,
        )
    return suggestion

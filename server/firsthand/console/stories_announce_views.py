"""A story's announcements to Slack and Teams, on its page: posting again those a channel did
not take (the same as `firsthand announce-stories`, for this story, now). Its routes belong
to the stories area (stories_views.bp)."""

from __future__ import annotations

from flask import g

from .. import audit
from ..db import write_transaction
from ..errors import ApiError
from ..stories import story_target
from ..stories_webhooks import retry_announcements
from ..weekly_summary_messages import LABELS
from .stories_views import _story, bp
from .ui import done, failed, now


@bp.post("/<id:story_id>/announce")
def announce_again(story_id: int):
    row = _story(story_id)
    retried = retry_announcements(now(), row.id)
    refused = [f"{LABELS[r.destination]} {r.error}" for r in retried if r.error]
    if retried:
        # It posts in the company's name where everyone reads: the log says who, and when.
        # Strings, not lists: the audit page reads a pair as "before → after".
        posted = " and ".join(LABELS[r.destination] for r in retried if not r.error)
        details = {"channels": posted or "none"} | (
            {"refused": "; ".join(refused)} if refused else {}
        )
        with write_transaction():
            audit.record(g.console_user, "story.announce", story_target(row), now(), details)
    if refused:
        return failed(
            ApiError(502, f"Not announced: {'; '.join(refused)}. Nothing else was changed."),
            "console_stories.story",
            story_id=row.id,
        )
    if not retried:
        message = "Nothing to announce again: each channel has it, or the story is not live."
        return done(message, "console_stories.story", story_id=row.id)
    where = " and ".join(LABELS[r.destination] for r in retried)
    return done(f"Announced to {where}.", "console_stories.story", story_id=row.id)

"""Stories worth telling: company news handed to employees as questions to answer in their
own words, never as copy to paste.

Admins post stories for everyone; managers for the teams they manage. A story's state is
derived from its dates (see `state_of`), so "scheduled" turns "live" and "live" turns
"expired" without a job. Employees see the live stories of their team, with how many
colleagues posted about each (a count, no names), and may suggest stories for an admin to
approve. Tracked links and clicks are in story_links.py; the console's figures in
stories_figures.py.
"""

from __future__ import annotations

import json
from datetime import datetime

from . import audit
from .db import backend_name, write_transaction
from .errors import ApiError, Faults, invalid
from .input_guard import tidy_line, tidy_text
from .models import Team, User
from .stories_fields import StoryFields, clean_questions  # noqa: F401 (StoryFields re-exported)
from .stories_models import Story, StoryTeam, just_posted_twin
from .stories_webhooks import announce
from .teams import by_name, managed_team_ids, set_story_teams
from .web_address import story_link, web_address

STATES = ("draft", "scheduled", "live", "expired", "withdrawn")
MANAGING_ROLES = ("admin", "manager")
WITHDRAWN_EDIT = "This story was withdrawn: set its status to draft to edit it again."
# Withdrawing takes a story out of Ideas and stops its links; once it ended, it is out of Ideas
# already, and stopping the links in the posts people made is what "back to draft" does.
EXPIRED_WITHDRAW = (
    "This story ended on {:%-d %b %Y, %H:%M} UTC: it is out of Ideas already, so there is "
    "nothing to withdraw. To run it again, give it a later end; to stop its tracked links "
    "too, set it back to draft."
)

audit.ACTIONS.update(
    {
        "story.create": "posted the story",
        "story.update": "edited the story",
        "story.publish": "published the story",
        "story.to_draft": "put back to draft the story",
        "story.withdraw": "withdrew the story",
        "story.suggest_approve": "approved a story suggestion as",
        "story.suggest_decline": "declined a story suggestion",
        "story.announce": "announced again, to Slack or Teams, the story",
    }
)


def story_target(story: Story) -> audit.Target:
    return audit.Target("story", story.id, story.title)


# --- State and audience ---------------------------------------------------------------


def state_of(story: Story, now: datetime) -> str:
    """draft, scheduled, live, expired or withdrawn, by the story's dates."""
    if story.withdrawn_at is not None:
        return "withdrawn"
    if story.published_at is None:
        return "draft"
    if story.starts_at > now:
        return "scheduled"
    if story.ends_at is not None and story.ends_at <= now:
        return "expired"
    return "live"


def team_ids_of(story: Story) -> list[int]:
    return [
        row.team_id for row in StoryTeam.select(StoryTeam.team).where(StoryTeam.story == story.id)
    ]


def teams_of(story: Story) -> list[Team]:
    query = Team.select().join(StoryTeam, on=StoryTeam.team == Team.id)
    return by_name(query.where(StoryTeam.story == story.id))


def is_for(story: Story, user: User) -> bool:
    """Whether the story is meant for the user (everyone, or their team)."""
    if story.everyone:
        return True
    return (
        user.team_id is not None
        and StoryTeam.select()
        .where(StoryTeam.story == story.id, StoryTeam.team == user.team_id)
        .exists()
    )


def live_filter(now: datetime):
    return (
        Story.published_at.is_null(False)
        & Story.withdrawn_at.is_null()
        & (Story.starts_at <= now)
        & (Story.ends_at.is_null() | (Story.ends_at > now))
    )


def live_stories_for(user: User, now: datetime) -> list[Story]:
    """The live stories meant for the user, newest first."""
    mine = StoryTeam.select(StoryTeam.story).where(StoryTeam.team == (user.team_id or 0))
    query = Story.select().where(live_filter(now) & (Story.everyone | Story.id.in_(mine)))
    return list(query.order_by(Story.starts_at.desc(), Story.id.desc()))


# --- Who may manage which story ---------------------------------------------------------


def may_manage(actor: User, story: Story) -> bool:
    """Admins manage every story; managers the ones for (only) the teams they manage."""
    if actor.role == "admin":
        return True
    if actor.role != "manager" or story.everyone:
        return False
    teams = set(team_ids_of(story))
    return bool(teams) and teams <= managed_team_ids(actor)


def managed_stories(actor: User) -> list[Story]:
    """Every story the actor may manage, newest first."""
    query = Story.select().order_by(Story.starts_at.desc(), Story.id.desc())
    return [story for story in query if may_manage(actor, story)]


def story_for_manager(actor: User, story_id: int) -> Story:
    story = Story.get_or_none(Story.id == story_id)
    # A story meant only for other teams is "not found" to a manager who cannot manage it,
    # as to anyone outside its audience: a 403 would confirm that story exists.
    if story is None or not (may_manage(actor, story) or is_for(story, actor)):
        raise ApiError(404, f"There is no story {story_id}.")
    if not may_manage(actor, story):
        raise ApiError(403, "You can only manage stories for the teams you manage.")
    return story


# --- Writing stories ------------------------------------------------------------------


# The audience faults, named so the console can say them in its form's words.
TEAMS_WITH_EVERYONE = "must be empty when the story is for everyone: choose one"
NO_TEAMS = "must name at least one team when the story is not for everyone"


def _check_audience(actor: User, everyone: bool, team_ids: list[int]) -> list[int]:
    if everyone:
        if team_ids:
            raise invalid("team_ids", TEAMS_WITH_EVERYONE)
        if actor.role != "admin":
            raise ApiError(403, "Only admins post stories for everyone: choose your teams.")
        return []
    if not team_ids:
        raise invalid("team_ids", NO_TEAMS)
    unique = sorted(set(team_ids))
    found = {t.id for t in Team.select(Team.id).where(Team.id.in_(unique))}
    missing = [t for t in unique if t not in found]
    if missing:
        ids = ", ".join(map(str, missing))
        reason = f"no team with id{'s' if len(missing) > 1 else ''} {ids}"
        raise invalid("team_ids", reason, f"team_ids: {reason}.")
    if actor.role != "admin":
        outside = set(unique) - managed_team_ids(actor)
        if outside:
            raise ApiError(403, "You can only post stories for the teams you manage.")
    return unique


def _check_window(starts_at: datetime, ends_at: datetime | None, live_at=None) -> None:
    """Ends after it starts; and when published (live_at: now), not already over."""
    if ends_at is not None and ends_at <= starts_at:
        raise invalid("ends_at", "must be after starts_at")
    if live_at is not None and ends_at is not None and ends_at <= live_at:
        over = "is in the past: published, the story would show as expired at once"
        raise invalid("ends_at", f"{over}; give a later end, or save it as a draft")


def create_story(actor: User, fields: StoryFields, now: datetime) -> Story:
    """Post a story (published, or a draft), audited, in one transaction."""
    title = tidy_line(fields.title)
    context = tidy_text(fields.context) if tidy_line(fields.context) else ""
    faults = Faults()  # every bad field named in one 422, so the form is put right at once
    if not title:
        faults.add(invalid("title", "must not be empty"))
    if not context:
        faults.add(invalid("context", "must say what happened in a few sentences"))
    questions = faults.check(clean_questions, fields.questions or [])
    everyone = bool(fields.everyone)
    teams = faults.check(_check_audience, actor, everyone, fields.team_ids or [])
    starts_at = fields.starts_at or now
    live_at = None if fields.status == "draft" else now
    faults.check(_check_window, starts_at, fields.ends_at, live_at)
    if fields.status == "withdrawn":
        faults.add(invalid("status", "must be draft or published for a new story"))
    link = faults.check(story_link, fields.link)
    image_url = faults.check(web_address, fields.image_url, "image_url")
    faults.raise_any()
    words = json.dumps(questions, ensure_ascii=False)
    made = dict(title=title, context=context, link=link, image_url=image_url, everyone=everyone)
    made |= dict(starts_at=fields.starts_at, ends_at=fields.ends_at, questions=words)
    with write_transaction():
        twin = just_posted_twin(actor, made, teams, live_at is not None, now)
        if twin is not None:  # the same form sent twice: one story, announced once
            twin.repeated = True
            return twin
        story = Story.create(
            **(made | {"starts_at": starts_at}),
            published_at=None if fields.status == "draft" else now,
            created_by=actor.id,
            created_at=now,
            updated_at=now,
        )
        set_story_teams(story.id, teams)
        audit.record(
            actor, "story.create", story_target(story), now, {"state": state_of(story, now)}
        )
    if story.published_at is not None:
        announce(story, now)
    return story


def update_story(actor: User, story: Story, fields: StoryFields, now: datetime) -> Story:
    """Edit a story's fields, publish a draft or withdraw it; audited."""
    if not may_manage(actor, story):
        raise ApiError(403, "You can only manage stories for the teams you manage.")
    changed: dict[str, object] = {}
    if story.withdrawn_at is not None and fields.status != "draft":
        raise ApiError(409, WITHDRAWN_EDIT)
    faults = Faults()  # every bad field named in one 422 (nothing is saved before the end)
    if fields.title is not None:
        title = tidy_line(fields.title)
        if not title:
            faults.add(invalid("title", "must not be empty"))
        story.title, changed["title"] = title, title
    if fields.context is not None:
        if not tidy_line(fields.context):
            faults.add(invalid("context", "must say what happened in a few sentences"))
        story.context, changed["context"] = tidy_text(fields.context), True
    for name in ("link", "image_url"):
        value = getattr(fields, name)
        if value is not None or name in fields.clear:
            check = (story_link, value) if name == "link" else (web_address, value, name)
            address = faults.check(*check)
            setattr(story, name, address)
            changed[name] = address
    if fields.questions is not None:
        questions = faults.check(clean_questions, fields.questions)
        story.questions, changed["questions"] = json.dumps(questions, ensure_ascii=False), questions
    if fields.starts_at is not None:
        story.starts_at, changed["starts_at"] = fields.starts_at, fields.starts_at
    if fields.ends_at is not None or "ends_at" in fields.clear:
        story.ends_at, changed["ends_at"] = fields.ends_at, fields.ends_at
    teams = None
    if fields.everyone is not None or fields.team_ids is not None:
        # Teams given alone mean "for these teams"; everyone given alone drops the old teams.
        everyone = bool(fields.everyone)
        if fields.team_ids is not None:
            given = fields.team_ids
        else:
            given = [] if everyone else team_ids_of(story)
        teams = faults.check(_check_audience, actor, everyone, given)
        story.everyone = everyone
        if teams is not None:  # None: refused, said by raise_any below (a query of it was a 500)
            named = Team.select(Team.name).where(Team.id.in_(teams)).order_by(Team.name)
            changed["audience"] = "everyone" if everyone else ", ".join(t.name for t in named)
    action = "story.update"
    just_published = fields.status == "published" and story.published_at is None
    if just_published:
        story.published_at, changed["status"], action = now, "published", "story.publish"
    elif fields.status == "draft":
        if story.published_at is not None or story.withdrawn_at is not None:
            action = "story.to_draft"  # an edit saved as a draft stays "edited"
        story.published_at, story.withdrawn_at, changed["status"] = None, None, "draft"
    elif fields.status == "withdrawn" and story.withdrawn_at is None:
        if state_of(story, now) == "expired":
            raise ApiError(409, EXPIRED_WITHDRAW.format(story.ends_at))
        story.withdrawn_at, action = now, "story.withdraw"
    live = story.published_at is not None and story.withdrawn_at is None
    recheck = live and ("ends_at" in changed or just_published)  # a live story may run out
    faults.check(_check_window, story.starts_at, story.ends_at, now if recheck else None)
    faults.raise_any()
    story.updated_at = now
    with write_transaction():
        just_published, action = _since_read(story, fields.status, just_published, action)
        story.save(only=story.dirty_fields)  # another admin's edit of other fields stays
        if teams is not None:
            set_story_teams(story.id, teams, replace=True)
        audit.record(actor, action, story_target(story), now, changed)
    from .stories_links import forget_resolved

    forget_resolved()  # a withdrawn story's links stop redirecting at once
    if just_published:
        announce(story, now)
    return story


def _since_read(story: Story, status, just_published: bool, action: str) -> tuple[bool, str]:
    """In the update's transaction, the row locked (PostgreSQL; SQLite: the write lock): what
    committed since the request read the story. A double-clicked Publish is announced once; an
    edit read before a withdrawal (it put the story back live) is refused as after it."""
    query = Story.select(Story.published_at, Story.withdrawn_at).where(Story.id == story.id)
    fresh = (query.for_update() if backend_name() == "postgresql" else query).first()
    if fresh is not None and fresh.withdrawn_at is not None and status != "draft":
        raise ApiError(409, WITHDRAWN_EDIT)  # as once it is read withdrawn (withdrawn twice too)
    if fresh is None or fresh.published_at is None or not just_published:
        return just_published, action
    story.published_at = fresh.published_at
    return False, "story.update"

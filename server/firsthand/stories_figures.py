"""What each story did, for the console and the API: employees reached (the active people it
is for), shares telling it, how many of them in the employee's own voice, and clicks on the
tracked links; in total and by team. A few grouped queries for any number of stories.

By team, teams with fewer active people than the analytics minimum (and people without a
team) are counted together in "Other teams", as on the analytics page: a row for a team of
one would say what that person did."""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from peewee import fn

from .analytics import OTHER, fold_label
from .models import Share, Team, User
from .stories_models import ShareStory, Story, StoryClicks, StoryTeam

NO_TEAM = None


def _active_sizes() -> dict[int | None, int]:
    rows = (
        User.select(User.team, fn.COUNT(User.id))
        .where(User.deactivated_at.is_null(), User.erased_at.is_null())
        .group_by(User.team)
        .tuples()
    )
    return {team_id: count for team_id, count in rows}


def figures_for(stories: list[Story]) -> dict[int, dict]:
    """Figures of each story, by story id."""
    if not stories:
        return {}
    minimum = current_app.config["ANALYTICS_MIN_GROUP"]
    ids = [s.id for s in stories]
    names = {t.id: t.name for t in Team.select(Team.id, Team.name)}
    sizes = _active_sizes()
    teams_of: dict[int, list[int]] = defaultdict(list)
    for story_id, team_id in (
        StoryTeam.select(StoryTeam.story, StoryTeam.team).where(StoryTeam.story.in_(ids)).tuples()
    ):
        teams_of[story_id].append(team_id)

    shares: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for story_id, team_id, own, count in (
        ShareStory.select(ShareStory.story, User.team, ShareStory.own_voice, fn.COUNT(Share.id))
        .join(Share, on=Share.id == ShareStory.share)
        .join(User, on=User.id == ShareStory.user)
        .where(ShareStory.story.in_(ids), Share.deleted_at.is_null())
        .group_by(ShareStory.story, User.team, ShareStory.own_voice)
        .tuples()
    ):
        shares[(story_id, team_id)][0] += count
        if own:
            shares[(story_id, team_id)][1] += count
    clicks: dict[tuple[int, int | None], int] = defaultdict(int)
    for story_id, team_id, count in (
        StoryClicks.select(StoryClicks.story, User.team, fn.SUM(StoryClicks.clicks))
        .join(User, on=User.id == StoryClicks.user)
        .where(StoryClicks.story.in_(ids))
        .group_by(StoryClicks.story, User.team)
        .tuples()
    ):
        clicks[(story_id, team_id)] += int(count or 0)

    result = {}
    for story in stories:
        audience = list(sizes) if story.everyone else teams_of[story.id]
        team_ids = set(audience)
        team_ids |= {t for (s, t) in shares if s == story.id}
        team_ids |= {t for (s, t) in clicks if s == story.id}
        rows: dict[str | None, dict] = {}
        for team_id in team_ids:
            label = fold_label(team_id, names, sizes, minimum)  # as the analytics page folds
            row = rows.setdefault(
                label, {"team": label, "reached": 0, "shares": 0, "own_voice": 0, "clicks": 0}
            )
            count, own = shares.get((story.id, team_id), (0, 0))
            row["reached"] += sizes.get(team_id, 0) if team_id in audience else 0
            row["shares"] += count
            row["own_voice"] += own
            row["clicks"] += clicks.get((story.id, team_id), 0)
        rows = sorted(rows.values(), key=lambda r: (r["team"] == OTHER, r["team"].lower()))
        total_shares = sum(r["shares"] for r in rows)
        total_own = sum(r["own_voice"] for r in rows)
        result[story.id] = {
            "reached": sum(r["reached"] for r in rows),
            "shares": total_shares,
            "own_voice": total_own,
            "own_voice_share": round(total_own / total_shares, 3) if total_shares else None,
            "clicks": sum(r["clicks"] for r in rows),
            "by_team": rows,
        }
    return result

"""What each story did, for the console and the API: its audience (the active people it is
for), how many of them have the extension connected (those who can get it: it reaches people
in their extension's Ideas tab, so an audience that never connected gets nothing), shares
telling it, how many of them in the employee's own voice, and clicks on the tracked links; in
total and by team. A few grouped queries for any number of stories.

"reached" is the audience under the name the API first gave it (documented as the people the
story is for), kept for the API's clients; the console shows audience and connected.

By team, teams with fewer active people than the analytics minimum (and people without a
team) are counted together in "Other teams", as on the analytics page: a row for a team of
one would say what that person did. "Other teams" is itself left out when it holds fewer
people than the minimum, and so is it from the totals: the totals are the sum of the rows
shown, so no total less the rows shown gives back a hidden group ("small_groups_hidden"
says some were left out). A manager's figures hold only the teams they manage (`team_ids`),
in totals and rows alike."""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from peewee import Case, fn

from .analytics import fold_key, group_label, group_order
from .models import Share, Team, User
from .staff import is_staff
from .stories_models import ShareStory, Story, StoryClicks, StoryTeam

NO_TEAM = None
FIGURES = ("audience", "connected", "shares", "own_voice", "clicks")  # summed over teams


def _active_sizes() -> tuple[dict[int | None, int], dict[int | None, int]]:
    """Active people per team (program staff apart, staff.py: they run the program, a story
    is not for them), and those of them connected (as the console's Overview counts them: a
    browser used their token)."""
    connected = fn.SUM(Case(None, [(User.connected_at.is_null(False), 1)], 0))
    rows = (
        User.select(User.team, fn.COUNT(User.id), connected)
        .where(User.deactivated_at.is_null(), User.erased_at.is_null(), ~is_staff())
        .group_by(User.team)
        .tuples()
    )
    sizes, linked = {}, {}
    for team_id, count, with_extension in rows:
        sizes[team_id], linked[team_id] = count, int(with_extension or 0)
    return sizes, linked


def figures_for(stories: list[Story], team_ids: set[int] | None = None) -> dict[int, dict]:
    """Figures of each story, by story id, counting the people of `team_ids` (None: everyone,
    people without a team included; a set: those teams only, as a manager sees them)."""
    if not stories:
        return {}
    minimum = current_app.config["ANALYTICS_MIN_GROUP"]
    ids = [s.id for s in stories]
    names = {t.id: t.name for t in Team.select(Team.id, Team.name)}
    sizes, connected = _active_sizes()
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
        team_ids_seen = set(audience)
        team_ids_seen |= {t for (s, t) in shares if s == story.id}
        team_ids_seen |= {t for (s, t) in clicks if s == story.id}
        if team_ids is not None:
            team_ids_seen &= team_ids
        rows: dict = {}  # by fold_key: a team's id, or FOLDED (a team may be named as it)
        people: dict = defaultdict(int)  # active people in each group
        for team_id in team_ids_seen:
            key = fold_key(team_id, names, sizes, minimum)  # as the analytics page folds
            row = rows.setdefault(
                key, {"team": group_label(key, names)} | dict.fromkeys(FIGURES, 0)
            )
            people[key] += sizes.get(team_id, 0)
            count, own = shares.get((story.id, team_id), (0, 0))
            if team_id in audience:
                row["audience"] += sizes.get(team_id, 0)
                row["connected"] += connected.get(team_id, 0)
            row["shares"] += count
            row["own_voice"] += own
            row["clicks"] += clicks.get((story.id, team_id), 0)
        # Only "Other teams" can be this small (a team is named when it has the minimum).
        order = group_order(names)
        shown = [rows[key] for key in sorted(rows, key=order) if people[key] >= minimum]
        totals = {key: sum(r[key] for r in shown) for key in FIGURES}
        for row in shown:
            row["reached"] = row["audience"]
        told, in_own_voice = totals["shares"], totals["own_voice"]
        result[story.id] = {
            **totals,
            "reached": totals["audience"],
            "own_voice_share": round(in_own_voice / told, 3) if told else None,
            "by_team": shown,
            "small_groups_hidden": len(shown) < len(rows),
        }
    return result

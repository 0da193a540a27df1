"""What each story did, for the console and the API: its audience (the active people it is
for), how many of them have the extension connected (those who can get it: it reaches people
in their extension's Ideas tab, so an audience that never connected gets nothing), shares
telling it, how many of them in the employee's own voice, clicks on the tracked links, and
how many people those shares and clicks are (`contributors`); in total and by team. A few
grouped queries for any number of stories.

"reached" is the audience under the name the API first gave it (documented as the people the
story is for), kept for the API's clients; the console shows audience and connected.

By team, rows fold on the people who told the story or drew clicks on it, as the analytics
page does (analytics_folding.py), not on headcount: a team of three where one person told it
would show that person's shares and clicks. A team where fewer people than the analytics
minimum did is counted in "Other teams", and so are people without a team; a team where no
one did keeps a row of its own when it has the minimum of people (its shares and clicks are
0, nobody's). "Other teams" is left out when fewer people than the minimum made its figures
(or, none did, fewer than the minimum are in it), and so is it from the totals of shares,
own voice, clicks and contributors: they are the sum of the rows shown, so no total less the
rows shown gives back what those few did ("small_groups_hidden" says some were left out).
Who the story is for is a headcount, no one's doing: every group counts in the audience
total (in the connected total only from the minimum: connecting is one's own doing), a row left
out (a team of two where no one told it, one folded for its few tellers) as well as one shown,
when the story is for at least the minimum of people (a cold trial's story for all 5 employees
said "3 people it is for" beside a people list of 5). A manager's figures hold only the teams
they manage (`team_ids`), in totals and rows alike.

The other way round, a group where (nearly) everyone who could tell it did is folded too: a
team's row needs the minimum of people it is for, with the extension connected, who neither
told it nor drew clicks on it (`untold`). Legal of three, all telling a story for Legal alone,
showed "3 of 3": what each of them did, the one who left the leaderboards too."""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from peewee import Case, fn

from .analytics import FOLDED, fold_key, group_label, group_order
from .analytics_folding import fold_teams, people_by
from .models import Share, Team, User
from .staff import is_staff
from .stories_models import ShareStory, Story, StoryClicks, StoryTeam

NO_TEAM = None
FIGURES = ("audience", "connected", "shares", "own_voice", "clicks", "contributors")  # summed


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


def _told(ids: list[int]) -> tuple[dict, dict, dict, set[int]]:
    """Shares [all, own voice] and clicks per (story, team), who made them per story (a set
    of (team, person) pairs), and which of those people are active and connected (counted in
    their team's `connected`)."""
    shares: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0])
    clicks: dict[tuple[int, int | None], int] = defaultdict(int)
    who: dict[int, set[tuple]] = defaultdict(set)
    connected = set()
    for story_id, team_id, user_id, own, joined, left, count in (
        ShareStory.select(
            ShareStory.story,
            User.team,
            ShareStory.user,
            ShareStory.own_voice,
            User.connected_at,
            User.deactivated_at,
            fn.COUNT(Share.id),
        )
        .join(Share, on=Share.id == ShareStory.share)
        .join(User, on=User.id == ShareStory.user)
        .where(ShareStory.story.in_(ids), Share.deleted_at.is_null())
        .group_by(
            ShareStory.story,
            User.team,
            ShareStory.user,
            ShareStory.own_voice,
            User.connected_at,
            User.deactivated_at,
        )
        .tuples()
    ):
        shares[(story_id, team_id)][0] += count
        shares[(story_id, team_id)][1] += count if own else 0
        who[story_id].add((team_id, user_id))
        if joined is not None and left is None:
            connected.add(user_id)
    for story_id, team_id, user_id, joined, left, count in (
        StoryClicks.select(
            StoryClicks.story,
            User.team,
            StoryClicks.user,
            User.connected_at,
            User.deactivated_at,
            StoryClicks.clicks,
        )
        .join(User, on=User.id == StoryClicks.user)
        .where(StoryClicks.story.in_(ids), StoryClicks.clicks > 0)
        .tuples()
    ):
        clicks[(story_id, team_id)] += int(count)
        who[story_id].add((team_id, user_id))
        if joined is not None and left is None:
            connected.add(user_id)
    return shares, clicks, who, connected


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
    shares, clicks, told_by, live = _told(ids)

    result = {}
    for story in stories:
        audience = list(sizes) if story.everyone else teams_of[story.id]
        seen = set(audience) | {team for team, _ in told_by[story.id]}
        if team_ids is not None:
            seen &= team_ids
        tellers = people_by(pair for pair in told_by[story.id] if pair[0] in seen)
        group_of, contributors = fold_teams(tellers, names, minimum)
        # The connected people it is for who neither told it nor drew clicks, by team (a team
        # it is not for has none: its people were never asked).
        asked = set(audience)
        quiet = {
            team: connected.get(team, 0) - len(tellers.get(team, set()) & live)
            if team in asked
            else 0
            for team in seen
        }
        for team, key in group_of.items():
            if key is not FOLDED and quiet[team] < minimum:  # nearly all of them told it
                group_of[team] = FOLDED
                contributors.setdefault(FOLDED, set()).update(contributors.pop(team))
        rows: dict = {}  # by group: a team's id, or FOLDED (a team may be named as it)
        people: dict = defaultdict(int)  # active people in each group
        untold_in: dict = defaultdict(int)  # and of them, those who could and did not tell it
        for team_id in seen:
            # A team no one told it in: by its headcount, as nobody's doing is in its row.
            key = (
                group_of[team_id]
                if team_id in tellers
                else fold_key(team_id, names, sizes, minimum)
            )
            row = rows.setdefault(
                key, {"team": group_label(key, names)} | dict.fromkeys(FIGURES, 0)
            )
            people[key] += sizes.get(team_id, 0)
            untold_in[key] += quiet[team_id]
            count, own = shares.get((story.id, team_id), (0, 0))
            if team_id in audience:
                row["audience"] += sizes.get(team_id, 0)
                row["connected"] += connected.get(team_id, 0)
            row["shares"] += count
            row["own_voice"] += own
            row["clicks"] += clicks.get((story.id, team_id), 0)
        for key, row in rows.items():
            row["contributors"] = len(contributors.get(key, ()))
            row["reached"] = row["audience"]
        # Only "Other teams" can be too small (a team has a row of its own from the minimum).
        hidden = {
            key for key in rows if not _shows(rows[key], people[key], untold_in[key], minimum)
        }
        shown = [rows[key] for key in sorted(rows, key=group_order(names)) if key not in hidden]
        totals = {key: sum(r[key] for r in shown) for key in FIGURES}
        whole = sum(r["audience"] for r in rows.values())
        if whole >= minimum:  # a headcount, no one's doing: every group's people, shown or not
            totals["audience"] = whole
            # Connecting is one's own doing: a hidden group's only when it has the minimum.
            big = [rows[key] for key in hidden if rows[key]["audience"] >= minimum]
            totals["connected"] += sum(r["connected"] for r in big)
        told, in_own_voice = totals["shares"], totals["own_voice"]
        result[story.id] = {
            **totals,
            "reached": totals["audience"],
            "own_voice_share": round(in_own_voice / told, 3) if told else None,
            "by_team": shown,
            "small_groups_hidden": len(shown) < len(rows),
        }
    return result


def _shows(row: dict, people: int, untold: int, minimum: int) -> bool:
    """Whether a group has a row: the minimum of people made its shares and clicks and the
    minimum of those who could have did not, or no one did and it holds the minimum of
    people (its figures are then nobody's)."""
    if row["contributors"]:
        return row["contributors"] >= minimum and untold >= minimum
    return people >= minimum


def untold(story: Story, team_ids: set[int] | None = None) -> int:
    """How many of the people the story is for who have the extension connected (who could
    tell it: program staff never connected) neither told it nor drew clicks on it; with
    `team_ids`, of the people of those teams (a manager's view)."""
    people = User.select(User.id).where(
        User.deactivated_at.is_null(), User.erased_at.is_null(), User.connected_at.is_null(False)
    )
    if team_ids is not None:
        people = people.where(User.team.in_(sorted(team_ids) or [0]))
    if not story.everyone:
        teams = StoryTeam.select(StoryTeam.team).where(StoryTeam.story == story.id)
        people = people.where(User.team.in_(teams))
    told = ShareStory.select(ShareStory.user).where(ShareStory.story == story.id)
    clicked = StoryClicks.select(StoryClicks.user).where(
        StoryClicks.story == story.id, StoryClicks.clicks > 0
    )
    return people.where(User.id.not_in(told), User.id.not_in(clicked)).count()

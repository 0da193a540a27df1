"""The analytics page's story and click figures: reach and clicks per story, tracked-link
clicks per team and per network (issue 15 on issue 14's tracked links).

Clicks are counted per employee per story (one personal link, stories_clicks.count_click).
For the windowed figures each link's clicks belong to the month and network of the first
live post of that person telling that story (as reach belongs to the month a post was
logged), or, for a link whose posts were not logged, to the month of its first click and the
network "no logged post". A figure made of fewer than the configured minimum of people is
folded into "Other …", and left out when the folded row is itself that small.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, fn

from .analytics import OTHER, Table, _month_keys, group_label, group_order
from .analytics_folding import fold_small, fold_teams, folded_label, people_by, shown_teams
from .models import Share, Team, User
from .reach_models import ShareReach
from .stories_figures import untold
from .stories_models import ShareStory, Story, StoryClicks, StoryTeam

OTHER_STORIES = "Other stories"
OTHER_NETWORKS = "Other networks"
UNLOGGED = "no logged post"
TELLERS = "people telling a story"


def _in_scope(query, team_ids: set[int] | None):
    if team_ids is None:
        return query
    return query.where(User.team.in_(sorted(team_ids) or [0]))


@dataclass
class LinkClicks:
    """One person's tracked link of one story, with where its clicks count."""

    story_id: int
    user_id: int
    team_id: int | None
    clicks: int
    month: str
    network: str


def link_clicks(team_ids: set[int] | None, story_ids: list[int] | None = None) -> list[LinkClicks]:
    """Every counted tracked link of the people in scope (of these stories, when given),
    attributed to its first post."""
    query = _in_scope(
        StoryClicks.select(
            StoryClicks.story,
            StoryClicks.user,
            User.team,
            StoryClicks.clicks,
            StoryClicks.first_click_at,
        ).join(User, on=User.id == StoryClicks.user),
        team_ids,
    )
    if story_ids is not None:
        query = query.where(StoryClicks.story.in_(story_ids or [0]))
    links = list(query.tuples())
    if not links:
        return []
    first: dict[tuple[int, int], tuple[datetime, str]] = {}
    posts = (
        ShareStory.select(ShareStory.story, ShareStory.user, Share.logged_at, Share.network)
        .join(Share, on=Share.id == ShareStory.share)
        .where(
            Share.deleted_at.is_null()
            & ShareStory.story.in_(sorted({story for story, *_ in links}))
        )
    )
    for story_id, user_id, logged_at, network in posts.tuples():
        key = (story_id, user_id)
        if key not in first or logged_at < first[key][0]:
            first[key] = (logged_at, network)
    found = []
    for story_id, user_id, team_id, clicks, first_click_at in links:
        logged_at, network = first.get((story_id, user_id), (first_click_at, UNLOGGED))
        found.append(
            LinkClicks(
                story_id, user_id, team_id, int(clicks), logged_at.strftime("%Y-%m"), network
            )
        )
    return found


def _story_posts(team_ids, keys: list[str] | None = None, story_ids: list[int] | None = None):
    """(story, user, team, network, logged month) of the live posts telling a story (one of
    `story_ids`, when given)."""
    query = _in_scope(
        ShareStory.select(
            ShareStory.story, ShareStory.user, User.team, Share.network, Share.logged_at
        )
        .join(Share, on=Share.id == ShareStory.share)
        .switch(ShareStory)
        .join(User, on=User.id == ShareStory.user)
        .where(Share.deleted_at.is_null()),
        team_ids,
    )
    if story_ids is not None:
        query = query.where(ShareStory.story.in_(story_ids or [0]))
    if keys:
        query = query.where(
            Share.logged_at >= datetime.fromisoformat(f"{keys[0]}-01T00:00:00+00:00")
        )
    rows = [
        (story, user, team, network, logged_at.strftime("%Y-%m"))
        for story, user, team, network, logged_at in query.tuples()
    ]
    if keys is not None:
        rows = [row for row in rows if row[4] in keys]
    return rows


def _story_figures(keys: list[str], team_ids) -> tuple[list, list[LinkClicks], dict]:
    """The posts telling a story logged in the months `keys`, the links whose clicks count in
    them, and who made them, per team (the people a team's row adds up)."""
    posts = _story_posts(team_ids, keys)
    links = [link for link in link_clicks(team_ids) if link.month in keys]
    people = people_by(
        [(team, user) for _, user, team, _, _ in posts]
        + [(link.team_id, link.user_id) for link in links]
    )
    return posts, links, people


def click_scope(now: datetime, team_ids, minimum: int, months: int = 3) -> set[int] | None:
    """The teams the click figures not broken down by team count (analytics_folding.py)."""
    people = _story_figures(_month_keys(now, months), team_ids)[2]
    return shown_teams(team_ids, people, dict(Team.select(Team.id, Team.name).tuples()), minimum)


def clicks_by_team(now: datetime, team_ids, minimum: int, months: int = 3) -> Table:
    """Posts telling a story and their tracked-link clicks per team, for the posts of the
    same months as reach by team; a team where fewer than the minimum of people told a story
    or drew a click is folded."""
    keys = _month_keys(now, months)
    names = dict(Team.select(Team.id, Team.name).tuples())
    story_posts, links, found = _story_figures(keys, team_ids)
    group_of, people = fold_teams(found, names, minimum)
    posts: dict = defaultdict(int)  # by fold_key: a team's id, or FOLDED
    clicks: dict = defaultdict(int)
    for _, _, team, _, _ in story_posts:
        posts[group_of[team]] += 1
    for link in links:
        clicks[group_of[link.team_id]] += link.clicks
    table = Table(
        "clicks_by_team",
        f"Tracked-link clicks by team, posts logged {keys[0]} to {keys[-1]}",
        ["team", TELLERS, "posts telling a story", "tracked-link clicks"],
        chart="bar",
        chart_columns=(3,),
        note=f"Clicks on employees' personal story links (link-preview bots and repeats are not "
        f"counted), in the month of the first post that carried the link. “{TELLERS}”: people "
        f"who posted a story or whose link drew clicks. Teams where fewer than {minimum} people "
        f"did are counted in “{OTHER}”, left out when it is itself that small.",
    )
    for key in sorted(people, key=group_order(names)):
        if len(people[key]) < minimum:
            continue  # only "Other teams" can be this small
        table.rows.append([group_label(key, names), len(people[key]), posts[key], clicks[key]])
    return table


def clicks_by_network(now: datetime, team_ids, minimum: int, months: int = 3) -> Table:
    """Posts telling a story and their clicks per network, of the teams clicks by team shows;
    networks fewer than the minimum of people posted on (or drew clicks on) are folded."""
    keys = _month_keys(now, months)
    team_ids = click_scope(now, team_ids, minimum, months)
    people: dict[str, set[int]] = defaultdict(set)
    posts: dict[str, int] = defaultdict(int)
    clicks: dict[str, int] = defaultdict(int)
    story_posts, links, _ = _story_figures(keys, team_ids)
    for _, user, _, network, _ in story_posts:
        people[network].add(user)
        posts[network] += 1
    for link in links:
        people[link.network].add(link.user_id)
        clicks[link.network] += link.clicks
    table = Table(
        "clicks_by_network",
        f"Tracked-link clicks by network, posts logged {keys[0]} to {keys[-1]}",
        ["network", TELLERS, "posts telling a story", "tracked-link clicks"],
        note=f"“{UNLOGGED}”: clicks on links whose posts were not logged. Networks fewer than "
        f"{minimum} people posted on are counted in “{OTHER_NETWORKS}”, with the next "
        "smallest when they are still fewer together.",
    )
    if len(set().union(*people.values())) < minimum:
        return table
    small = fold_small(people, minimum)
    other = folded_label(small, people, minimum, OTHER_NETWORKS)
    folded: dict[str, list] = {}
    for network in sorted(people):
        row = folded.setdefault(network if network not in small else other, [set(), 0, 0])
        row[0] |= people[network]
        row[1] += posts[network]
        row[2] += clicks[network]
    for label in sorted(folded, key=lambda name: (name == other, name)):
        who, post_count, click_count = folded[label]
        table.rows.append([label, len(who), post_count, click_count])
    return table


def _stories_in_view(now: datetime, since: datetime, team_ids) -> list[Story]:
    """Published stories live at some time since `since`, for the teams in scope."""
    query = Story.select().where(
        Story.published_at.is_null(False)
        & (Story.starts_at <= now)
        & (Story.ends_at.is_null() | (Story.ends_at >= since))
    )
    if team_ids is not None:
        for_teams = StoryTeam.select(StoryTeam.story).where(
            StoryTeam.team.in_(sorted(team_ids) or [0])
        )
        query = query.where(Story.everyone | Story.id.in_(for_teams))
    return list(query.order_by(Story.starts_at.desc(), Story.id.desc()))


def story_reach(now: datetime, team_ids, minimum: int, months: int = 3) -> Table:
    """Per story live in the last months: the people who told it, their posts, how many in
    their own voice, the reach their authors saw and the clicks on their tracked links."""
    keys = _month_keys(now, months)
    since = datetime.fromisoformat(f"{keys[0]}-01T00:00:00+00:00")
    stories = _stories_in_view(now, since, team_ids)
    in_view_teams = team_ids
    team_ids = click_scope(now, team_ids, minimum, months)  # told by the teams shown
    table = Table(
        "story_reach",
        f"Reach and clicks per story (stories live {keys[0]} to now)",
        [
            "story",
            "people",
            "shares",
            "% own voice",
            "posts read",
            "impressions (seen by authors)",
            "reactions",
            "comments",
            "tracked-link clicks",
        ],
        note=f"Each story's figures since it was posted, from the people in view. A story "
        f"told by someone, but by fewer than {minimum} people, is counted in “{OTHER_STORIES}” "
        "(one nobody has told yet keeps its row, at 0: no one to single out), and one told by "
        f"all but fewer than {minimum} of the people in view who can get it is left out (it "
        "would say that each of them told it); impressions are what authors saw on their "
        "posts, clicks are counted on their tracked links: no figure includes another.",
    )
    if not stories:
        return table
    ids = [s.id for s in stories]
    in_view = set(ids)
    sums = defaultdict(lambda: [0, 0, 0, 0, 0, 0])  # shares, own, read, impr., react., comm.
    query = _in_scope(
        ShareStory.select(
            ShareStory.story,
            fn.COUNT(ShareStory.share),
            fn.SUM(ShareStory.own_voice.cast("integer")),
            fn.COUNT(ShareReach.share),
            fn.SUM(ShareReach.impressions),
            fn.SUM(ShareReach.reactions),
            fn.SUM(ShareReach.comments),
        )
        .join(Share, on=Share.id == ShareStory.share)
        .switch(ShareStory)
        .join(User, on=User.id == ShareStory.user)
        .switch(ShareStory)
        .join(ShareReach, JOIN.LEFT_OUTER, on=ShareReach.share == ShareStory.share)
        .where(Share.deleted_at.is_null() & ShareStory.story.in_(ids)),
        team_ids,
    ).group_by(ShareStory.story)
    for story_id, *values in query.tuples():
        sums[story_id] = [int(v or 0) for v in values]
    who: dict[int, set[int]] = defaultdict(set)
    for story_id, user_id, *_ in _story_posts(team_ids, story_ids=ids):
        who[story_id].add(user_id)
    clicks: dict[int, int] = defaultdict(int)
    for link in link_clicks(team_ids, ids):
        if link.story_id in in_view:
            who[link.story_id].add(link.user_id)
            clicks[link.story_id] += link.clicks

    def row(label, people, values, click_count):
        shares, own, read, impressions, reactions, comments = values
        voice = round(100 * own / shares, 1) if shares else None
        return [label, people, shares, voice, read, impressions, reactions, comments, click_count]

    other_people: set[int] = set()
    other_values, other_clicks = [0] * 6, 0
    for story in stories:
        people = who.get(story.id, set())
        if 0 < len(people) < minimum:
            other_people |= people
            other_values = [a + b for a, b in zip(other_values, sums[story.id], strict=True)]
            other_clicks += clicks[story.id]
            continue
        if people and untold(story, in_view_teams) < minimum:
            continue  # "Legal wins: 3 people" with Legal three said what each of them did
        table.rows.append(row(story.title, len(people), sums[story.id], clicks[story.id]))
    if len(other_people) >= minimum:
        table.rows.append(row(OTHER_STORIES, len(other_people), other_values, other_clicks))
    return table


def clicks_in_view(tables: dict[str, Table]) -> int:
    """The clicks the earned media value counts: those the clicks-by-team table shows."""
    table = tables.get("clicks_by_team")
    return sum(row[3] for row in table.rows) if table else 0

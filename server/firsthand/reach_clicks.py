"""Tracked-link clicks beside a share's reach (issue 15 on issue 14's counts).

The redirect (/r/<code>, stories_clicks.count_click) counts clicks per employee per story:
one personal link, which may appear in several of their posts about that story. So:

- a share shows the clicks of its author's tracked link for the story it tells, when it has
  one: the story has a link, and the share was recognised by its tracked link or picked
  explicitly (Ideas puts the tracked link in the post), or the link has clicks anyway. A
  share that carried the story's own address (`via == "link"`) and no clicks, or a share that
  tells no story, has no figure (null: "—"), never 0;
- when the same link served several of the person's posts, each shows the link's total and
  says across how many posts; sums count each link once, in the month of the first post that
  told the story (reach's months are months of logging too), so nothing is counted twice.

Clicks are never added to impressions or to potential reach: they stay a column of their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from peewee import fn

from .models import Share, User
from .stories_models import ShareStory, Story, StoryClicks

TRACKED_VIAS = ("tracked_link", "explicit")


@dataclass(frozen=True)
class LinkClicks:
    """One person's tracked link for one story, as a share of theirs shows it."""

    story_id: int
    story_title: str
    clicks: int
    posts: int  # the person's live shares telling this story (the link's posts)

    def to_json(self) -> dict:
        return {
            "story_id": self.story_id,
            "story_title": self.story_title,
            "clicks": self.clicks,
            "posts": self.posts,
        }


def _story_rows(user_id: int, share_ids: list[int] | None = None):
    """(share id, story id, title, via, logged_at) of the person's live shares telling a
    story that has a link (so a tracked link exists)."""
    query = (
        ShareStory.select(ShareStory.share, Story.id, Story.title, ShareStory.via, Share.logged_at)
        .join(Story, on=Story.id == ShareStory.story)
        .switch(ShareStory)
        .join(Share, on=Share.id == ShareStory.share)
        .where(
            (ShareStory.user == user_id) & Share.deleted_at.is_null() & Story.link.is_null(False)
        )
    )
    if share_ids is not None:
        query = query.where(ShareStory.share.in_(share_ids or [0]))
    return list(query.tuples())


def _clicks_of(user_id: int, story_ids: set[int]) -> dict[int, int]:
    if not story_ids:
        return {}
    rows = StoryClicks.select(StoryClicks.story, StoryClicks.clicks).where(
        (StoryClicks.user == user_id) & StoryClicks.story.in_(sorted(story_ids))
    )
    return dict(rows.tuples())


def _posts_per_story(user_id: int, story_ids: set[int]) -> dict[int, int]:
    if not story_ids:
        return {}
    rows = (
        ShareStory.select(ShareStory.story, fn.COUNT(ShareStory.share))
        .join(Share, on=Share.id == ShareStory.share)
        .where(
            (ShareStory.user == user_id)
            & ShareStory.story.in_(sorted(story_ids))
            & Share.deleted_at.is_null()
        )
        .group_by(ShareStory.story)
    )
    return dict(rows.tuples())


def clicks_for_shares(user: User, share_ids: list[int]) -> dict[int, LinkClicks]:
    """The tracked-link clicks each of these shares of the person shows (absent: none)."""
    rows = _story_rows(user.id, share_ids)
    stories = {story_id for _, story_id, *_ in rows}
    clicks = _clicks_of(user.id, stories)
    posts = _posts_per_story(user.id, stories)
    found = {}
    for share_id, story_id, title, via, _ in rows:
        if via not in TRACKED_VIAS and story_id not in clicks:
            continue  # the post carried the story's own address: its clicks are not ours
        found[share_id] = LinkClicks(story_id, title, clicks.get(story_id, 0), posts[story_id])
    return found


def clicks_of_share(user: User, share_id: int) -> int | None:
    found = clicks_for_shares(user, [share_id]).get(share_id)
    return None if found is None else found.clicks


def clicks_by_month(user: User) -> dict[str, tuple[int, int]]:
    """Month of logging -> (tracked links first told that month, their clicks): each of the
    person's tracked links once, in the month of the first post that told its story."""
    first: dict[int, object] = {}
    tracked: set[int] = set()
    for _, story_id, _, via, logged_at in _story_rows(user.id):
        if story_id not in first or logged_at < first[story_id]:
            first[story_id] = logged_at
        if via in TRACKED_VIAS:
            tracked.add(story_id)
    clicks = _clicks_of(user.id, set(first))
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for story_id, logged_at in first.items():
        if story_id not in tracked and story_id not in clicks:
            continue
        month = months[logged_at.strftime("%Y-%m")]
        month[0] += 1
        month[1] += clicks.get(story_id, 0)
    return {month: (links, total) for month, (links, total) in months.items()}

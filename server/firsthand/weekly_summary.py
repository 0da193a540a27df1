"""The weekly recognition summary: what the past week brought (stories told, shares in the
employee's own voice, kudos and badges), posted to the Slack and/or Microsoft Teams channel
set in the console's webhook settings, when the summary is turned on there.

It is sent by a command (`firsthand send-weekly-summary`) that cron runs, never from a
request. Each (week, destination) is claimed in the database before it is posted and marked
sent once the receiver accepted it, so running the command twice for a week posts once, two
runs at the same moment post once, and a receiver that fails leaves the week to be retried
by the next run. (The one gap: a crash after the receiver accepted and before the mark is
committed; that claim is taken over after STALE_CLAIM and the week is posted again, rather
than lost.) Which weeks a run posts, missed ones included, is weekly_summary_weeks.py.

People are named only when they are on the leaderboards (not opted out, not deactivated);
everyone else is folded into a count ("and 2 colleagues"). A story is named only when at
least the analytics minimum of people (ANALYTICS_MIN_GROUP) told it that week, and at least
that many of the people it is for who could tell it have not (stories_figures.untold): a
story for Legal alone (announced "For Legal only"), named "(3)" with Legal three people, said
that each of them told it, the one who left the leaderboards too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from peewee import JOIN

from .folding import sort_key
from .models import Kudos, PointsEntry, Share, User, UserBadge
from .rules import RuleBook
from .scoring import STALE_RULE
from .stories_figures import untold
from .stories_models import ShareStory, Story
from .stories_webhooks import webhook_urls
from .webhook_claims import claim, finish, post_json
from .webhook_models import WeeklySummaryPost
from .weekly_summary_messages import PAYLOADS
from .weekly_summary_weeks import check_over, window

TIMEOUT_SECONDS = 10.0
MAX_NAMED = 10  # per line; the rest are folded into the count of colleagues
TOP_STORIES = 3


# --- What the week brought ------------------------------------------------------------


@dataclass
class Named:
    """People to name, most first, and how many others are folded into a count."""

    names: list[str] = field(default_factory=list)
    folded: int = 0

    @property
    def total(self) -> int:
        return len(self.names) + self.folded


@dataclass
class Summary:
    week: date
    shares: int
    own_voice: int
    stories_told: int  # shares that tell a story
    stories: list[tuple[str, int]]  # the most told stories' titles, with their shares
    kudos: int
    badges: int
    own_voice_people: Named
    badge_people: Named
    thanked_people: Named
    # While the week is not over (a --dry-run preview): the moment its figures stop, "so far".
    so_far: datetime | None = None

    @property
    def quiet(self) -> bool:
        return not (self.shares or self.kudos or self.badges)


def _nameable(user_ids: set[int]) -> dict[int, str]:
    """Names of the people who may be named: on the leaderboards, not deactivated/erased."""
    if not user_ids:
        return {}
    rows = User.select(User.id, User.name).where(
        User.id.in_(list(user_ids)),
        User.leaderboard_opt_out == False,  # noqa: E712 - peewee builds SQL from ==
        User.deactivated_at.is_null(),
        User.erased_at.is_null(),
    )
    return {u.id: u.name for u in rows}


def _named(counts: Counter, names: dict[int, str], detail=None) -> Named:
    """Name the nameable people, most counted first (then by name), up to MAX_NAMED."""
    order = sorted(counts, key=lambda uid: (-counts[uid], sort_key(names.get(uid)), uid))
    named = [uid for uid in order if uid in names][:MAX_NAMED]
    labels = [f"{names[uid]}{detail(uid) if detail else ''}" for uid in named]
    return Named(labels, len(counts) - len(named))


def summarise(week: date, book: RuleBook) -> Summary:
    start, end = window(week)
    now = current_app.config["CLOCK"]()
    shares = list(
        Share.select(
            Share.user, Share.voice, Share.is_clone, ShareStory.story, ShareStory.story_copy
        )
        .join(ShareStory, JOIN.LEFT_OUTER, on=ShareStory.share == Share.id)
        .where(
            Share.logged_at >= start,
            Share.logged_at < end,
            Share.deleted_at.is_null(),
            # A stale post counts towards nothing (README), so not towards the week either.
            Share.id.not_in(
                PointsEntry.select(PointsEntry.share).where(
                    PointsEntry.rule == STALE_RULE, PointsEntry.share.is_null(False)
                )
            ),
        )
        .tuples()
    )
    own_voice_by: Counter = Counter()
    told: Counter = Counter()
    tellers: dict[int, set[int]] = defaultdict(set)
    for user_id, voice, is_clone, story_id, story_copy in shares:
        if voice == "personal" and not is_clone and not story_copy:
            own_voice_by[user_id] += 1
        if story_id is not None:
            told[story_id] += 1
            tellers[story_id].add(user_id)
    # A story line naming a story told by fewer people than the analytics minimum, "Launch in
    # Legal (1)", says who told it; one told by all but fewer than the minimum of the people
    # who could says that each of them did (`untold`, below). Such stories stay in the count
    # of stories told, unnamed.
    minimum = current_app.config["ANALYTICS_MIN_GROUP"]
    named = [sid for sid in told if len(tellers[sid]) >= minimum]
    # Named only while published and once started: a withdrawn story (or one set back to
    # draft) is not told to the whole channel by its title, nor one still under embargo (a
    # share logged before stories_links.TOLD_STATES was checked may tell it); their shares
    # still count, unnamed.
    stories = Story.select(Story.id, Story.title, Story.everyone).where(
        Story.id.in_(named or [0]),
        Story.published_at.is_null(False),
        Story.withdrawn_at.is_null(),
        Story.starts_at < end,
        Story.starts_at <= now,
    )
    titles = {s.id: s.title for s in stories if untold(s) >= minimum}
    shown = [sid for sid in named if sid in titles]
    top = sorted(shown, key=lambda sid: (-told[sid], sort_key(titles[sid]), sid))[:TOP_STORIES]

    badges_by: dict[int, list[str]] = defaultdict(list)
    for user_id, badge_id in (
        UserBadge.select(UserBadge.user, UserBadge.badge_id)
        .where(
            UserBadge.earned_at >= start,
            UserBadge.earned_at < end,
            UserBadge.revoked_at.is_null(),
            # A rescore's badge was a rules edit, not the week's doing: not reported.
            UserBadge.by_rescore == False,  # noqa: E712 - peewee builds SQL from ==
        )
        .order_by(UserBadge.earned_at, UserBadge.id)
        .tuples()
    ):
        badges_by[user_id].append((book.badge(badge_id) or {}).get("name", badge_id))
    thanked: Counter = Counter(
        receiver
        for (receiver,) in Kudos.select(Kudos.receiver)
        .where(Kudos.created_at >= start, Kudos.created_at < end)
        .tuples()
    )
    names = _nameable(set(own_voice_by) | set(badges_by) | set(thanked))
    return Summary(
        so_far=now if now < end else None,
        week=week,
        shares=len(shares),
        own_voice=sum(own_voice_by.values()),
        stories_told=sum(told.values()),
        stories=[(titles[sid], told[sid]) for sid in top],
        kudos=sum(thanked.values()),
        badges=sum(len(b) for b in badges_by.values()),
        own_voice_people=_named(own_voice_by, names),
        badge_people=_named(
            Counter({uid: len(b) for uid, b in badges_by.items()}),
            names,
            lambda uid: f" ({', '.join(badges_by[uid])})",
        ),
        thanked_people=_named(thanked, names),
    )


# --- Sending, once per week and destination -------------------------------------------


@dataclass
class Outcome:
    destination: str
    result: str  # sent, already_sent, in_progress, failed
    error: str | None = None


def send_weekly_summary(
    week: date, book: RuleBook, now: datetime, destinations: list[str] | None = None
) -> list[Outcome]:
    """Post the week's summary to each configured destination (of `destinations`, when
    given) that has not had it yet."""
    check_over(week, now)
    urls = webhook_urls()
    summary = summarise(week, book)
    outcomes = []
    for destination, url in urls.items():
        if destinations is not None and destination not in destinations:
            continue
        key = {"week": week, "destination": destination}
        state = claim(WeeklySummaryPost, key, now)
        if state != "claimed":
            result = "already_sent" if state == "sent" else "in_progress"
            outcomes.append(Outcome(destination, result))
            continue
        timeout = float(current_app.config.get("WEBHOOK_TIMEOUT_SECONDS", TIMEOUT_SECONDS))
        error = post_json(url, PAYLOADS[destination](summary), timeout)
        finish(WeeklySummaryPost, key, current_app.config["CLOCK"](), error)
        outcomes.append(Outcome(destination, "failed" if error else "sent", error))
    return outcomes

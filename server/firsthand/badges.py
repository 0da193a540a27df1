"""Badges: awarding them, the counters they measure, and how they are shown."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from .catalogue_words import reader_language, translated
from .clock import iso
from .models import Share, User, UserBadge, UserStats
from .openbadges import add_to_linkedin_url, assertion_url
from .rules import RuleBook
from .statements import scalars


def metric_value(stats: UserStats, metric: str, today: date | None = None) -> int:
    """The counter a badge measures (with `today`, a streak that lapsed counts as 0).

    The data-file schema (schemas/data/badges.schema.json) lists the same metric names; a
    test keeps the two equal.
    """
    if metric == "networks":
        return len(stats.network_set())
    if metric == "streak_weeks" and today is not None:
        return stats.current_streak(today)
    return getattr(stats, metric)


# The ids of the badges a user holds, in one column (NULL for none), to read with another row:
# a unit separator (ASCII 31) between them, which no badge id (a data-file name) contains.
HELD_BADGES_COLUMN = {
    "sqlite": "SELECT group_concat(badge_id, char(31)) FROM user_badge WHERE user_id = {user}",
    "postgresql": "SELECT string_agg(badge_id, chr(31)) FROM user_badge WHERE user_id = {user}",
}


def held_badges(column: str | None) -> set[str]:
    """The set of badge ids a HELD_BADGES_COLUMN value names."""
    return set(column.split("\x1f")) if column else set()


def award_badges(
    user: User,
    stats: UserStats,
    book: RuleBook,
    share: Share | None,
    now: datetime,
    held: set[str] | None = None,
    by_rescore: bool = False,
) -> list[UserBadge]:
    """Award every badge whose target the counters now reach and the user lacks.

    Call in the write transaction that moved the counters; `held`: the badges the user held,
    if it was read under its row lock already (`HELD_BADGES_COLUMN`).
    """
    return [
        UserBadge.create(
            user=user.id,
            badge_id=badge["id"],
            share=share,
            earned_at=now,
            uid=secrets.token_hex(16),
            salt=secrets.token_hex(16),
            by_rescore=by_rescore,
        )
        for badge in badges_due(user, stats, book, held)
    ]


def badges_due(
    user: User, stats: UserStats, book: RuleBook, held: set[str] | None = None
) -> list[dict]:
    """The badges whose target the counters reach and the user lacks (revoked ones are held:
    never given again)."""
    if held is None:
        # Runs on every counted share, under the write lock: a statement written once.
        held = set(scalars('SELECT "badge_id" FROM "user_badge" WHERE "user_id" = {p}', user.id))
    return [
        badge
        for badge in book.badges
        if badge["id"] not in held and metric_value(stats, badge["metric"]) >= badge["target"]
    ]


def assertion_row(uid: str) -> UserBadge | None:
    """An earned badge by its public assertion id, with its owner."""
    return UserBadge.select(UserBadge, User).join(User).where(UserBadge.uid == uid).first()


def badge_json(badge: dict, earned_at: datetime | None = None) -> dict:
    """A catalogue badge as the API shows it, with when it was earned if it was."""
    language = reader_language()
    body = {key: badge[key] for key in ("id", "icon")}
    body |= {key: translated(badge, key, language) for key in ("name", "description")}
    if earned_at is not None:
        body["earned_at"] = iso(earned_at)
    return body


def new_badges_json(book: RuleBook, rows: list[UserBadge]) -> list[dict]:
    """Badges just earned, for the answer to the write that earned them."""
    return [badge_json(book.badge(row.badge_id), row.earned_at) for row in rows]


def catalogue_json(book: RuleBook) -> list[dict]:
    """Every badge that can be earned, with its target."""
    return [{**badge_json(badge), "target": badge["target"]} for badge in book.badges]


def earned_badges(book: RuleBook, user_id: int) -> list[dict]:
    """Earned badges (not revoked), each with its public assertion and a LinkedIn add link."""
    rows = (
        UserBadge.select()
        .where((UserBadge.user == user_id) & UserBadge.revoked_at.is_null())
        .order_by(UserBadge.earned_at)
    )
    return [
        {
            **badge_json(badge, row.earned_at),
            "assertion_url": assertion_url(row.uid),
            "add_to_linkedin_url": add_to_linkedin_url(row, badge),
        }
        for row in rows
        if (badge := book.badge(row.badge_id))
    ]


def revoked_badge_ids(user_id: int) -> set[str]:
    """The badges revoked from the user (award_badges never gives them again)."""
    rows = UserBadge.select(UserBadge.badge_id).where(
        (UserBadge.user == user_id) & UserBadge.revoked_at.is_null(False)
    )
    return {row.badge_id for row in rows}


def badges_in_progress(book: RuleBook, stats: UserStats, held: set[str], today: date) -> list:
    """The badges not held yet, each with how far the user has come."""
    return [
        {
            **badge_json(badge),
            "progress": {
                "current": min(metric_value(stats, badge["metric"], today), badge["target"]),
                "target": badge["target"],
            },
        }
        for badge in book.badges
        if badge["id"] not in held
    ]

"""Thanking a colleague for a post: kudos, their points and the recognition badges."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import JOIN

from . import ledger
from .badges import award_badges
from .clock import WEEK, iso, week_start
from .db import write_transaction
from .errors import ApiError, PersonErased, invalid
from .input_guard import text_key, tidy_line, tidy_text
from .models import Kudos, Share, Team, User, UserBadge, UserStats
from .pages import Cursor, newest_first
from .rules import RuleBook

LEADERSHIP_ROLES = ("manager", "admin")
KUDOS_RULE = "kudos_received"
KUDOS_CAP_RULE = "kudos_cap"


@dataclass
class KudosResult:
    kudos: Kudos
    new_badges: list[UserBadge] = field(default_factory=list)
    repeated: bool = False  # the same thanks again: the first one, nothing written


# The same thanks (giver, receiver, post and words) again within this time is the first one
# retried or double-sent, not a second kudos: nothing is written, no points or badge.
REPEAT_WINDOW = timedelta(hours=24)


def give_kudos(
    giver: User, receiver_id: int, message: str, share_id: int | None, book: RuleBook, now: datetime
) -> KudosResult:
    """Record kudos and the receiver's points and badges in one transaction."""
    if receiver_id == giver.id:
        message = "Kudos are for colleagues: you cannot thank yourself."
        raise invalid("to_user_id", "is you", message, code="self_kudos")
    if not tidy_line(message):
        raise invalid("message", "must not be blank", "Say what you are thanking them for.")
    receiver = User.get_or_none((User.id == receiver_id) & User.erased_at.is_null())
    if receiver is None:
        raise _no_colleague(receiver_id)
    if receiver.deactivated_at is not None:
        # Without their name: any employee may send any id, and the name of someone gone
        # is not theirs to learn by trying ids one by one.
        message = "This colleague is no longer active in the program."
        raise invalid("to_user_id", "is deactivated", message, code="deactivated_user")
    with write_transaction():
        try:  # serialises kudos to the same person
            stats = UserStats.locked(receiver.id)
        except PersonErased as erased:  # since they were read above
            raise _no_colleague(receiver_id) from erased
        share = _their_share(share_id, receiver)
        repeat = _same_thanks_lately(giver, receiver, share, tidy_text(message), now)
        if repeat is not None:
            return KudosResult(repeat, repeated=True)
        leadership = giver.role in LEADERSHIP_ROLES
        first_from_giver = not _thanked_before(giver, receiver)
        # Thanks from a colleague, not leadership recognition (counted apart, above).
        first_as_colleague = not leadership and not _thanked_before(giver, receiver, False)
        rule, points = kudos_award(book, _counted_this_week(giver, receiver, now))
        kudos = Kudos.create(
            giver=giver.id,
            receiver=receiver.id,
            share=share,
            message=tidy_text(message),
            leadership=leadership,
            points=points,
            created_at=now,
        )
        ledger.append(receiver, [(rule, points)], now)
        stats.points += points
        stats.kudos_received += 1
        stats.leadership_kudos += leadership
        stats.kudos_givers += first_from_giver
        stats.colleague_givers += first_as_colleague
        stats.save()
        badges = award_badges(receiver, stats, book, None, now)
    return KudosResult(kudos, badges)


def kudos_received(
    user: User, limit: int, offset: int, after: Cursor | None = None
) -> tuple[list[Kudos], int, Cursor | None]:
    """A page of the kudos the user received, newest first, how many there are (their
    counter) and the cursor of the next page."""
    mine = (
        Kudos.select(Kudos, User, Team, Share)
        .join(User, on=Kudos.giver)
        .join(Team, join_type=JOIN.LEFT_OUTER, on=User.team == Team.id)
        .switch(Kudos)  # the post each thanks is for, in the same query (kudos_json names it)
        .join(Share, join_type=JOIN.LEFT_OUTER, on=Kudos.share == Share.id)
        .where(Kudos.receiver == user.id)
    )
    rows, next_cursor = newest_first(mine, Kudos.created_at, Kudos.id, limit, offset, after)
    total = UserStats.select(UserStats.kudos_received).where(UserStats.user == user.id).scalar()
    return rows, total or 0, next_cursor


def kudos_award(book: RuleBook, earned_this_week: int) -> tuple[str, int]:
    """The rule and points of a kudos, given how many from the same colleague to the same
    person already earned points this ISO week."""
    if earned_this_week < book.kudos_per_giver_per_week:
        return KUDOS_RULE, book.kudos_points
    return KUDOS_CAP_RULE, 0


def _same_thanks_lately(
    giver: User, receiver: User, share: Share | None, message: str, now: datetime
) -> Kudos | None:
    """The giver's kudos to the receiver with these words for this post (or none) in the
    last REPEAT_WINDOW, if any; read under the receiver's lock, so two copies sent at once
    find each other. The words are compared by text_key, in Python: "Café" typed with a
    combining accent, or in other capitals, is the same thanks (a day's kudos from one
    colleague to another are a handful of rows)."""
    same_post = Kudos.share.is_null() if share is None else Kudos.share == share.id
    lately = (
        Kudos.select()
        .where(
            (Kudos.giver == giver.id)
            & (Kudos.receiver == receiver.id)
            & (Kudos.created_at >= now - REPEAT_WINDOW)
            & same_post
        )
        .order_by(Kudos.created_at, Kudos.id)
    )
    key = text_key(message)
    return next((kudos for kudos in lately if text_key(kudos.message) == key), None)


def _thanked_before(giver: User, receiver: User, leadership: bool | None = None) -> bool:
    """Whether the giver ever thanked the receiver (with leadership kudos or not, when
    `leadership` is given); read under the receiver's lock, so two first kudos sent at once
    count one giver."""
    earlier = Kudos.select(Kudos.id).where(
        (Kudos.giver == giver.id) & (Kudos.receiver == receiver.id)
    )
    if leadership is not None:
        earlier = earlier.where(Kudos.leadership == leadership)
    return earlier.exists()


def _no_colleague(receiver_id: int) -> ApiError:
    return ApiError(404, f"There is no colleague with id {receiver_id}.", code="unknown_user")


def _their_share(share_id: int | None, receiver: User) -> Share | None:
    if share_id is None:
        return None
    share = Share.get_or_none(
        (Share.id == share_id) & (Share.user == receiver.id) & Share.deleted_at.is_null()
    )
    if share is None:
        raise ApiError(
            404, "That share is not one of theirs (or it was deleted).", code="unknown_share"
        )
    return share


def _counted_this_week(giver: User, receiver: User, now: datetime) -> int:
    start = week_start(now)
    return (
        Kudos.select()
        .where(
            Kudos.giver == giver.id,
            Kudos.receiver == receiver.id,
            Kudos.created_at >= start,
            Kudos.created_at < start + WEEK,
            Kudos.points > 0,
        )
        .count()
    )


def kudos_json(kudos: Kudos, *, preview: bool = True) -> dict:
    """A kudos as its receiver reads it. `preview=False` for the giver's answer: an employee
    may send any share id, and a colleague's logged words are not theirs to read id by id."""
    giver = kudos.giver
    return {
        "id": kudos.id,
        "from": {"id": giver.id, "name": giver.name, "team": giver.team_name, "role": giver.role},
        "message": kudos.message,
        "leadership": kudos.leadership,
        "points": kudos.points,
        "share": _post_json(kudos.share, preview) if kudos.share_id else None,
        "created_at": iso(kudos.created_at),
    }


PREVIEW_LENGTH = 80  # the post's opening words: enough to recognise it by, one line of the popup


def _post_json(share: Share, preview: bool = True) -> dict:
    """The post a kudos thanks, as its receiver recognises it: where and when it was posted
    and its opening words (when its text was logged), never its whole text."""
    return {
        "id": share.id,
        "canonical_url": share.canonical_url,
        "network": share.network,
        "posted_at": iso(share.posted_at),
        "logged_at": iso(share.logged_at),
        "preview": _opening(share.text) if preview else None,
    }


def _opening(text: str | None) -> str | None:
    """The first line of a post's text, its spacing collapsed, cut between words."""
    line = tidy_line((text or "").strip().split("\n")[0])
    if len(line) <= PREVIEW_LENGTH:
        return line or None
    cut = line[: PREVIEW_LENGTH + 1]
    space = cut.rfind(" ")
    kept = cut[:space] if space > PREVIEW_LENGTH // 2 else line[:PREVIEW_LENGTH]
    return kept.rstrip(" ,;:.!?–-") + "…"

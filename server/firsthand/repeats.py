"""A share that repeats the employee's own: the same words logged again on the same network
under another link, within the copy check's window.

A loop over made-up links earned full points (own voice included) up to the daily cap, every
day. Such a log is refused (409 `repeat_post`) rather than recorded with 0 points: a post
deleted and put up again is then logged once its old share is deleted, and nothing is left at
0 for good. The sketch finds candidates; the words decide, all of them the same, so two job
ads sharing a long standard footer (sketches 0.78–0.91 alike) are two posts. The same words
on another network (a post cross-posted to X) are a share of their own.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from peewee import fn

from .analysis import Analyzer
from .analysis.text import prepare
from .canonical import are_siblings
from .errors import ApiError
from .models import Share, ShareSketch

NETWORK_NAMES = {"linkedin": "LinkedIn", "x": "X", "facebook": "Facebook", "other": "that site"}
WORD_OR_NUMBER = re.compile(r"\w+")


def words_of(text: str | None) -> frozenset[str]:
    """The distinct words and numbers of a text's prose (links and hashtags left out),
    casefolded: "Day 2" is not "Day 1"."""
    return (
        frozenset(WORD_OR_NUMBER.findall(prepare(text).prose.casefold())) if text else frozenset()
    )


def refuse_repeat(analyzer: Analyzer, user_id: int, request, canonical: str, now: datetime) -> None:
    """Raise the 409 when the share (a sharing.ShareRequest: its sketch, its words, its
    network) repeats one of the user's live shares of another post. Run under the counters'
    lock, so two logs of the same words at once cannot both pass."""
    network = request.network
    earlier = repeated_share(
        analyzer, user_id, network, request.sketch, request.words, now, canonical
    )
    if earlier is not None:
        raise ApiError(
            409,
            f"You logged these same words on {NETWORK_NAMES.get(network, network)} on "
            f"{earlier.logged_at:%d %b %Y} "
            f"(share {earlier.id}). If you put the post up again, delete that share first, "
            "then log this one.",
            code="repeat_post",
        )


def repeated_share(
    analyzer: Analyzer,
    user_id: int,
    network: str,
    hashes: list[int],
    words,
    now: datetime,
    canonical: str,
) -> Share | None:
    """The user's live share on `network` within the window whose words the new ones repeat,
    under another link: never a share of the post `canonical` itself (by its URL or its
    LinkedIn sibling id), which is this very log sent twice, a retry and not a repeat."""
    settings = analyzer.judge.model["clone"]
    if not hashes:
        return None
    shared = fn.COUNT(ShareSketch.id)
    candidates = [
        share_id
        for share_id, count in ShareSketch.select(ShareSketch.share, shared)
        .join(Share, on=Share.id == ShareSketch.share)
        .where(
            ShareSketch.user == user_id,
            ShareSketch.hash.in_(hashes),
            ShareSketch.logged_at >= now - timedelta(days=settings["window_days"]),
            Share.network == network,
            Share.deleted_at.is_null(),
            Share.canonical_url != canonical,
        )
        .group_by(ShareSketch.share)
        .having(shared >= settings["min_shared_hashes"])
        .tuples()
        if count / len(hashes) >= settings["threshold"]
    ]
    for share in Share.select().where(Share.id.in_(candidates)).order_by(Share.id):
        if are_siblings(canonical, share.canonical_url):
            continue
        if same_words(words, words_of(share.text)):
            return share
    return None


def same_words(new: frozenset[str], old: frozenset[str]) -> bool:
    """Whether two texts are the same words (in any case, order, spacing or emoji): a single
    word or number of its own ("Day 2", a name, a date) makes a post a post of its own.
    Anything looser would refuse a person's genuine weekly update written from one template."""
    return bool(new) and new == old

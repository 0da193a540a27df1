"""The clone check: is a text nearly the same as shares colleagues logged recently?"""

from __future__ import annotations

from datetime import datetime, timedelta

from peewee import fn

from .analysis import NO_CLONE, Analyzer, CloneLookup
from .analysis.fingerprint import sketch
from .analysis.text import prepare
from .models import ShareSketch


def clone_lookup(analyzer: Analyzer, user_id: int, now: datetime) -> CloneLookup:
    """Return a lookup comparing a sketch with colleagues' shares in the analyzer's window.

    A colleague's share holding most of the draft's sketch hashes holds most of the
    draft's word triples: that fraction is the similarity. One indexed aggregate
    query answers it, whatever the number of logged shares.
    """
    settings = analyzer.judge.model["clone"]
    since = now - timedelta(days=settings["window_days"])

    def lookup(draft_sketch: list[int]) -> dict:
        if not draft_sketch:
            return dict(NO_CLONE)
        shared = fn.COUNT(ShareSketch.id)
        counts = [
            count
            for (_share, count) in ShareSketch.select(ShareSketch.share, shared)
            .where(
                ShareSketch.hash.in_(draft_sketch),
                ShareSketch.logged_at >= since,
                ShareSketch.user != user_id,
            )
            .group_by(ShareSketch.share)
            .having(shared >= settings["min_shared_hashes"])
            .tuples()
        ]
        if not counts:
            return dict(NO_CLONE)
        scores = [count / len(draft_sketch) for count in counts]
        matches = sum(score >= settings["threshold"] for score in scores)
        return {"is_clone": matches > 0, "similarity": round(max(scores), 2), "matches": matches}

    return lookup


def share_sketch(text: str) -> list[int]:
    """A logged text's sketch, of the words a draft's is taken from (Analyzer.analyze: the
    prose, without links and hashtags): of the raw text, a colleague's post pasted whole with
    its tracking link and ten hashtags held 0.56 of a draft's hashes, under the threshold."""
    return sketch(prepare(text).prose)


def store_sketch(share_id: int, user_id: int, hashes: list[int], logged_at: datetime) -> None:
    """Index a logged share's sketch (share_sketch of its text) so later drafts can be compared
    with it."""
    rows = [{"share": share_id, "user": user_id, "hash": h, "logged_at": logged_at} for h in hashes]
    if rows:
        ShareSketch.insert_many(rows).execute()

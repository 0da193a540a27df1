"""One LinkedIn post, two ids: its activity (what the extension logs) and its share or ugcPost
(a pasted /posts/…-ugcPost-N-… link), minted a moment apart: the ranges of canonical URLs
that may name the other side of a post, and the check of what they hold."""

import random
from datetime import datetime

from firsthand.canonical import (
    LINKEDIN_POST,
    MAX_POST_ID,
    SIBLING_WINDOW_MS,
    are_siblings,
    same_length_runs,
    sibling_ranges,
)


def minted(at: datetime, after_ms: int = 0) -> int:
    """A post id minted `after_ms` after a minute past `at` (after the employee joined: a post
    from before is stale), as LinkedIn mints them: (unix_ms << 22) plus low bits (random, so
    no test leans on a fixed id)."""
    moment = int(at.timestamp() * 1000) + 60_000 + after_ms
    return (moment << 22) + random.randrange(1 << 22)


def url(kind: str, number: int) -> str:
    return f"{LINKEDIN_POST}{kind}:{number}/"


def test_sibling_ranges_are_the_window_of_the_other_side():
    at = datetime.now().astimezone()
    activity = url("activity", minted(at))
    ranges = sibling_ranges(activity)
    assert [low.split(":")[-2] for low, _ in ranges] == ["share", "ugcPost"]
    assert sibling_ranges(url("share", minted(at)))[0][0].startswith(f"{LINKEDIN_POST}activity:")
    assert sibling_ranges("https://x.com/i/web/status/1234567") == ()
    assert sibling_ranges("https://example.com/post/1") == ()
    moment = int(activity.split(":")[-1].rstrip("/")) >> 22
    for after_ms, inside in ((-SIBLING_WINDOW_MS, True), (SIBLING_WINDOW_MS, True), (2001, False)):
        for low_bits in (0, (1 << 22) - 1):
            other = url("share", ((moment + after_ms) << 22) + low_bits)
            in_range = any(low <= other <= high for low, high in ranges)
            assert in_range is inside is are_siblings(activity, other), (after_ms, low_bits)


def test_a_window_across_a_digit_count_is_two_ranges_per_kind():
    moment = (10**18 >> 22) + 1  # 10**18 lies in the window's first milliseconds
    ranges = sibling_ranges(url("share", moment << 22))
    assert len(ranges) == 2
    (low18, high18), (low19, high19) = ranges
    assert high18.endswith(":999999999999999999/") and low19.endswith(":1000000000000000000/")
    for number in (10**18 - 1, 10**18, ((moment - SIBLING_WINDOW_MS) << 22), 10**18 + 12345):
        other = url("activity", number)
        assert sum(low <= other <= high for low, high in ranges) == 1
        assert are_siblings(url("share", moment << 22), other)
    # A shorter id sorts inside a range as a string (…:100…/ < …:12/ < …:999…/): the
    # look-up checks the length and are_siblings the moment.
    short = url("activity", 99999999950)
    assert low18 <= short <= high18 and not are_siblings(url("share", moment << 22), short)


def test_same_length_runs():
    assert same_length_runs(95, 1003) == [(95, 99), (100, 999), (1000, 1003)]
    assert same_length_runs(5, 5) == [(5, 5)]
    assert same_length_runs(10**18 - 1, MAX_POST_ID)[-1] == (10**18, MAX_POST_ID)

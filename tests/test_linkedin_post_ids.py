"""LinkedIn share and ugcPost ids date their post as activity ids do (unix_ms << 22): the
"Post successful · View post" toast links to one of them, so an old post logged by that link
is stale and one from the future is refused, exactly as by its activity link."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from firsthand.canonical import canonical_url, id_posted_at, linkedin_posted_at
from helpers import activity_id

KINDS = ("share", "ugcPost")
FUTURE = "names a LinkedIn post id that cannot exist (it would be from the future)"


def post_url(kind: str, n: int, at: datetime) -> str:
    """A LinkedIn post URL naming a share, ugcPost or activity id minted at `at`."""
    return f"https://www.linkedin.com/feed/update/urn:li:{kind}:{activity_id(n, at)}/"


def log(client, headers, url: str):
    return client.post("/api/v1/shares", json={"url": url, "network": "linkedin"}, headers=headers)


def test_share_and_activity_ids_of_one_post_decode_to_the_same_moment():
    # A real post of 2024-11-18: its share id and its activity id, minted a moment apart.
    share = linkedin_posted_at(
        canonical_url(
            "https://www.linkedin.com/feed/update/urn:li:share:7264291213959204866/", "linkedin"
        )
    )
    activity = linkedin_posted_at(
        "https://www.linkedin.com/feed/update/urn:li:activity:7264291214332456960/"
    )
    assert share.date().isoformat() == "2024-11-18" == activity.date().isoformat()
    assert abs(activity - share) < timedelta(seconds=0.1)
    ugc = linkedin_posted_at(
        canonical_url(
            "https://www.linkedin.com/posts/x_y-ugcPost-7107005452425060352-AbCd", "linkedin"
        )
    )
    assert (ugc.year, ugc.month) == (2023, 9)


@pytest.mark.parametrize("kind", [*KINDS, "activity"])
def test_an_id_of_now_reads_as_now(kind):
    n = (int(time.time() * 1000) << 22) | 0x2A
    posted = id_posted_at(f"https://www.linkedin.com/feed/update/urn:li:{kind}:{n}/")
    assert posted[0] == "linkedin"
    assert abs(posted[1] - datetime.now(UTC)) < timedelta(seconds=5)


def test_only_a_canonical_linkedin_post_is_dated():
    n = activity_id(1)
    assert linkedin_posted_at(f"https://example.com/urn:li:share:{n}/") is None
    assert linkedin_posted_at(f"https://www.linkedin.com/feed/update/urn:li:share:{n}/") is not None


@pytest.mark.parametrize("kind", KINDS)
def test_a_share_or_ugcpost_of_today_counts(client, auth, clock, kind):
    answer = log(client, auth, post_url(kind, 7, clock()))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["points_awarded"] == 30
    assert {"rule": "stale_post", "points": 0} not in answer.get_json()["points_breakdown"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_old_share_or_ugcpost_is_stale(client, auth, clock, kind):
    # Posted after the employee joined, logged 60 days later: past the rules' max age (30).
    clock.advance(days=61)
    old = log(client, auth, post_url(kind, 1, clock() - timedelta(days=60)))
    assert old.status_code == 201
    assert old.get_json()["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    assert old.get_json()["points_awarded"] == 0 and old.get_json()["new_badges"] == []
    before_joining = log(client, auth, post_url(kind, 2, clock() - timedelta(days=400)))
    assert before_joining.get_json()["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    fresh = log(client, auth, post_url(kind, 3, clock())).get_json()
    assert fresh["points_awarded"] == 30  # still the first counted share
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["shares"] == 1 and me["points"] == 30


@pytest.mark.parametrize("kind", [*KINDS, "activity"])
def test_a_post_id_from_the_future_is_a_422(app, client, auth, clock, kind):
    # A day ahead, past the day of clock skew a device may have: refused, nothing written.
    answer = log(client, auth, post_url(kind, 1, clock() + timedelta(days=1, hours=1)))
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"] == [{"field": "url", "message": FUTURE}]
    assert client.get("/api/v1/me", headers=auth).get_json()["shares"] == 0
    # Within the day of skew: accepted, and it counts.
    assert log(client, auth, post_url(kind, 2, clock() + timedelta(hours=20))).status_code == 201

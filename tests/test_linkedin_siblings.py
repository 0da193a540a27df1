"""One LinkedIn post, two ids: its activity (what the extension logs) and its share or ugcPost
(a pasted /posts/…-ugcPost-N-… link), minted a moment apart. Logged by both, it is one
share: the second log is a retry, and a deleted one stays deleted. A colleague's post of the
same second is theirs: ids date posts LinkedIn-wide, not per author."""

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
import requests

from firsthand.canonical import (
    LINKEDIN_POST,
    MAX_POST_ID,
    SIBLING_WINDOW_MS,
    are_siblings,
    sibling_ranges,
)
from firsthand.db import database
from firsthand.models import PointsEntry, Share, User, UserStats
from firsthand.sharing import ShareRequest, check_share, log_share, write_share
from helpers import counters_match_ledger


def minted(at: datetime, after_ms: int = 0) -> int:
    """A post id minted `after_ms` after a minute past `at` (after the employee joined: a post
    from before is stale), as LinkedIn mints them: (unix_ms << 22) plus low bits (random, so
    no test leans on a fixed id)."""
    moment = int(at.timestamp() * 1000) + 60_000 + after_ms
    return (moment << 22) + random.randrange(1 << 22)


def url(kind: str, number: int) -> str:
    return f"{LINKEDIN_POST}{kind}:{number}/"


def pasted(kind: str, number: int) -> str:
    """The link LinkedIn's "Copy link to post" gives: /posts/<slug>-<kind>-<id>-<code>."""
    return f"https://www.linkedin.com/posts/ann-example_launch-day-{kind}-{number}-AbCd"


def log(client, headers, link: str, key: str | None = None):
    extra = {"Idempotency-Key": key} if key else {}
    return client.post(
        "/api/v1/shares",
        json={"url": link, "network": "linkedin"},
        headers={**headers, **extra},
    )


def points_and_shares(app) -> tuple[int, int, int]:
    """The one user's points, counted shares and the sum of their ledger."""
    with app.app_context(), database.connection_context():
        counters_match_ledger()
        stats = UserStats.get()
        return stats.points, stats.shares, sum(e.points for e in PointsEntry.select())


# Microsoft's example post: the share id minted 87 ms before the activity id.
PAIRS = [
    ("activity", "share", 87),
    ("share", "activity", -87),
    ("ugcPost", "activity", -87),
    ("activity", "ugcPost", 1999),
    ("activity", "share", -SIBLING_WINDOW_MS),
]


@pytest.mark.parametrize(("first", "second", "apart_ms"), PAIRS)
def test_a_post_logged_by_both_its_ids_is_one_share(
    app, client, auth, clock, first, second, apart_ms
):
    one, other = minted(clock()), minted(clock(), apart_ms)
    logged = log(client, auth, url(first, one))
    assert logged.status_code == 201, logged.get_json()
    again = log(client, auth, pasted(second, other))
    assert again.status_code == 200, again.get_json()
    answer = again.get_json()
    assert answer["duplicate"] is True and answer["points_awarded"] == 0
    assert answer["share"] == logged.get_json()["share"]  # the original, by its first link
    assert answer["total_points"] == 30
    assert points_and_shares(app) == (30, 1, 30)
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["shares"] == 1 and me["points"] == 30


@pytest.mark.parametrize(
    ("first", "second", "apart_ms"),
    [
        ("activity", "activity", 1),  # one side: two posts, however close
        ("share", "ugcPost", 1),  # both the post's side: a post has one or the other
        ("activity", "share", 3000),  # other sides, but 3 s apart: two posts
        ("ugcPost", "activity", -(SIBLING_WINDOW_MS + 1)),
    ],
)
def test_ids_that_cannot_be_one_post_are_two_shares(
    app, client, auth, clock, first, second, apart_ms
):
    assert log(client, auth, url(first, minted(clock()))).status_code == 201
    second_log = log(client, auth, url(second, minted(clock(), apart_ms)))
    assert second_log.status_code == 201, second_log.get_json()
    assert second_log.get_json()["points_awarded"] == 10
    assert points_and_shares(app) == (40, 2, 40)


def test_a_deleted_share_refuses_its_sibling(app, client, auth, clock):
    activity = minted(clock())
    share_id = log(client, auth, url("activity", activity)).get_json()["share"]["id"]
    assert client.delete(f"/api/v1/shares/{share_id}", headers=auth).status_code == 200
    again = log(client, auth, pasted("ugcPost", minted(clock(), -87)))
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "share_deleted"
    assert points_and_shares(app)[:2] == (0, 0)


def test_a_colleagues_post_of_the_same_second_is_their_own(app, client, make_user, clock):
    # Ids date a post LinkedIn-wide, not per author: colleagues' posts scheduled for 09:00
    # are minted within the same second. Bob's share id is not a sibling of Ann's activity.
    _, bob = make_user()
    _, ann = make_user()
    share = minted(clock())
    assert log(client, bob, url("share", share)).status_code == 201
    own = log(client, ann, url("activity", minted(clock(), 87)))
    assert own.status_code == 201, own.get_json()
    # The very same link is still claimed (the unique indexes' answer, as ever).
    claimed = log(client, ann, url("share", share))
    assert claimed.status_code == 409
    assert claimed.get_json()["error"]["code"] == "already_claimed"


def test_the_idempotency_key_names_one_post(client, auth, clock):
    activity, share = minted(clock()), minted(clock(), -87)
    first = log(client, auth, url("activity", activity), key="k-1")
    assert first.status_code == 201
    # The same key with the post's other id (a client that copied the link again): a retry,
    # as it would be whichever of the two logs won a race.
    again = log(client, auth, url("share", share), key="k-1")
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    assert again.get_json()["share"]["id"] == first.get_json()["share"]["id"]
    # A new key for it: a retry of the post too.
    fresh = log(client, auth, url("share", share), key="k-2")
    assert fresh.status_code == 200 and fresh.get_json()["duplicate"] is True
    # The key with another post is still refused.
    other = log(client, auth, url("share", minted(clock(), 5000)), key="k-1")
    assert other.status_code == 422
    assert other.get_json()["error"]["code"] == "idempotency_key_reused"


def _request(kind: str, number: int) -> ShareRequest:
    return ShareRequest(url=url(kind, number), network="linkedin")


def test_a_sibling_logged_after_the_check_is_caught_under_the_lock(app, clock):
    """The look-up runs before the write lock: a log of the post's other id that commits in
    between is found again once the counters' row is locked, so the write is a retry."""
    book = app.extensions["firsthand.rulebook"]
    with app.app_context(), database.connection_context():
        from firsthand.accounts import create_user

        ann = create_user("ann@example.com", "Ann", clock(), "Sales")
        bob = create_user("bob@example.com", "Bob", clock(), "Sales")
        late = _request("ugcPost", minted(clock()))
        canonical, found = check_share(ann, late, clock())
        assert found is None
        first = log_share(
            ann, _request("activity", minted(clock(), 87)), book, clock(), analyzer=None
        )
        result = write_share(ann, late, canonical, book, clock(), analyzer=None)
        assert result.duplicate and result.share.id == first.share.id
        assert Share.select().count() == 1 and UserStats.get(UserStats.user == ann.id).points == 30
        # A colleague's post of the same second committed in between: a post of their own,
        # not a sibling of Ann's (ids date posts LinkedIn-wide), so Ann's is written.
        mine = _request("share", minted(clock(), 5000))
        canonical, found = check_share(ann, mine, clock())
        log_share(bob, _request("activity", minted(clock(), 5050)), book, clock(), analyzer=None)
        written = write_share(ann, mine, canonical, book, clock(), analyzer=None)
        assert not written.duplicate
        assert Share.select().where(Share.user == ann.id).count() == 2
        counters_match_ledger()


def test_racing_logs_of_both_ids_make_one_share(app, live_server, auth, clock):
    activity, share = minted(clock()), minted(clock(), -87)
    links = [url("activity", activity), pasted("share", share)]

    def post(n: int):
        return requests.post(
            f"{live_server}/api/v1/shares",
            json={"url": links[n % 2], "network": "linkedin"},
            headers=auth,
            timeout=30,
        )

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(post, range(10)))
    assert sorted(a.status_code for a in answers) == [200] * 9 + [201]
    assert len({a.json()["share"]["id"] for a in answers}) == 1
    assert points_and_shares(app) == (30, 1, 30)


def test_ids_from_before_linkedin_look_for_no_siblings(app, client, auth):
    # 10**18 is minted in July 1977, long before LinkedIn: an id under it is made up, and its
    # window must not become ranges that span most of the index (…:10/ to …:99/).
    boundary = 10**18 >> 22
    activity, share = 10**18 - 5, ((boundary + 50) << 22) + 7
    assert len(str(activity)) == 18 and len(str(share)) == 19
    assert sibling_ranges(url("activity", activity)) == ()
    assert sibling_ranges(url("activity", 100000)) == ()
    assert not are_siblings(url("share", share), url("activity", activity))
    # Dated before LinkedIn opened (2003): refused as made up, before any look-up.
    assert log(client, auth, url("activity", activity)).status_code == 422
    assert log(client, auth, url("share", share)).status_code == 422
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 0 and User.select().count() == 1


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


def test_a_window_reaching_below_10_18_starts_there():
    moment = (10**18 >> 22) + 1  # 10**18 lies in the window's first milliseconds
    share = url("share", (moment << 22) + (1 << 21))
    assert int(share.split(":")[-1].rstrip("/")) >= 10**18
    ranges = sibling_ranges(share)
    assert len(ranges) == 1
    low, high = ranges[0]
    assert low.endswith(":1000000000000000000/") and len(low) == len(high)
    assert are_siblings(share, url("activity", 10**18 + 12345))
    assert not are_siblings(share, url("activity", 10**18 - 1))
    # A shorter id sorts inside a range as a string (…:100…/ < …:12/ < …:999…/): the
    # look-up checks the length and are_siblings the moment.
    short = url("activity", 1000000000000000000 // 10 + 5)
    assert not are_siblings(share, short)


def test_a_window_near_the_largest_id_is_capped():
    share = url("share", MAX_POST_ID - 5)
    ((low, high),) = sibling_ranges(share)
    assert high.endswith(f":{MAX_POST_ID}/") and len(low) == len(high)
    assert are_siblings(share, url("activity", MAX_POST_ID - (1 << 22)))

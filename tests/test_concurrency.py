"""Concurrent logging through a real threaded server on loopback."""

from concurrent.futures import ThreadPoolExecutor

import requests

from firsthand.db import database
from firsthand.models import PointsEntry, Share, UserBadge, UserStats
from helpers import counters_match_ledger, linkedin_url

URL = linkedin_url(42)


def post(base, headers, url=URL, key=None):
    extra = {"Idempotency-Key": key} if key else {}
    return requests.post(
        f"{base}/api/v1/shares",
        json={"url": url, "network": "linkedin"},
        headers={**headers, **extra},
        timeout=30,
    )


def test_twenty_threads_posting_the_same_url_make_one_share(app, live_server, auth):
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: post(live_server, auth), range(20)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 19 + [201]
    assert {a.json()["share"]["id"] for a in answers} == {answers[0].json()["share"]["id"]}
    assert sum(a.json()["points_awarded"] for a in answers) == 30
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 1
        assert PointsEntry.select().count() == 2
        assert UserBadge.select().count() == 1
        assert UserStats.get().points == 30 and UserStats.get().shares == 1


def test_twenty_retries_with_one_key_make_one_share(app, live_server, auth):
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: post(live_server, auth, key="retry-1"), range(20)))
    assert sorted(a.status_code for a in answers) == [200] * 19 + [201]
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 1


def test_two_colleagues_racing_for_one_post(app, live_server, make_user):
    headers = [make_user()[1] for _ in range(2)]
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda i: post(live_server, headers[i % 2]), range(10)))
    codes = [a.status_code for a in answers]
    assert codes.count(201) == 1 and set(codes) <= {200, 201, 409}
    with app.app_context(), database.connection_context():
        assert Share.select().count() == 1
        assert sum(s.points for s in UserStats.select()) == 30


def test_many_distinct_shares_at_once_keep_counters_equal_to_ledger(app, live_server, auth):
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: post(live_server, auth, url=linkedin_url(n)), range(16)))
    assert all(a.status_code == 201 for a in answers)
    with app.app_context(), database.connection_context():
        stats = UserStats.get()
        assert stats.shares == 16
        assert stats.points == sum(e.points for e in PointsEntry.select()) == 30 + 4 * 10


def test_colleagues_racing_for_a_post_while_its_share_is_deleted(app, live_server, make_user):
    """The claim is released in the delete's transaction: whoever races, at most one live
    share of the post at any time, one colleague wins it, and its deleter never gets it back."""
    deleter = make_user()[1]
    colleagues = [make_user()[1] for _ in range(5)]
    share_id = post(live_server, deleter).json()["share"]["id"]

    def attempt(i):
        if i == 0:
            return requests.delete(
                f"{live_server}/api/v1/shares/{share_id}", headers=deleter, timeout=30
            )
        return post(live_server, deleter if i % 6 == 0 else colleagues[i % 5])

    with ThreadPoolExecutor(12) as pool:
        racing = list(pool.map(attempt, range(24)))
    assert racing[0].status_code == 200
    with ThreadPoolExecutor(12) as pool:  # the claim is free by now, if nobody took it yet
        after = list(pool.map(lambda i: post(live_server, colleagues[i % 5]), range(10)))
    answers = racing[1:] + after
    codes = [a.status_code for a in answers]
    assert codes.count(201) == 1 and set(codes) <= {200, 201, 409}
    errors = {a.json()["error"]["code"] for a in answers if a.status_code == 409}
    assert errors <= {"already_claimed", "share_deleted"}
    assert post(live_server, deleter).json()["error"]["code"] == "share_deleted"
    with app.app_context(), database.connection_context():
        live = Share.select().where(Share.url == URL, Share.deleted_at.is_null())
        assert live.count() == 1 and Share.select().count() == 2
        counters_match_ledger()

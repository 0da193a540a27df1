"""X post ids date their post, as LinkedIn activity ids do: one from the future is refused,
one from before the employee joined or too old is recorded without points (stale_post)."""

from datetime import timedelta

from firsthand.canonical import canonical_url, x_posted_at
from helpers import CLOCK_START, x_url


def log_x(client, headers, url):
    return client.post("/api/v1/shares", json={"url": url, "network": "x"}, headers=headers)


def test_an_x_id_reads_as_the_moment_it_was_minted():
    canonical = canonical_url(x_url(5, CLOCK_START), "x")
    assert abs(x_posted_at(canonical) - CLOCK_START) < timedelta(milliseconds=1)
    # A known post: 20 (Jack's first tweet, 2006) predates snowflakes and reads as their epoch.
    assert x_posted_at("https://x.com/i/web/status/20").year == 2010
    assert x_posted_at("https://www.linkedin.com/feed/update/urn:li:activity:1/") is None


def test_an_x_id_from_the_future_is_named_as_impossible(app, client, auth, clock):
    for url in (
        "https://x.com/someone/status/9223372036854775807",  # the largest 64-bit id
        x_url(1, clock() + timedelta(days=2)),  # past the day of clock skew allowed
    ):
        answer = log_x(client, auth, url)
        assert answer.status_code == 422, url
        error = answer.get_json()["error"]
        assert error["code"] == "validation_failed"
        assert error["details"] == [
            {
                "field": "url",
                "message": "names an X post id that cannot exist (it would be from the future)",
            }
        ]
    # Within the day of clock skew a phone may have: accepted, and it counts.
    assert log_x(client, auth, x_url(2, clock() + timedelta(hours=20))).status_code == 201


def test_stale_x_posts_are_recorded_without_points(client, auth, clock):
    before_joining = log_x(client, auth, x_url(1, clock() - timedelta(days=2))).get_json()
    assert before_joining["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    assert before_joining["points_awarded"] == 0 and before_joining["new_badges"] == []
    clock.advance(days=31)
    old = log_x(client, auth, x_url(2, CLOCK_START + timedelta(hours=1))).get_json()
    assert old["points_breakdown"] == [{"rule": "stale_post", "points": 0}]
    fresh = log_x(client, auth, x_url(3, clock())).get_json()
    assert fresh["points_awarded"] == 30  # still the first counted share
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["shares"] == 1 and me["points"] == 30

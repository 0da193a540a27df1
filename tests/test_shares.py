from datetime import timedelta

import pytest

from firsthand.db import database
from helpers import activity_id, counters_match_ledger, linkedin_url

ACTIVITY = str(activity_id(999))
CANONICAL = f"https://www.linkedin.com/feed/update/urn:li:activity:{ACTIVITY}/"


def post_share(client, headers, url=CANONICAL, network="linkedin", key=None, **extra):
    if key:
        headers = {**headers, "Idempotency-Key": key}
    return client.post(
        "/api/v1/shares", json={"url": url, "network": network, **extra}, headers=headers
    )


def test_new_share_is_201_with_points_and_badge(client, auth):
    response = post_share(
        client,
        auth,
        text="What I built this week",
        source="extension",
        posted_at="2026-11-18T08:00:00+01:00",
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["duplicate"] is False
    assert body["points_awarded"] == 45
    assert body["points_breakdown"] == [
        {"rule": "share_logged", "points": 10, "label": "Logged a share"},
        {"rule": "first_share", "points": 20, "label": "Your first share"},
        # "What I built" reads as the employee's own
        {"rule": "own_voice", "points": 15, "label": "In your own voice"},
    ]
    assert body["total_points"] == 45
    assert [b["id"] for b in body["new_badges"]] == ["first-share"]
    share = body["share"]
    assert share["canonical_url"] == CANONICAL
    assert share["posted_at"] == "2026-11-18T07:00:00Z"
    assert share["logged_at"] == "2026-11-18T09:00:00Z"
    assert share["text"] == "What I built this week" and share["source"] == "extension"


@pytest.mark.parametrize(
    ("url", "network", "canonical"),
    [
        (
            f"https://www.linkedin.com/posts/jane-doe_launch-day-activity-{ACTIVITY}-AbCd"
            "?utm_source=share&utm_medium=member_desktop",
            "linkedin",
            CANONICAL,
        ),
        (
            f"https://linkedin.com/feed/update/urn:li:activity:{ACTIVITY}?trk=feed",
            "linkedin",
            CANONICAL,
        ),
        (
            f"https://www.linkedin.com/embed/feed/update/urn%3Ali%3Aactivity%3A{ACTIVITY}",
            "linkedin",
            CANONICAL,
        ),
        (
            "https://www.linkedin.com/feed/update/urn:li:ugcPost:7111111111111111111/",
            "linkedin",
            "https://www.linkedin.com/feed/update/urn:li:ugcPost:7111111111111111111/",
        ),
        (
            "https://twitter.com/Jane_Doe/status/1850000000000000000?s=20&t=abc",
            "x",
            "https://x.com/i/web/status/1850000000000000000",
        ),
        (
            "https://m.facebook.com/story.php?story_fbid=123&id=456&fbclid=zz",
            "facebook",
            "https://www.facebook.com/story.php?id=456&story_fbid=123",
        ),
        (
            "HTTPS://Blog.Example.com/posts/hello/?utm_campaign=x&b=2&a=1#top",
            "other",
            "https://blog.example.com/posts/hello?a=1&b=2",
        ),
    ],
)
def test_urls_are_canonicalised(client, auth, url, network, canonical):
    response = post_share(client, auth, url=url, network=network)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["share"]["canonical_url"] == canonical
    assert response.get_json()["share"]["url"] == url


def test_same_post_in_another_form_is_a_duplicate(client, auth):
    first = post_share(client, auth).get_json()
    again = post_share(
        client, auth, url=f"https://www.linkedin.com/posts/x-activity-{ACTIVITY}-zz?utm_source=a"
    )
    assert again.status_code == 200
    body = again.get_json()
    assert body["duplicate"] is True and body["points_awarded"] == 0
    assert body["points_breakdown"] == [] and body["new_badges"] == []
    assert body["share"] == first["share"]
    assert body["total_points"] == 30
    me = client.get("/api/v1/me", headers=auth).get_json()
    assert me["shares"] == 1 and me["points"] == 30


def test_same_idempotency_key_returns_the_original(client, auth):
    first = post_share(client, auth, key="log-123").get_json()
    again = post_share(client, auth, key="log-123")
    assert again.status_code == 200 and again.get_json()["share"]["id"] == first["share"]["id"]


def test_idempotency_key_reused_for_another_post_is_422(client, auth):
    post_share(client, auth, key="log-123")
    response = post_share(client, auth, url=linkedin_url(9), key="log-123")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "idempotency_key_reused"


def test_bad_idempotency_key_is_400(client, auth):
    response = post_share(client, auth, key="x" * 129)
    assert (
        response.status_code == 400 and "Idempotency-Key" in response.get_json()["error"]["message"]
    )


def test_a_colleagues_post_cannot_be_claimed(client, auth, make_user):
    post_share(client, auth)
    _, bob = make_user()
    response = post_share(client, bob)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "already_claimed"
    assert client.get("/api/v1/me", headers=bob).get_json()["shares"] == 0


def test_a_retry_of_a_deleted_share_is_refused_as_deleted(client, auth, clock):
    """The same Idempotency-Key after the share was deleted: not 200 with the deleted share."""
    url = linkedin_url(8, clock())
    logged = post_share(client, auth, url=url, key="retry-after-delete").get_json()["share"]
    assert client.delete(f"/api/v1/shares/{logged['id']}", headers=auth).status_code == 200
    retry = post_share(client, auth, url=url, key="retry-after-delete")
    assert retry.status_code == 409 and retry.get_json()["error"]["code"] == "share_deleted"


def test_a_deleted_share_releases_the_post_to_a_colleague_but_not_to_its_deleter(
    app, client, make_user, clock
):
    _, bob = make_user("bob@example.com")
    _, chloe = make_user("chloe@example.com")
    _, dan = make_user("dan@example.com")
    url = linkedin_url(7, clock())  # Chloé's post, minted now
    logged = post_share(client, bob, url=url).get_json()["share"]
    deleted = client.delete(f"/api/v1/shares/{logged['id']}", headers=bob)
    assert deleted.status_code == 200 and deleted.get_json()["points_reversed"] == 30
    claimed = post_share(client, chloe, url=url)
    assert claimed.status_code == 201, claimed.get_json()
    assert claimed.get_json()["points_awarded"] == 30
    relog = post_share(client, bob, url=url)
    assert relog.status_code == 409 and relog.get_json()["error"]["code"] == "share_deleted"
    again = post_share(client, chloe, url=url)
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    assert again.get_json()["share"]["id"] == claimed.get_json()["share"]["id"]
    taken = post_share(client, dan, url=url).get_json()["error"]
    assert taken["code"] == "already_claimed" and "ask them to delete" in taken["message"]
    assert client.get("/api/v1/me", headers=bob).get_json()["points"] == 0
    assert client.get("/api/v1/me", headers=chloe).get_json()["points"] == 30
    with app.app_context(), database.connection_context():
        counters_match_ledger()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, ["network", "url"]),
        ({"url": CANONICAL}, ["network"]),
        ({"url": CANONICAL, "network": "myspace"}, ["network"]),
        ({"url": 42, "network": "linkedin"}, ["url"]),
        ({"url": CANONICAL, "network": "linkedin", "points": 500}, ["points"]),
        ({"url": CANONICAL, "network": "linkedin", "text": "x" * 10001}, ["text"]),
        ({"url": CANONICAL, "network": "linkedin", "source": "Bad Source!"}, ["source"]),
        ({"url": "https://www.linkedin.com/in/jane-doe/", "network": "linkedin"}, ["url"]),
        ({"url": CANONICAL, "network": "x"}, ["url"]),
        ({"url": "javascript:alert(1)", "network": "other"}, ["url"]),
        ({"url": "", "network": "other"}, ["url"]),
        ({"url": CANONICAL, "network": "linkedin", "posted_at": "yesterday"}, ["posted_at"]),
        (
            {"url": CANONICAL, "network": "linkedin", "posted_at": "2030-01-01T00:00:00Z"},
            ["posted_at"],
        ),
    ],
)
def test_invalid_share_is_422_naming_each_field(client, auth, body, fields):
    response = client.post("/api/v1/shares", json=body, headers=auth)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert sorted({d["field"] for d in error["details"]}) == fields
    for field in fields:  # the post's link is "the link" to the person who pasted it
        assert field in error["message"] or error["message"].startswith("The link ")
    assert client.get("/api/v1/me", headers=auth).get_json()["shares"] == 0


def test_points_cannot_be_mass_assigned(client, auth):
    response = post_share(client, auth, points=1000)
    assert response.status_code == 422
    assert client.get("/api/v1/me", headers=auth).get_json()["points"] == 0


def test_body_that_is_not_an_object_is_422(client, auth):
    response = client.post("/api/v1/shares", json=["a"], headers=auth)
    assert response.status_code == 422


def test_malformed_json_is_400_saying_where(client, auth):
    response = client.post(
        "/api/v1/shares",
        data='{"url": "x",\n "network": }',
        headers={**auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "malformed_json"
    assert error["details"]["line"] == 2 and "line 2" in error["message"]


@pytest.mark.parametrize("payload", [b"\xff\xfe\x00junk", b"[" * 60000])
def test_binary_junk_and_deep_nesting_are_4xx(client, auth, payload):
    response = client.post(
        "/api/v1/shares", data=payload, headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code in (400, 413)
    assert "error" in response.get_json()


def test_wrong_content_type_is_415(client, auth):
    response = client.post(
        "/api/v1/shares",
        data="url=x",
        headers=auth,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415


def test_body_over_the_limit_is_413(app, client, auth):
    big = '{"url": "' + "a" * app.config["MAX_CONTENT_LENGTH"] + '", "network": "other"}'
    response = client.post(
        "/api/v1/shares", data=big, headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_listing_is_newest_first_and_paginated(client, auth, clock):
    for n in range(7):
        post_share(client, auth, url=linkedin_url(n))
        clock.advance(minutes=5)
    first = client.get("/api/v1/shares?limit=3", headers=auth).get_json()
    cursor = first["pagination"].pop("next_cursor")
    assert first["pagination"] == {"offset": 0, "limit": 3, "count": 3, "total": 7}
    assert cursor
    assert [s["canonical_url"] for s in first["data"]] == [linkedin_url(n) for n in (6, 5, 4)]
    last = client.get("/api/v1/shares?limit=3&offset=6", headers=auth).get_json()
    assert [s["canonical_url"] for s in last["data"]] == [linkedin_url(0)]
    clamped = client.get("/api/v1/shares?limit=5000", headers=auth).get_json()
    assert clamped["pagination"]["limit"] == 100


def test_cursor_pages_walk_every_share_once_with_ties_deletes_and_stale_posts(client, auth, clock):
    """Following next_cursor visits each live share once, newest first, even when many share
    one logged_at; the total is a counter that follows logs, stale posts and deletes."""
    ids = []
    for n in range(11):
        ids.append(post_share(client, auth, url=linkedin_url(n)).get_json()["share"]["id"])
        if n % 4 == 3:
            clock.advance(minutes=1)  # runs of equal logged_at
    stale = linkedin_url(50, clock() - timedelta(days=45))
    ids.append(post_share(client, auth, url=stale).get_json()["share"]["id"])
    for gone in (ids[2], ids[7]):
        assert client.delete(f"/api/v1/shares/{gone}", headers=auth).status_code == 200
    expected = [i for i in reversed(ids) if i not in (ids[2], ids[7])]
    seen, cursor = [], None
    while True:
        query = "limit=4" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(f"/api/v1/shares?{query}", headers=auth).get_json()
        assert body["pagination"]["total"] == len(expected) == 10
        seen += [s["id"] for s in body["data"]]
        cursor = body["pagination"]["next_cursor"]
        if cursor is None:
            break
    assert seen == expected


@pytest.mark.parametrize("cursor", ["x", "1.0", "12", "1.99999999999999999999", "-1.5"])
def test_bad_cursor_is_400(client, auth, cursor):
    answer = client.get(f"/api/v1/shares?cursor={cursor}", headers=auth)
    assert answer.status_code == 400 and "cursor" in answer.get_json()["error"]["message"]


@pytest.mark.parametrize("query", ["limit=-1", "offset=x", "limit=1.5", "limit=0"])
def test_bad_pagination_is_400(client, auth, query):
    assert client.get(f"/api/v1/shares?{query}", headers=auth).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/shares", "/api/v1/me/kudos"])
def test_a_limit_of_0_is_refused_with_the_range_it_must_be_in(client, auth, path):
    post_share(client, auth)
    answer = client.get(f"{path}?limit=0", headers=auth)
    assert answer.status_code == 400
    assert answer.get_json()["error"]["message"] == (
        "limit must be a whole number from 1 to 1,000,000,000 (more than 100 counts as 100)."
    )
    assert client.get(f"{path}?limit=1", headers=auth).get_json()["pagination"]["limit"] == 1


def test_one_user_cannot_see_anothers_shares(client, auth, make_user):
    post_share(client, auth)
    _, bob = make_user()
    post_share(client, bob, url=linkedin_url(1))
    mine = client.get("/api/v1/shares", headers=bob).get_json()
    assert [s["canonical_url"] for s in mine["data"]] == [linkedin_url(1)]
    assert mine["pagination"]["total"] == 1


def test_unknown_routes_and_methods_are_json(client, auth):
    missing = client.get("/api/v1/nothing-here", headers=auth)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.delete("/api/v1/badges", headers=auth)
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"]

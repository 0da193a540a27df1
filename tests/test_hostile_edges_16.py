"""Hostile and careless use, sixteenth round (a cold hunt on the twenty-sixth version).

- Links on other sites: ?t=, ?s= and ?si= were dropped everywhere as tracking, so two forum
  topics (viewtopic.php?t=1, ?t=2) were one post: a colleague's was refused as already
  claimed, the author's second logged as a duplicate with no points. They are dropped only on
  the sites that track with them (YouTube, Spotify); a hash route (#/posts/1) is kept as the
  post's address on a site that routes in the browser.
- Two Idempotency-Key headers reach the app joined by a comma and were read as one new key;
  a key with a comma is refused, saying why.
- "Content-Encoding: identity" sent twice (joined: "identity, identity") was refused as a
  compressed body; every coding in the list is read.
- A draft's CR alone, vertical tab, form feed, separators or NEL were dropped with the other
  controls, gluing the words on either side ("team\\rWe" read "teamwe"); they are line breaks.
"""

from __future__ import annotations

import pytest

from firsthand.analysis.text import prepare

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _log(client, headers, url, key=None):
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post("/api/v1/shares", json={"url": url, "network": "other"}, headers=headers)


def test_two_forum_topics_are_two_posts_for_two_colleagues(client, auth, make_user):
    _, bob = make_user()
    first = _log(client, auth, "https://forum.example.org/viewtopic.php?t=12345")
    second = _log(client, bob, "https://forum.example.org/viewtopic.php?t=67890")
    assert first.status_code == 201, first.get_json()
    assert second.status_code == 201, second.get_json()
    assert second.get_json()["share"]["canonical_url"].endswith("?t=67890")


def test_one_video_with_its_share_tracking_is_one_post(client, auth):
    first = _log(client, auth, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Ab12")
    again = _log(client, auth, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Zz99&t=42")
    assert first.status_code == 201
    assert again.status_code == 200 and again.get_json()["duplicate"] is True


def test_posts_of_a_site_that_routes_in_the_browser_are_distinct(client, auth):
    first = _log(client, auth, "https://community.example.com/#/posts/1")
    second = _log(client, auth, "https://community.example.com/#/posts/2")
    place = _log(client, auth, "https://blog.example.com/launch#comments")
    assert [r.status_code for r in (first, second, place)] == [201, 201, 201]
    assert second.get_json()["share"]["canonical_url"] == "https://community.example.com/#/posts/2"
    assert place.get_json()["share"]["canonical_url"] == "https://blog.example.com/launch"


@pytest.mark.parametrize("key", ["a,b", "k1, k1", '"a,b"'])
def test_an_idempotency_key_with_a_comma_is_refused_saying_why(client, auth, key):
    answer = _log(client, auth, "https://blog.example.com/p/1", key=key)
    assert answer.status_code == 400
    assert "one Idempotency-Key header" in answer.get_json()["error"]["message"]
    shares = client.get("/api/v1/me", headers=auth).get_json()["shares"]
    assert shares == 0


def test_an_idempotency_key_sent_twice_is_refused(client, auth):
    headers = [*auth.items(), ("Idempotency-Key", "k1"), ("Idempotency-Key", "k2")]
    answer = client.post(
        "/api/v1/shares",
        json={"url": "https://blog.example.com/p/2", "network": "other"},
        headers=headers,
    )
    assert answer.status_code == 400, answer.get_json()


@pytest.mark.parametrize("mark", ["\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"])
def test_other_line_breaks_part_words_as_a_newline_does(mark):
    draft = prepare(f"So proud of my team{mark}We shipped it")
    assert draft.words == prepare("So proud of my team\nWe shipped it").words
    assert "\n" in draft.text and mark not in draft.text.replace("\n", "")


def test_a_draft_with_old_mac_line_ends_is_read_in_the_first_person(client, auth):
    text = "Big day.\rI passed my nursing exam after two years of evening classes.\rThank you!"
    answer = client.post("/api/v1/suggestions", json={"text": text}, headers=auth)
    assert answer.status_code == 200
    assert answer.get_json()["voice"]["label"] == "personal"


@pytest.mark.parametrize("encoding", ["identity, identity", " Identity ,identity"])
def test_identity_sent_twice_is_still_an_uncompressed_body(client, auth, encoding):
    headers = {**auth, "Content-Encoding": encoding}
    answer = client.post("/api/v1/suggestions", json={"text": "I shipped it."}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    headers["Content-Encoding"] = "identity, gzip"
    refused = client.post("/api/v1/suggestions", json={"text": "I shipped it."}, headers=headers)
    assert refused.status_code == 415
